/**
 * Anthropic's server tools reaching Claude on Vertex AI: web search goes with the
 * `anthropic-beta: web-search-2025-03-05` Vertex asks for (Anthropic's own API asks for none, so
 * callers send none); web fetch and code execution, which Vertex does not serve, are left out
 * with a warning rather than failing the whole request. The Vertex judge refuses both mistakes
 * as Vertex does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudGateway } from '../../support/cloud-gateway.js';

type Json = Record<string, unknown>;
type Warnings = Array<{ type: string; feature: string; message: string }>;

const setup = cloudGateway(['vertex'], ({ vertex }, credentialsFile) => ({
  providers: {
    'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: vertex, credentialsFile },
  },
  models: { 'vertex-sonnet': [{ provider: 'gcp-claude', model: 'claude-sonnet-4-5@20250929' }] },
  retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
  routing: { cooldown: false },
}));
const upstream = setup.upstreams.vertex;

const claudeAnswer = { kind: 'json' as const, body: { id: 'msg_vrtx_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'Sunny.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2 } } };

/** An Anthropic caller's request with `tools`, and what reached Vertex. */
async function ask(tools: Json[], betas?: string): Promise<{ status: number; text: string; warnings: Warnings; headers: Record<string, unknown>; body: Json }> {
  upstream.enqueue(claudeAnswer);
  const response = await fetch(`${setup.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'caller', 'anthropic-version': '2023-06-01', ...(betas === undefined ? {} : { 'anthropic-beta': betas }) },
    body: JSON.stringify({ model: 'vertex-sonnet', max_tokens: 256, messages: [{ role: 'user', content: 'What is the weather in Paris today?' }], tools }),
  });
  const text = await response.text();
  const received = upstream.requests.at(-1);
  return { status: response.status, text, warnings: JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Warnings, headers: received?.headers ?? {}, body: (received?.body ?? {}) as Json };
}

test('web search reaches Vertex with the web-search beta the caller did not send', async () => {
  const answer = await ask([{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }]);
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.headers['anthropic-beta'], 'web-search-2025-03-05');
  assert.deepEqual(answer.body['tools'], [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }]);
  assert.ok(!answer.warnings.some((warning) => warning.message.includes('runs only on Anthropic')), JSON.stringify(answer.warnings));
});

test('a caller who already sends the web-search beta, beside another, gets it once', async () => {
  const answer = await ask([{ type: 'web_search_20250305', name: 'web_search' }], 'web-search-2025-03-05,interleaved-thinking-2025-05-14');
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(String(answer.headers['anthropic-beta']).split(',').sort(), ['interleaved-thinking-2025-05-14', 'web-search-2025-03-05']);
});

test('web fetch and code execution, which Vertex does not serve, are left out and reported; the rest goes', async () => {
  const lookup = { name: 'lookup', description: 'Looks a word up.', input_schema: { type: 'object', properties: { word: { type: 'string' } } } };
  const answer = await ask([lookup, { type: 'web_fetch_20250910', name: 'web_fetch' }, { type: 'code_execution_20250825', name: 'code_execution' }]);
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual((answer.body['tools'] as Json[]).map((tool) => tool['name']), ['lookup']);
  assert.equal(answer.headers['anthropic-beta'], undefined);
  const leftOut = answer.warnings.filter((warning) => warning.type === 'unsupported' && warning.feature.startsWith('tools.')).map((warning) => warning.feature);
  assert.deepEqual(leftOut.sort(), ['tools.code_execution_20250825', 'tools.web_fetch_20250910']);
});
