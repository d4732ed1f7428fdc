/**
 * A tool whose name Gemini refuses (longer than 64 characters, or starting with a digit, both fine
 * for Anthropic and common among MCP tools) reaches Gemini under a name it takes, and the caller
 * gets its call back under the name it declared, streamed or not. Caller: the Anthropic SDK; the
 * Gemini test upstream judges each request by Gemini's rules.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import type { RecordedRequest } from '../support/test-upstream.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const longName = 'mcp__project-knowledge-base__search_documents_by_semantic_similarity_and_date';
const digitName = '2fa_code';
const tools: Anthropic.Tool[] = [longName, digitName].map((name) => ({ name, description: 'A tool.', input_schema: { type: 'object', properties: { location: { type: 'string' } } } }));

/** The names Gemini was given, in declaration order. */
function declaredNames(request: RecordedRequest): string[] {
  const body = request.body as { tools: Array<{ functionDeclarations: Array<{ name: string }> }> };
  return body.tools.flatMap((tool) => tool.functionDeclarations.map((declaration) => declaration.name));
}

/** The recorded Gemini answer calling "weather", calling instead the first function Gemini was given. */
function callingFirstDeclared(request: RecordedRequest, text: string): string {
  return text.replaceAll('"name": "weather"', `"name": ${JSON.stringify(declaredNames(request)[0])}`);
}

test('a non-streamed call comes back under the name the caller declared', async () => {
  const recorded = JSON.stringify(readFixtureJson('gemini/fantasy-gemini25flash-tool.i0.response.json'), null, 1);
  harness.upstreams.gemini.answerUnqueuedWith((request) => ({ kind: 'json', body: callingFirstDeclared(request, recorded) }));
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { data, response } = await client.messages.create({ model: modelFor('gemini'), max_tokens: 200, tools, messages: [{ role: 'user', content: 'Search.' }] }).withResponse();
  const sent = declaredNames(harness.upstreams.gemini.requests[0] as RecordedRequest);
  assert.ok(sent.every((name) => /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/.test(name)), JSON.stringify(sent));
  assert.notDeepEqual(sent, [longName, digitName]);
  assert.deepEqual(data.content.filter((block) => block.type === 'tool_use').map((block) => block.name), [longName]);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'tool_name'), JSON.stringify(warnings));
  assert.equal(harness.upstreams.gemini.takeRefusals().length, 0);
});

test('a streamed call comes back under the name the caller declared, and the history goes back under the sent one', async () => {
  const recorded = readFixtureText('gemini/fantasy-gemini25flash-tool_streaming.i0.response.sse');
  harness.upstreams.gemini.answerUnqueuedWith((request) => ({ kind: 'stream', text: callingFirstDeclared(request, recorded) }));
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const message = await client.messages.stream({ model: modelFor('gemini'), max_tokens: 200, tools, messages: [{ role: 'user', content: 'Search.' }] }).finalMessage();
  const call = message.content.find((block) => block.type === 'tool_use');
  assert.equal(call?.name, longName);

  // The next turn replays the call and its result under the caller's name; Gemini sees the sent name throughout.
  harness.upstreams.gemini.answerUnqueuedWith(() => ({ kind: 'json', body: readFixtureJson('gemini/fantasy-gemini25flash-tool.i1.response.json') }));
  await client.messages.create({
    model: modelFor('gemini'),
    max_tokens: 200,
    tools,
    messages: [
      { role: 'user', content: 'Search.' },
      { role: 'assistant', content: message.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call?.id ?? '', content: 'found' }] },
    ],
  });
  const second = harness.upstreams.gemini.requests[1]?.body as { contents: Array<{ parts: Array<Record<string, { name?: string }>> }> };
  const [sentName] = declaredNames(harness.upstreams.gemini.requests[1] as RecordedRequest);
  assert.equal(second.contents[1]?.parts.find((part) => part['functionCall'] !== undefined)?.['functionCall']?.name, sentName);
  assert.equal(second.contents[2]?.parts[0]?.['functionResponse']?.name, sentName);
  assert.equal(harness.upstreams.gemini.takeRefusals().length, 0);
});
