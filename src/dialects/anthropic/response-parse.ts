/**
 * Anthropic message object (non-streamed answer) → interlingua. Server tool blocks
 * (`server_tool_use`, `web_search_tool_result`, …) have no interlingua part: they are kept with
 * their position in `vendor.anthropic.opaque_blocks` and put back for Anthropic callers; callers of
 * other dialects are told they were left out (opaque-output.ts). A text
 * block's web search citations become the part's URL citations (web-search-citations.ts).
 */
import type { AssistantPart, ReasoningPart, TextPart, ToolCallPart } from '../../interlingua/content.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { stringifyToolArguments } from '../../core/tool-arguments.js';
import { parseStopReason } from './finish-reason.js';
import { parseUsage } from './usage.js';
import {
  parseWire,
  redactedThinkingBlockSchema,
  responseSchema,
  textBlockSchema,
  thinkingBlockSchema,
  toolUseBlockSchema,
} from './wire-schema.js';
import type { WireBlock } from './wire-schema.js';
import type { OpaqueBlock } from './opaque-blocks.js';
import { directRedactedThinking, directResponse, directToolUse, directText, directThinking } from './wire-direct.js';
import { dialectName, withVendor } from './vendor-data.js';
import { extraFields } from '../../wire/extra-fields.js';
import { textBlockFields, toolUseBlockFields } from './block-fields.js';
import { blockCitations, CitationTally } from './web-search-citations.js';
import { opaqueOutputEntry } from './opaque-output.js';
import { unportedOutputKey } from '../../core/unported-output.js';

/** The fields of a Messages response that the interlingua models. */
const messageFields: ReadonlySet<string> = new Set(['id', 'type', 'role', 'model', 'content', 'stop_reason', 'stop_sequence', 'usage']);

function contentPart(block: WireBlock, path: string, tally: CitationTally): AssistantPart | undefined {
  switch (block.type) {
    case 'text': {
      const text = directText(block) ?? parseWire(textBlockSchema, block, path, 'upstream_error');
      // The wire `citations` stay in vendor data too, for an Anthropic caller to get back as they were.
      const part = withVendor<TextPart>({ type: 'text', text: text.text }, extraFields(text, textBlockFields));
      const wire = text['citations'];
      if (Array.isArray(wire) && wire.length > 0) {
        const cited = blockCitations(wire, text.text.length);
        tally.add(cited);
        if (cited.citations.length > 0) part.citations = cited.citations;
      }
      return part;
    }
    case 'thinking': {
      const thinking = directThinking(block) ?? parseWire(thinkingBlockSchema, block, path, 'upstream_error');
      const part: ReasoningPart = { type: 'reasoning', text: thinking.thinking, signatureOrigin: dialectName };
      if (thinking.signature !== undefined && thinking.signature !== '') part.signature = thinking.signature;
      return part;
    }
    case 'redacted_thinking': {
      const redacted = directRedactedThinking(block) ?? parseWire(redactedThinkingBlockSchema, block, path, 'upstream_error');
      return { type: 'reasoning', text: '', redactedData: redacted.data, signatureOrigin: dialectName };
    }
    case 'tool_use': {
      const call = directToolUse(block) ?? parseWire(toolUseBlockSchema, block, path, 'upstream_error');
      const part: ToolCallPart = { type: 'tool-call', id: call.id, name: call.name, arguments: stringifyToolArguments(call.input) };
      return withVendor(part, extraFields(call, toolUseBlockFields));
    }
    default:
      return undefined;
  }
}

export function parseResponse(body: unknown): ChatResponse {
  // Read as it is where it fits the schema, which would copy every object of it (wire-direct.ts).
  const wire = directResponse(body) ?? parseWire(responseSchema, body, '', 'upstream_error');
  const content: AssistantPart[] = [];
  const opaque: OpaqueBlock[] = [];
  const tally = new CitationTally();
  for (const [index, block] of wire.content.entries()) {
    const part = contentPart(block, `content.${index}`, tally);
    if (part === undefined) opaque.push({ index: content.length, block });
    else content.push(part);
  }
  const response: ChatResponse = {
    id: wire.id,
    model: wire.model,
    content,
    finishReason: parseStopReason(wire.stop_reason),
    usage: parseUsage(wire.usage),
  };
  if (wire.stop_sequence !== null && wire.stop_sequence !== undefined) response.stopSequence = wire.stop_sequence;
  const extras = extraFields(wire, messageFields);
  const unported = [...opaque.map(({ index, block }) => opaqueOutputEntry(block, index)), ...(tally.unported()?.[unportedOutputKey] ?? [])];
  const vendor = { ...extras, ...(opaque.length > 0 ? { opaque_blocks: opaque } : {}), ...(unported.length > 0 ? { [unportedOutputKey]: unported } : {}) };
  return Object.keys(vendor).length > 0 ? withVendor(response, vendor) : response;
}
