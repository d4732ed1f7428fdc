/**
 * Where `promptCache: auto` puts breakpoints (src/gateway/automatic-cache-breakpoints.ts): after the
 * tools, the system prompt and the caller's last two turns, each only where the estimated prefix
 * reaches the minimum, never more than the maximum, and never beside a caller's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAutomaticBreakpoints } from '../../src/gateway/automatic-cache-breakpoints.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { Message } from '../../src/interlingua/message.js';

const long = 'Keep every answer short and cite the file you read. '.repeat(150);
const limits = { maxBreakpoints: 4, minimumPrefixTokens: 1024 };

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return { model: 'm', system: [], messages: [], sampling: {}, stream: false, ...overrides };
}

/** Where the breakpoints are, as `tools.i`, `system.i`, `messages.i.j`. */
function placed(request: ChatRequest): string[] {
  const found: string[] = [];
  request.tools?.forEach((tool, index) => tool.cache !== undefined && found.push(`tools.${index}`));
  request.system.forEach((part, index) => part.cache !== undefined && found.push(`system.${index}`));
  request.messages.forEach((message, at) => message.content.forEach((part, index) => 'cache' in part && part.cache !== undefined && found.push(`messages.${at}.${index}`)));
  return found;
}

const toolTurns: Message[] = [
  { role: 'user', content: [{ type: 'text', text: 'Read a.ts' }] },
  { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'read', arguments: '{"path":"a.ts"}' }] },
  { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', content: [{ type: 'text', text: 'export const a = 1;' }] }] },
  { role: 'assistant', content: [{ type: 'text', text: 'It exports a.' }] },
  { role: 'user', content: [{ type: 'text', text: 'And b.ts?' }, { type: 'text', text: '' }] },
];

test('long tools and system get one each, and the last two turns of the caller theirs: four in all', async () => {
  const tools = [{ name: 'read', description: long, parameters: { type: 'object' } }];
  const result = await withAutomaticBreakpoints(request({ tools, system: [{ type: 'text', text: 'Be careful.' }], messages: toolTurns }), limits);
  // The tool result is the turn before last; an empty text is never marked.
  assert.deepEqual(placed(result), ['tools.0', 'system.0', 'messages.2.0', 'messages.4.0']);
});

test('a prefix under the minimum gets none, and a shorter maximum keeps the longest prefixes', async () => {
  assert.deepEqual(placed(await withAutomaticBreakpoints(request({ system: [{ type: 'text', text: 'Short.' }], messages: toolTurns }), limits)), []);
  const result = await withAutomaticBreakpoints(request({ system: [{ type: 'text', text: long }], messages: toolTurns }), { ...limits, maxBreakpoints: 2 });
  assert.deepEqual(placed(result), ['messages.2.0', 'messages.4.0']);
});

test("a caller's own breakpoint, even one kept in vendor data, leaves the request as it is", async () => {
  const own = request({ system: [{ type: 'text', text: long }], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache: { ttl: '1h' } }] }] });
  assert.equal(await withAutomaticBreakpoints(own, limits), own);
  const opaque = request({
    system: [{ type: 'text', text: long }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }], vendor: { anthropic: { opaque_blocks: [{ index: 0, block: { type: 'document', cache_control: { type: 'ephemeral' } } }] } } }],
  });
  assert.equal(await withAutomaticBreakpoints(opaque, limits), opaque);
});

test('a breakpoint never sits on empty or whitespace-only text, which Anthropic refuses to carry one: the part before it takes it', async () => {
  const result = await withAutomaticBreakpoints(
    request({
      system: [{ type: 'text', text: long }, { type: 'text', text: '' }, { type: 'text', text: ' \n' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: long }, { type: 'text', text: ' ' }] }],
    }),
    limits,
  );
  assert.deepEqual(placed(result), ['system.0', 'messages.0.0']);
  const blankOnly = await withAutomaticBreakpoints(request({ system: [{ type: 'text', text: '  ' }], messages: [{ role: 'user', content: [{ type: 'text', text: long }] }] }), limits);
  assert.deepEqual(placed(blankOnly), ['messages.0.0']);
});
