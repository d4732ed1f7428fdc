/**
 * Tokens the upstream never counted are estimated and recorded as estimates
 * (src/gateway/usage-estimate.ts): a caller that leaves a stream before its usage chunk or a whole
 * answer before it comes, a stream cut before Anthropic's `message_delta`, a compatible server that
 * reports no usage. Vendors bill
 * what they generated until the gateway hung up, so a key must not be charged nothing for it, and
 * its limits must see those tokens. Answers are recorded streams (test/fixtures/recorded): a GPT-5
 * stream of 24 content chunks, a Claude Sonnet 4 stream of 46 text deltas.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { readFixtureText } from '../support/fixtures.js';
import { passThroughSetup } from './support/pass-through-setup.js';

const gptStream = readFixtureText('openai-chat/fantasy-gpt5-image-upload-streaming.response.sse');
const gptFrames = gptStream.split('\n\n').filter((frame) => frame.length > 0);
/** The content chunks, without the finish, the usage chunk and `[DONE]`. */
const gptContentFrames = gptFrames.filter((frame) => frame.includes('"content":"') && !frame.includes('"content":""'));
const gptContent = gptContentFrames.map((frame) => (JSON.parse(frame.slice('data: '.length)) as { choices: Array<{ delta: { content: string } }> }).choices[0]?.delta.content).join('');
const claudeStream = readFixtureText('anthropic/fantasy-sonnet4-image-upload-streaming.response.sse');
const gptJson = JSON.parse(readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json')) as Record<string, unknown>;

const setup = passThroughSetup('estimated', (baseUrl: string) => ({
  providers: {
    oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key' },
    an: { dialect: 'anthropic', baseUrl, apiKey: 'upstream-key' },
  },
  models: { chat: [{ provider: 'oa', model: 'gpt-5' }], claude: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }] },
  auth: { required: true },
  retry: { attempts: 0 },
}));

const question = [{ role: 'user' as const, content: 'Describe the picture in a few sentences, please.' }];

function client(key: string): OpenAI {
  return new OpenAI({ apiKey: key, baseURL: `${setup.url}/v1`, maxRetries: 0 });
}

test('a caller that leaves a relayed stream before its usage chunk is charged the tokens it was sent, as an estimate', async () => {
  const { key, name } = await setup.newKey({ tpm: 20 });
  setup.upstream.enqueue({ kind: 'hang', firstFrame: gptFrames.slice(0, gptFrames.indexOf(gptContentFrames.at(-1)!) + 1).map((frame) => `${frame}\n\n`).join('') });
  const controller = new AbortController();
  const stream = await client(key).chat.completions.create({ model: 'chat', messages: question, stream: true }, { signal: controller.signal });
  let received = '';
  for await (const chunk of stream) {
    received += chunk.choices[0]?.delta.content ?? '';
    if (received === gptContent) controller.abort();
  }
  await setup.upstream.hangClosed;
  const [record] = await setup.recordsOf(name);
  assert.deepEqual({ status: record?.status, error: record?.errorCode, estimated: record?.estimated }, { status: 499, error: 'cancelled', estimated: true });
  // OpenAI counts nothing before its usage chunk: the prompt and the ~24 tokens of text are estimated.
  assert.ok((record?.inputTokens ?? 0) >= 10, `input ${record?.inputTokens}`);
  assert.ok((record?.outputTokens ?? 0) >= 15 && (record?.outputTokens ?? 0) <= 40, `output ${record?.outputTokens}`);
  // The key's per-minute limit saw them: its next request is refused.
  await assert.rejects(client(key).chat.completions.create({ model: 'chat', messages: question }), (error: unknown) => error instanceof OpenAI.RateLimitError);
});

