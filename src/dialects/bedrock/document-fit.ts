/**
 * Fits the emitted conversation's `document` blocks to what Converse refuses besides the block's
 * own shape (documents.ts), changing the request and warning rather than sending a refused one:
 * - more than five: "You can't include more than 5 documents in a request." (quoted from Bedrock's
 *   ValidationException in aws-samples/generative-ai-use-cases#1685) — the earliest are replaced by
 *   a text block saying so, the latest five kept;
 * - the same name twice: "Messages can't contain duplicate document names. Rename the document and
 *   retry your request." (maximhq/bifrost#7003, aws-samples/generative-ai-use-cases#1685) — a
 *   repeated name gets " (2)", " (3)", … (compared without case, as a safe margin);
 * - a user turn with a document and no text: "A text block must be included when using documents.
 *   Add a text block and retry your request." (BerriAI/litellm#36499, maximhq/bifrost#5817) — a
 *   "." text block is added at the turn's end, after any tool results and cache points.
 */
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedTurn, WireBlock } from './messages-emit.js';
import { isPlainObject } from './vendor-data.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

export const maxDocuments = 5;

/** A place a document block sits: a list (turn content or tool result content) and its index there. */
interface DocumentSlot {
  list: WireBlock[];
  index: number;
}

function documentSlots(turns: readonly EmittedTurn[]): DocumentSlot[] {
  const slots: DocumentSlot[] = [];
  for (const turn of turns) {
    turn.content.forEach((block, index) => {
      if (isPlainObject(block['document'])) slots.push({ list: turn.content, index });
      const result = block['toolResult'];
      if (!isPlainObject(result) || !Array.isArray(result['content'])) return;
      const inner = result['content'] as WireBlock[];
      inner.forEach((item, innerIndex) => {
        if (isPlainObject(item['document'])) slots.push({ list: inner, index: innerIndex });
      });
    });
  }
  return slots;
}

function documentOf(slot: DocumentSlot): Record<string, unknown> {
  return slot.list[slot.index]!['document'] as Record<string, unknown>;
}

/** `name`, or `name (n)` for the first n that is free; within the 200-character limit. */
function uniqueName(name: string, taken: Set<string>): string {
  for (let suffix = 1; ; suffix += 1) {
    const tail = suffix === 1 ? '' : ` (${suffix})`;
    const candidate = `${name.slice(0, 200 - tail.length).trimEnd()}${tail}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

export function fitDocuments(turns: EmittedTurn[], warnings: Warning[]): void {
  const slots = documentSlots(turns);
  const dropped = slots.slice(0, Math.max(0, slots.length - maxDocuments));
  for (const slot of dropped) {
    slot.list[slot.index] = { text: `[A document, "${String(documentOf(slot)['name'])}", was left out here.]` };
  }
  if (dropped.length > 0) {
    addWarningPerFeature(warnings, {
      type: 'unsupported',
      feature: 'file.count',
      message: `Bedrock takes at most ${maxDocuments} documents per request; the ${dropped.length} earliest were replaced by a note.`,
    });
  }
  const taken = new Set<string>();
  let renamed = false;
  for (const slot of slots.slice(dropped.length)) {
    const document = documentOf(slot);
    const name = uniqueName(String(document['name']), taken);
    taken.add(name.toLowerCase());
    if (name !== document['name']) {
      slot.list[slot.index] = { document: { ...document, name } };
      renamed = true;
    }
  }
  if (renamed) addWarningPerFeature(warnings, { type: 'compatibility', feature: 'file.name', message: 'Bedrock refuses two documents of the same name; a repeated name was numbered.' });
  for (const turn of turns) {
    if (turn.role !== 'user' || !turn.content.some((block) => block['document'] !== undefined)) continue;
    if (turn.content.some((block) => typeof block['text'] === 'string' && block['text'].trim() !== '')) continue;
    turn.content.push({ text: '.' });
    addWarningPerFeature(warnings, { type: 'compatibility', feature: 'file.text_block', message: 'Bedrock needs a text block beside a document; "." was added to a turn that had none.' });
  }
}
