/**
 * Claude's answer blocks that have no interlingua part (its server tools' `server_tool_use` and
 * their results, `web_search_tool_result`, `web_fetch_tool_result`, `code_execution_tool_result`,
 * …: the `ContentBlock` union in node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts)
 * as unported output (core/unported-output.ts): each entry keeps the block whole in `wire`, with
 * `at`, the number of interlingua parts before it. An Anthropic caller gets the block back in its
 * place, whole or streamed, and a replayed answer (core/response-to-events.ts) carries it on
 * the same `vendor-output` event; a caller of another dialect is told it was left out. A caller
 * needs these blocks: Claude's web search citations point into the search results, and the next
 * turn sends both back.
 */
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { VendorData } from '../../interlingua/vendor.js';
import { listedUnportedOutput, unportedOutputKey, type UnportedOutput } from '../../core/unported-output.js';
import type { WireBlock } from './wire-schema.js';
import { dialectName, isPlainObject } from './vendor-data.js';
import type { OpaqueBlock } from './opaque-blocks.js';

/** What a caller of another dialect is told of one such block. */
function leftOut(block: WireBlock): string {
  const name = typeof block['name'] === 'string' ? ` ${block['name']}` : '';
  if (block.type === 'server_tool_use') return `Claude called its server tool${name} (server_tool_use); this API's answer has no place for the call, so it was left out.`;
  if (block.type.endsWith('_tool_result')) return `Claude's server tool answered (${block.type}); this API's answer has no place for the result, so it was left out.`;
  return `Claude's answer held a ${block.type} block, which this API's answer has no place for; it was left out.`;
}

/** The entry for one block, `at` parts into the answer. */
export function opaqueOutputEntry(block: WireBlock, at: number): UnportedOutput {
  return { feature: `output.${block.type}`, message: leftOut(block), at, wire: block };
}

/** The `vendor-output` event that tells one block where it came in a stream. */
export function opaqueOutputEvent(entry: UnportedOutput): Extract<StreamEvent, { type: 'vendor-output' }> {
  return { type: 'vendor-output', vendor: { [dialectName]: { [unportedOutputKey]: [entry] } } };
}

/** The blocks an Anthropic vendor slice lists with their place (this dialect's own entries only). */
export function opaqueBlocksListed(vendor: VendorData | undefined): OpaqueBlock[] {
  return listedUnportedOutput(vendor?.[dialectName]).flatMap((entry) => {
    const block = entry.wire;
    return entry.at !== undefined && isPlainObject(block) && typeof block['type'] === 'string' ? [{ index: entry.at, block: block as WireBlock }] : [];
  });
}

/**
 * A block as a Claude stream carries it
 * (https://docs.claude.com/en/docs/build-with-claude/streaming, "Full HTTP Stream response", web
 * search example; test/fixtures/anthropic/doc-format-stream-web-search.sse): a `server_tool_use`
 * starts with an empty `input` that `input_json_delta`s fill; a result block starts whole and stops.
 */
export function streamedOpaqueBlock(block: WireBlock): { start: WireBlock; inputJson?: string } {
  if (block.type !== 'server_tool_use') return { start: block };
  const input = block['input'];
  const empty = input === undefined || (isPlainObject(input) && Object.keys(input).length === 0);
  return empty ? { start: { ...block, input: {} } } : { start: { ...block, input: {} }, inputJson: JSON.stringify(input) };
}