test('a caller that leaves before a whole answer comes is charged the input its request carried, as an estimate', async () => {
  const { key, name } = await setup.newKey({ tpm: 10 });
  setup.upstream.enqueue({ kind: 'hang' });
  const controller = new AbortController();
  const asked = client(key).chat.completions.create({ model: 'chat', messages: question }, { signal: controller.signal });
  for (let waited = 0; setup.upstream.requests.length === 0 && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(setup.upstream.requests.length, 1, 'the upstream holds the request');
  controller.abort();
  await assert.rejects(asked);
  await setup.upstream.hangClosed;
  const [record] = await setup.recordsOf(name);
  assert.deepEqual(
    { status: record?.status, error: record?.errorCode, estimated: record?.estimated, deployment: record?.deployment },
    { status: 499, error: 'cancelled', estimated: true, deployment: 'oa/gpt-5' },
  );
  // The prompt reached the upstream, which bills it; what it wrote before the gateway hung up is unknown.
  assert.ok((record?.inputTokens ?? 0) >= 10, `input ${record?.inputTokens}`);
  assert.equal(record?.outputTokens, 0);
  assert.ok((record?.cost ?? 0) > 0, `cost ${record?.cost}`);
  // The key's per-minute limit saw them: its next request is refused.
  await assert.rejects(client(key).chat.completions.create({ model: 'chat', messages: question }), (error: unknown) => error instanceof OpenAI.RateLimitError);
});

test('a translated stream cut before message_delta keeps the input Anthropic counted and estimates the output it wrote', async () => {
  const { key, name } = await setup.newKey();
  setup.upstream.enqueue({ kind: 'stream', text: claudeStream, cutAfterFrames: 30 });
  const stream = await client(key).chat.completions.create({ model: 'claude', messages: question, stream: true });
  // The cut reaches the caller in-band (an `error` chunk), which the SDK may throw or end on.
  await (async () => {
    for await (const chunk of stream) assert.ok(chunk);
  })().catch(() => undefined);
  const [record] = await setup.recordsOf(name);
  assert.deepEqual({ status: record?.status, error: record?.errorCode, estimated: record?.estimated }, { status: 200, error: 'stream_interrupted', estimated: true });
  const started = JSON.parse(claudeStream.split('\n\n')[0]!.split('data: ')[1]!) as { message: { usage: { input_tokens: number; output_tokens: number } } };
  assert.equal(record?.inputTokens, started.message.usage.input_tokens);
  assert.ok((record?.outputTokens ?? 0) > started.message.usage.output_tokens + 20, `output ${record?.outputTokens}`);
});

test('a stream that finishes without any usage (a server that ignores include_usage) is estimated', async () => {
  const { key, name } = await setup.newKey();
  const withoutUsage = gptFrames.filter((frame) => !frame.includes('"usage":{')).map((frame) => `${frame}\n\n`).join('');
  setup.upstream.enqueue({ kind: 'stream', text: withoutUsage });
  const stream = await client(key).chat.completions.create({ model: 'chat', messages: question, stream: true });
  let received = '';
  for await (const chunk of stream) received += chunk.choices[0]?.delta.content ?? '';
  assert.equal(received, gptContent);
  const [record] = await setup.recordsOf(name);
  assert.deepEqual({ status: record?.status, error: record?.errorCode, estimated: record?.estimated }, { status: 200, error: undefined, estimated: true });
  assert.ok((record?.inputTokens ?? 0) >= 10 && (record?.outputTokens ?? 0) >= 15, `input ${record?.inputTokens}, output ${record?.outputTokens}`);
});

test('a whole answer without usage is estimated from its text; one that reports zero is taken at its word', async () => {
  const { key, name } = await setup.newKey();
  const { usage: _usage, ...withoutUsage } = gptJson;
  setup.upstream.enqueue({ kind: 'json', body: withoutUsage }, { kind: 'json', body: { ...gptJson, usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } } });
  assert.equal((await client(key).chat.completions.create({ model: 'chat', messages: question })).choices[0]?.message.content, 'Oi!');
  assert.equal((await client(key).chat.completions.create({ model: 'chat', messages: question })).choices[0]?.message.content, 'Oi!');
  const [estimated, reported] = await setup.recordsOf(name);
  assert.equal(estimated?.estimated, true);
  assert.ok((estimated?.inputTokens ?? 0) >= 10 && (estimated?.outputTokens ?? 0) >= 1, `input ${estimated?.inputTokens}, output ${estimated?.outputTokens}`);
  assert.deepEqual({ input: reported?.inputTokens, output: reported?.outputTokens, estimated: reported?.estimated }, { input: 0, output: 0, estimated: undefined });
});

test('an answer whose usage the upstream reported is recorded as reported', async () => {
  const { key, name } = await setup.newKey();
  setup.upstream.enqueue({ kind: 'stream', text: gptStream });
  const stream = await client(key).chat.completions.create({ model: 'chat', messages: question, stream: true });
  for await (const chunk of stream) assert.ok(chunk);
  const [record] = await setup.recordsOf(name);
  assert.deepEqual({ input: record?.inputTokens, output: record?.outputTokens, estimated: record?.estimated }, { input: 232, output: 96, estimated: undefined });
});
