/**
 * What a caller of the Gemini API (the official @google/genai SDK) gets from the gateway: the
 * `models.get` and `models.list` resources, thoughts only when it asked for them, and one candidate
 * (with a warning) from an upstream of another dialect.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, GoogleGenAI } from '@google/genai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { readCarrier } from '../../src/core/signature-envelope.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const caller = (apiVersion?: string) => new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl, ...(apiVersion ? { apiVersion } : {}) } });

test('models.get answers a Model resource, on v1beta and v1, with the limits the catalog knows', async () => {
  const model = await caller().models.get({ model: modelFor('gemini') });
  // gemini-2.5-flash: "Input token limit 1,048,576 · Output token limit 65,536" (the catalog).
  assert.deepEqual(model, {
    name: 'models/via-gemini',
    displayName: 'via-gemini',
    tunedModelInfo: {},
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedActions: ['generateContent', 'streamGenerateContent', 'countTokens', 'embedContent', 'batchEmbedContents'],
  });
  const claude = await caller('v1').models.get({ model: modelFor('anthropic') });
  assert.deepEqual(claude.supportedActions, ['generateContent', 'streamGenerateContent', 'countTokens'], 'Anthropic has no embeddings API');
  // `fallback` is Claude then GPT-4o: the smaller of each limit holds for both.
  const fallback = await caller().models.get({ model: 'fallback' });
  assert.deepEqual([fallback.inputTokenLimit, fallback.outputTokenLimit], [128_000, 16_384]);
});

test('models.get of a name the gateway does not serve is Gemini\'s 404', async () => {
  await assert.rejects(caller().models.get({ model: 'no-such-model' }), (error: unknown) => error instanceof ApiError && error.status === 404);
  const response = await fetch(`${harness.gatewayUrl}/v1beta/models/no-such-model`);
  assert.equal(response.status, 404);
  const body = (await response.json()) as { error: Record<string, unknown> };
  assert.deepEqual([body.error['code'], body.error['status']], [404, 'NOT_FOUND']);
  assert.equal(typeof body.error['message'], 'string');
  // Without a Google caller's marks, /v1/models/{id} stays OpenAI's path.
  assert.equal((await fetch(`${harness.gatewayUrl}/v1/models/${modelFor('gemini')}`)).status, 404);
});

test('models.list names every method the gateway serves on each name', async () => {
  const listed = (await caller().models.list()).page;
  const gemini = listed.find((model) => model.name === 'models/via-gemini');
  assert.deepEqual(gemini?.supportedActions, ['generateContent', 'streamGenerateContent', 'countTokens', 'embedContent', 'batchEmbedContents']);
  assert.deepEqual([gemini?.inputTokenLimit, gemini?.outputTokenLimit], [1_048_576, 65_536]);
  assert.equal((await caller('v1').models.list()).page.length, listed.length);
});

const reasoningAnswer = {
  kind: 'json' as const,
  body: {
    id: 'c1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Answer', reasoning_content: 'private chain of thought' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
  },
};

const reasoningOnlyStream = {
  kind: 'stream' as const,
  text: [
    { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { role: 'assistant', reasoning_content: 'thinking ' } }] },
    { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { reasoning_content: 'more' } }] },
    { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: {}, finish_reason: 'length' }] },
    { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [], usage: { prompt_tokens: 3, completion_tokens: 9, total_tokens: 12 } },
  ]
    .map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`)
    .join('') + 'data: [DONE]\n\n',
};

test('another vendor\'s reasoning reaches a Gemini caller only when it asked for thoughts', async () => {
  harness.upstreams['openai-chat'].enqueue(reasoningAnswer, reasoningAnswer, reasoningAnswer);
  for (const config of [{}, { thinkingConfig: { thinkingBudget: 1024 } }, { thinkingConfig: { includeThoughts: false } }]) {
    const answer = await caller().models.generateContent({ model: modelFor('openai-chat'), contents: 'hi', config });
    assert.deepEqual(answer.candidates?.[0]?.content?.parts, [{ text: 'Answer' }], JSON.stringify(config));
  }
  harness.upstreams['openai-chat'].enqueue(reasoningAnswer);
  const asked = await caller().models.generateContent({ model: modelFor('openai-chat'), contents: 'hi', config: { thinkingConfig: { includeThoughts: true } } });
  assert.deepEqual(asked.candidates?.[0]?.content?.parts, [{ text: 'private chain of thought', thought: true }, { text: 'Answer' }]);
});

test('a stream of reasoning alone, not asked to be shown, is a valid empty Gemini stream; asked, it is shown', async () => {
  harness.upstreams['openai-chat'].enqueue(reasoningOnlyStream);
  const chunks = [];
  for await (const chunk of await caller().models.generateContentStream({ model: modelFor('openai-chat'), contents: 'hi', config: { thinkingConfig: { thinkingBudget: 1024 } } })) chunks.push(chunk);
  const parts = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
  assert.ok(parts.every((part) => part.thought !== true), JSON.stringify(parts));
  assert.equal(chunks.at(-1)?.candidates?.[0]?.finishReason, 'MAX_TOKENS');
  assert.equal(chunks.at(-1)?.usageMetadata?.candidatesTokenCount, 9);

  harness.upstreams['openai-chat'].enqueue(reasoningOnlyStream);
  let thoughts = '';
  for await (const chunk of await caller().models.generateContentStream({ model: modelFor('openai-chat'), contents: 'hi', config: { thinkingConfig: { includeThoughts: true } } })) {
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) if (part.thought === true) thoughts += part.text ?? '';
  }
  assert.equal(thoughts, 'thinking more');
});

test('hidden thinking still signs the function call, whole and streamed, so the caller can hand the signature back', async () => {
  const thinkingThenCall = {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-20250514',
    content: [
      { type: 'thinking', thinking: 'look it up', signature: 'sig-1' },
      { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
    ],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 3, output_tokens: 5 },
  };
  const tools = [{ functionDeclarations: [{ name: 'weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }] }];
  harness.upstreams.anthropic.enqueue({ kind: 'json', body: thinkingThenCall });
  const answer = await caller().models.generateContent({ model: modelFor('anthropic'), contents: 'Weather in Paris?', config: { tools } });
  const parts = answer.candidates?.[0]?.content?.parts ?? [];
  assert.equal(parts.length, 1, JSON.stringify(parts));
  assert.equal(parts[0]?.functionCall?.name, 'weather');
  const carried = readCarrier('gemini', String(parts[0]?.thoughtSignature));
  assert.deepEqual([carried.origin, carried.value, carried.text], ['anthropic', 'sig-1', 'look it up']);

  harness.upstreams.anthropic.enqueue({ kind: 'stream', text: anthropicStream(thinkingThenCall) });
  const streamed = [];
  for await (const chunk of await caller().models.generateContentStream({ model: modelFor('anthropic'), contents: 'Weather in Paris?', config: { tools } })) {
    streamed.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
  }
  assert.ok(streamed.every((part) => part.thought !== true), JSON.stringify(streamed));
  const call = streamed.find((part) => part.functionCall !== undefined);
  assert.equal(readCarrier('gemini', String(call?.thoughtSignature)).value, 'sig-1');
});

/** The Messages stream of a thinking block and a tool call (https://docs.anthropic.com/en/docs/build-with-claude/streaming). */
function anthropicStream(message: { content: unknown[]; usage: unknown }): string {
  const events: Array<[string, unknown]> = [
    ['message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 3, output_tokens: 1 } } }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'look it up' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig-1' } }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} } }],
    ['content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":"Paris"}' } }],
    ['content_block_stop', { type: 'content_block_stop', index: 1 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 5 } }],
    ['message_stop', { type: 'message_stop' }],
  ];
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

test('candidateCount 2 to an upstream of another dialect asks it for one, and says so; a Gemini upstream is asked for two', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const answer = await caller().models.generateContent({ model: modelFor('openai-chat'), contents: 'hi', config: { candidateCount: 2 } });
  assert.equal((harness.upstreams['openai-chat'].requests[0]?.body as Record<string, unknown>)['n'], undefined);
  assert.equal(answer.candidates?.length, 1);
  const warnings = JSON.parse(answer.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? '[]') as Array<{ type: string; feature: string; message: string }>;
  assert.ok(warnings.some((warning) => warning.type === 'unsupported' && warning.feature === 'candidate_count' && warning.message.includes('2 were asked for')), JSON.stringify(warnings));

  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
  await caller().models.generateContent({ model: modelFor('gemini'), contents: 'hi', config: { candidateCount: 2 } });
  assert.equal((harness.upstreams.gemini.requests[0]?.body as { generationConfig?: { candidateCount?: number } }).generationConfig?.candidateCount, 2);
});
