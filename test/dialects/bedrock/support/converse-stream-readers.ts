/**
 * Two readers of ConverseStream events, in the shape the AWS SDK yields them (`{ contentBlockStart: {...} }`,
 * one member set), for checking what a Bedrock caller receives.
 */
import assert from 'node:assert/strict';
import type { StreamFrame } from '../../../../src/interlingua/dialect.js';

export interface ConverseStreamEventLike {
  messageStart?: unknown;
  contentBlockStart?: { contentBlockIndex?: number; start?: { toolUse?: { toolUseId?: string; name?: string } } };
  contentBlockDelta?: { contentBlockIndex?: number; delta?: { text?: string; toolUse?: { input?: string } } };
  contentBlockStop?: { contentBlockIndex?: number };
  messageStop?: { stopReason?: string };
  metadata?: unknown;
}

/** The encoder's frames as the SDK's event objects: the frame's `:event-type` names the member. */
export function frameEvents(frames: readonly StreamFrame[]): ConverseStreamEventLike[] {
  return frames.map((frame) => ({ [frame.event ?? '']: JSON.parse(frame.data) as unknown }) as ConverseStreamEventLike);
}

/**
 * Bedrock sends one content block at a time, indices counting up from 0: every block's first event
 * (`contentBlockStart` for a tool use, the first delta for text) comes after the previous block's
 * `contentBlockStop` (recorded: test/fixtures/recorded/bedrock/stream-converse-kimi-k2-text-then-tooluse.data.ndjson).
 */
export function assertOneBlockAtATime(events: readonly ConverseStreamEventLike[]): void {
  let open: number | undefined;
  let next = 0;
  const opens = (index: number | undefined, what: string) => {
    assert.equal(open, undefined, `${what} ${index} while block ${open} is open`);
    assert.equal(index, next, `${what}: index ${index}, expected ${next}`);
    open = index;
    next++;
  };
  for (const event of events) {
    if (event.contentBlockStart !== undefined) opens(event.contentBlockStart.contentBlockIndex, 'contentBlockStart');
    if (event.contentBlockDelta !== undefined) {
      if (open === undefined) opens(event.contentBlockDelta.contentBlockIndex, 'contentBlockDelta');
      else assert.equal(event.contentBlockDelta.contentBlockIndex, open, `a delta for block ${event.contentBlockDelta.contentBlockIndex} while ${open} is open`);
    }
    if (event.contentBlockStop !== undefined) {
      assert.equal(event.contentBlockStop.contentBlockIndex, open, `contentBlockStop ${event.contentBlockStop.contentBlockIndex} while ${open} is open`);
      open = undefined;
    }
    if (event.messageStop !== undefined) assert.equal(open, undefined, `messageStop while block ${open} is open`);
  }
}

export type StrandsBlock = { toolUse: { toolUseId: string; name: string; input: unknown } } | { text: string };

/**
 * The content AWS Strands Agents builds from a ConverseStream (strands-agents/sdk-python
 * src/strands/event_loop/streaming.py `process_stream`): one current tool use, replaced at every
 * `contentBlockStart` and finished at `contentBlockStop`; text gathered until a stop with no tool
 * use current. Block indices are not looked at.
 */
export function strandsContent(events: readonly ConverseStreamEventLike[]): StrandsBlock[] {
  const content: StrandsBlock[] = [];
  let current: { toolUseId: string; name: string; input: string } | undefined;
  let text = '';
  for (const event of events) {
    if (event.contentBlockStart !== undefined) {
      const toolUse = event.contentBlockStart.start?.toolUse;
      current = toolUse === undefined ? undefined : { toolUseId: toolUse.toolUseId ?? '', name: toolUse.name ?? '', input: '' };
    }
    const delta = event.contentBlockDelta?.delta;
    if (delta?.toolUse?.input !== undefined && current !== undefined) current.input += delta.toolUse.input;
    if (delta?.text !== undefined) text += delta.text;
    if (event.contentBlockStop !== undefined) {
      if (current !== undefined) {
        content.push({ toolUse: { ...current, input: JSON.parse(current.input || '{}') as unknown } });
        current = undefined;
      } else if (text !== '') {
        content.push({ text });
        text = '';
      }
    }
  }
  return content;
}
