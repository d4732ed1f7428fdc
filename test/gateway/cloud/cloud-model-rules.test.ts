/**
 * Vertex AI and Bedrock serve Anthropic's and Google's models with their own per-model rules (Opus
 * 4.7 takes no sampling settings and thinks adaptively only; Opus 5.5 refuses a forced tool call;
 * Gemini 2.5 Pro cannot stop thinking), and their judges hold them, with the model named in the
 * path. An OpenAI caller's settings those models refuse reach them fitted, with warnings, as they
 * would reach Anthropic's or Google's own API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudGateway } from '../../support/cloud-gateway.js';

type Json = Record<string, unknown>;

const setup = cloudGateway(['cloud'], ({ cloud }, credentialsFile) => ({
  providers: {
    gcp: { dialect: 'vertex', projectId: 'test-project', location: 'global', baseUrl: cloud, credentialsFile },
    'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'global', baseUrl: cloud, credentialsFile },
    'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: cloud },
    'aws-converse': { dialect: 'bedrock', region: 'us-east-1', baseUrl: cloud },
  },
  models: {
    opus47: [{ provider: 'gcp-claude', model: 'claude-opus-4-7' }],
    pro25: [{ provider: 'gcp', model: 'gemini-2.5-pro' }],
    'bedrock-opus55': [{ provider: 'aws-claude', model: 'global.anthropic.claude-opus-5-5-v1:0' }],
    'bedrock-opus47': [{ provider: 'aws-claude', model: 'us.anthropic.claude-opus-4-7' }],
    'bedrock-sonnet45': [{ provider: 'aws-claude', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }],
    'converse-opus55': [{ provider: 'aws-converse', model: 'global.anthropic.claude-opus-5-5-v1:0' }],
    'converse-haiku45': [{ provider: 'aws-converse', model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' }],
  },
  retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
  routing: { cooldown: false },
}));
/** One test upstream serves every cloud's paths; its judge is chosen by the path. */
const upstream = setup.upstreams.cloud;

async function chat(body: Json): Promise<{ status: number; warnings: Array<{ feature: string }> }> {
  const response = await fetch(`${setup.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer caller' }, body: JSON.stringify(body) });
  await response.text();
  return { status: response.status, warnings: JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }> };
}

test('Claude Opus 4.7 on Vertex: sampling settings are left out and reasoning goes as adaptive thinking', async () => {
  upstream.enqueue({ kind: 'json', body: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-opus-4-7', content: [{ type: 'text', text: 'Hi.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2 } } });
  const answer = await chat({ model: 'opus47', temperature: 0.2, top_p: 0.9, reasoning_effort: 'low', messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(answer.status, 200);
  const body = upstream.requests[0]!.body as Json;
  assert.equal(body['temperature'], undefined);
  assert.equal(body['top_p'], undefined);
  assert.equal((body['thinking'] as Json | undefined)?.['type'], 'adaptive');
  assert.ok(answer.warnings.length > 0, 'the caller is told what was left out');
});

test('Gemini 2.5 Pro on Vertex: reasoning turned off is not sent as a budget of 0, which it refuses', async () => {
  upstream.enqueue({ kind: 'json', body: { candidates: [{ content: { role: 'model', parts: [{ text: 'Hi.' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 }, modelVersion: 'gemini-2.5-pro' } });
  const answer = await chat({ model: 'pro25', reasoning_effort: 'none', messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(answer.status, 200);
  const config = (upstream.requests[0]!.body as { generationConfig?: { thinkingConfig?: Json } }).generationConfig;
  assert.notEqual(config?.thinkingConfig?.['thinkingBudget'], 0);
});

test('Claude Opus 5.5 on Bedrock: a tool call the caller forces goes as the model takes it, not forced', async () => {
  upstream.enqueue({ kind: 'json', body: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-opus-5-5', content: [{ type: 'text', text: 'Hi.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2 } } });
  const tools = [{ type: 'function', function: { name: 'lookup', description: 'Looks a word up.', parameters: { type: 'object', properties: { word: { type: 'string' } } } } }];
  const answer = await chat({ model: 'bedrock-opus55', tools, tool_choice: 'required', messages: [{ role: 'user', content: 'Look up "gateway".' }] });
  assert.equal(answer.status, 200);
  assert.equal(upstream.requests[0]!.url.startsWith('/model/global.anthropic.claude-opus-5-5-v1%3A0/invoke'), true, upstream.requests[0]!.url);
  assert.deepEqual((upstream.requests[0]!.body as Json)['tool_choice'], { type: 'auto' });
  assert.ok(answer.warnings.some((warning) => warning.feature.startsWith('tool_choice')), JSON.stringify(answer.warnings));
});

test('Claude Opus 4.7 on Bedrock InvokeModel: a JSON Schema goes in the system prompt, where Sonnet 4.5 takes output_config.format', async () => {
  const claudeAnswer = { kind: 'json' as const, body: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text: '{"name":"Ada"}' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 6 } } };
  upstream.enqueue(claudeAnswer, claudeAnswer);
  const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };
  const asked = (model: string) => chat({ model, max_tokens: 200, response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema } }, messages: [{ role: 'user', content: 'Name a person.' }] });
  const opus = await asked('bedrock-opus47');
  assert.equal(opus.status, 200);
  const sent = upstream.requests[0]!.body as Json;
  assert.equal(upstream.requests[0]!.url, '/model/us.anthropic.claude-opus-4-7/invoke');
  assert.equal((sent['output_config'] as Json | undefined)?.['format'], undefined);
  assert.match(JSON.stringify(sent['system']), /matches this JSON Schema/);
  assert.ok(opus.warnings.some((warning) => warning.feature === 'response_format.json_schema'), JSON.stringify(opus.warnings));
  const sonnet = await asked('bedrock-sonnet45');
  assert.equal(sonnet.status, 200);
  assert.deepEqual((upstream.requests[1]!.body as { output_config?: Json }).output_config?.['format'], { type: 'json_schema', schema });
});

const converseAnswer = { kind: 'json' as const, body: { output: { message: { role: 'assistant', content: [{ text: 'Hi.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 }, metrics: { latencyMs: 100 } } };

test('Claude on Bedrock Converse: a forced tool call to Opus 5.5 goes as auto, and Haiku 4.5 is asked for no more than it writes', async () => {
  upstream.enqueue(converseAnswer, converseAnswer);
  const tools = [{ type: 'function', function: { name: 'lookup', description: 'Looks a word up.', parameters: { type: 'object', properties: { word: { type: 'string' } } } } }];
  const forced = await chat({ model: 'converse-opus55', tools, tool_choice: 'required', messages: [{ role: 'user', content: 'Look up "gateway".' }] });
  assert.equal(forced.status, 200);
  assert.deepEqual(((upstream.requests[0]!.body as Json)['toolConfig'] as Json)['toolChoice'], { auto: {} });
  const long = await chat({ model: 'converse-haiku45', max_tokens: 100000, messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(long.status, 200);
  assert.ok((((upstream.requests[1]!.body as Json)['inferenceConfig'] as Json)['maxTokens'] as number) <= 64000);
});
