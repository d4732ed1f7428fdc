/**
 * What Converse's `inferenceConfig` takes (test/support/vendor-rules/bedrock.ts and
 * models/bedrock-model-families.ts judge it): a temperature up to 1, where OpenAI and Gemini go to
 * 2; no empty stop sequence, and for Claude none that is only whitespace; at most four; none at all
 * for gpt-oss, Qwen and DeepSeek V3. Each fit is reported. A Converse caller asking for what Bedrock
 * refuses is answered as Bedrock would answer it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ConverseCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { bedrockRuntimeClient } from './support/aws-callers.js';

const models = {
  nova: 'us.amazon.nova-pro-v1:0',
  claude: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
  'gpt-oss': 'openai.gpt-oss-120b-1:0',
  qwen: 'qwen.qwen3-235b-a22b-2507-v1:0',
  'deepseek-v3': 'us.deepseek.v3-v1:0',
  'deepseek-r1': 'us.deepseek.r1-v1:0',
};
const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: Object.fromEntries(Object.entries(models).map(([alias, model]) => [alias, [{ provider: 'aws', model }]])),
}));
const client = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
const converseOk = () => ({
  kind: 'json' as const,
  body: { output: { message: { role: 'assistant', content: [{ text: 'ok' }] } }, stopReason: 'end_turn', usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 }, metrics: { latencyMs: 1 } },
});

interface SentConfig {
  inferenceConfig?: { temperature?: number; stopSequences?: string[] };
}
const sentConfig = () => (setup.upstream.requests[0]?.body as SentConfig | undefined)?.inferenceConfig;

async function chat(model: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming>): Promise<string> {
  setup.upstream.enqueue(converseOk());
  const { data, response } = await client().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], ...extra }).withResponse();
  assert.equal(data.choices[0]?.message.content, 'ok');
  return response.headers.get('x-interlingua-warnings') ?? '';
}

test('an OpenAI caller\'s temperature of 1.5 reaches Converse as 1, with a warning', async () => {
  const warnings = await chat('nova', { temperature: 1.5 });
  assert.equal(sentConfig()?.temperature, 1);
  assert.match(warnings, /"temperature"/);
});

test('a temperature within Converse\'s range goes as it came, without a warning', async () => {
  const warnings = await chat('nova', { temperature: 0.7 });
  assert.equal(sentConfig()?.temperature, 0.7);
  assert.doesNotMatch(warnings, /"temperature"/);
});

test('an empty stop sequence is left out for every model, with a warning; the others go', async () => {
  const warnings = await chat('nova', { stop: ['', 'END'] });
  assert.deepEqual(sentConfig()?.stopSequences, ['END']);
  assert.match(warnings, /"stop_sequences"/);
});

test('a whitespace-only stop sequence is left out for Claude, and with nothing left the field goes', async () => {
  const warnings = await chat('claude', { stop: ['\n'] });
  assert.equal(sentConfig()?.stopSequences, undefined);
  assert.match(warnings, /"stop_sequences"/);
});

test('more than four stop sequences: the first four go to Converse, the rest are reported', async () => {
  const warnings = await chat('nova', { stop: ['A', 'B', 'C', 'D', 'E'] });
  assert.deepEqual(sentConfig()?.stopSequences, ['A', 'B', 'C', 'D']);
  assert.match(warnings, /"unsupported","feature":"stop_sequences"/);
});

test('a whitespace-only stop sequence goes to a model other than Claude', async () => {
  const warnings = await chat('nova', { stop: ['\n'] });
  assert.deepEqual(sentConfig()?.stopSequences, ['\n']);
  assert.doesNotMatch(warnings, /"stop_sequences"/);
});

for (const model of ['gpt-oss', 'qwen', 'deepseek-v3']) {
  test(`stop sequences are left out for ${model}, which takes none on Converse, with an unsupported warning`, async () => {
    const warnings = await chat(model, { stop: ['\nObservation:'] });
    assert.equal(sentConfig()?.stopSequences, undefined);
    assert.match(warnings, /"unsupported","feature":"stop_sequences"/);
  });
}

test('stop sequences go to DeepSeek R1, which takes them', async () => {
  const warnings = await chat('deepseek-r1', { stop: ['\nObservation:'] });
  assert.deepEqual(sentConfig()?.stopSequences, ['\nObservation:']);
  assert.doesNotMatch(warnings, /"stop_sequences"/);
});

test('a Converse caller\'s temperature above 1 is refused as Bedrock refuses it, with a ValidationException', async () => {
  const aws = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  await assert.rejects(
    aws.send(new ConverseCommand({ modelId: 'nova', messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { temperature: 1.5 } })),
    (error: Error) => error instanceof ValidationException && /inferenceConfig\.temperature/.test(error.message),
  );
  assert.equal(setup.upstream.requests.length, 0);
});

test('a Converse caller\'s fifth stop sequence is refused as Bedrock refuses it, with a ValidationException', async () => {
  const aws = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  const stopSequences = ['A', 'B', 'C', 'D', 'E'];
  await assert.rejects(
    aws.send(new ConverseCommand({ modelId: 'nova', messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { stopSequences } })),
    (error: Error) => error instanceof ValidationException && /inferenceConfig\.stopSequences/.test(error.message),
  );
  assert.equal(setup.upstream.requests.length, 0);
});
