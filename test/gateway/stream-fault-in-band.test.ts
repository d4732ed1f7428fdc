/**
 * A fault of the gateway's own in the middle of a stream ends the caller's stream with an error in
 * its dialect, never with a clean end it would take for a whole (if unfinished) answer. The fault
 * here: a stored Responses turn is folded as it streams, and the upstream's events break the fold
 * (a tool call opened under the id of the text block still open, the text going on after it). Not
 * stored, the same stream has nothing to fold, and is answered to its end.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';

const upstream = new TestUpstream();
let gateway: Gateway;
let gatewayUrl: string;

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const brokenFold = [
  sse('message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-20250514', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } }),
  sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
  sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello ' } }),
  sse('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: '0', name: 'lookup', input: {} } }),
  sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'world' } }),
  sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
  sse('content_block_stop', { type: 'content_block_stop', index: 1 }),
  sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 10 } }),
  sse('message_stop', { type: 'message_stop' }),
].join('');

before(async () => {
  await upstream.start();
  gateway = createGateway(
    resolveConfig({
      providers: { an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'upstream-key' } },
      models: { claude: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }] },
      retry: { attempts: 0 },
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});

/** The event names of a streamed Responses turn, as the caller read them to the end of the body. */
async function streamedEvents(store: boolean): Promise<string[]> {
  upstream.enqueue({ kind: 'stream', text: brokenFold, frameDelayMs: 20 });
  const response = await fetch(`${gatewayUrl}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude', stream: true, store, input: 'hi', tools: [{ type: 'function', name: 'lookup', parameters: { type: 'object', properties: {} } }] }),
  });
  assert.equal(response.status, 200);
  return [...(await response.text()).matchAll(/^event: (.*)$/gm)].map((match) => match[1] as string);
}

test('a stored turn whose fold fails mid-stream ends in-band with response.failed', async () => {
  const events = await streamedEvents(true);
  assert.ok(events.includes('response.output_text.delta'), `the answer had begun: ${events.join(', ')}`);
  assert.equal(events.at(-1), 'response.failed', `the last event: ${events.join(', ')}`);
  assert.ok(!events.includes('response.completed'));
});

test('the same stream, not stored, has nothing to fold and is answered to its end', async () => {
  const events = await streamedEvents(false);
  assert.equal(events.at(-1), 'response.completed', events.join(', '));
});
