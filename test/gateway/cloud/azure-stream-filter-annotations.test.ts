/**
 * Azure's content-filter annotations in a streamed Chat Completion from an Azure OpenAI upstream:
 * the `prompt_filter_results` chunk Azure opens with, and the annotation chunks of its
 * asynchronous filter (`content_filter_results` with `content_filter_offsets`, no delta), reach an
 * `AzureOpenAI` caller in their place, as Azure sent them: a caller using the asynchronous filter
 * redacts text already shown by them. A caller of another dialect gets the answer and one warning,
 * in the log, that they were not carried.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureOpenAI } from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { readFixtureText } from '../../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;
const logger = recordingLogger();

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { azure: { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiVersion: '2024-10-21', apiKey: 'azure-test-key' } },
    models: { smart: [{ provider: 'azure', model: 'gpt-4o-mini' }] },
    retry: { attempts: 1 },
  });
  gateway = createGateway(config, { logger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});
beforeEach(() => {
  upstream.reset();
  logger.lines.length = 0;
});

const azure = () => new AzureOpenAI({ endpoint: gatewayUrl, apiKey: 'caller', apiVersion: '2024-10-21', deployment: 'smart', maxRetries: 0 });

/** Every chunk the caller reads, as plain JSON. */
async function streamedChunks(): Promise<Array<Record<string, unknown>>> {
  const stream = await azure().chat.completions.create({ model: 'smart', stream: true, messages: [{ role: 'user', content: 'What is color?' }] });
  const chunks: Array<Record<string, unknown>> = [];
  for await (const chunk of stream) chunks.push(JSON.parse(JSON.stringify(chunk)) as Record<string, unknown>);
  return chunks;
}

const sse = (chunks: readonly unknown[]) => `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;

// The asynchronous filter's stream as Azure documents it, "Sample response stream (passes filters)" and
// "(blocked by filters)": https://learn.microsoft.com/azure/foundry/openai/concepts/content-streaming
// (annotation chunks have id "", no delta, and content_filter_results with content_filter_offsets;
// one may follow the finish chunk, and a blocked stream's finish_reason comes on one).
const safe = { hate: { filtered: false, severity: 'safe' }, self_harm: { filtered: false, severity: 'safe' }, sexual: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' } };
const promptChunk = { id: '', object: '', created: 0, model: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: safe }], choices: [], usage: null };
const common = { id: 'chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY', object: 'chat.completion.chunk', created: 1692913344, model: 'gpt-35-turbo' };
const content = (text: string) => ({ ...common, choices: [{ index: 0, finish_reason: null, delta: { content: text } }], usage: null });
const annotation = (offsets: { check_offset: number; start_offset: number; end_offset: number }, finishReason: string | null = null, results: unknown = safe) => ({
  id: '',
  object: '',
  created: 0,
  model: '',
  choices: [{ index: 0, finish_reason: finishReason, content_filter_results: results, content_filter_offsets: offsets }],
  usage: null,
});
const usageChunk = { ...common, choices: [], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } };

test('the prompt_filter_results chunk Azure opens with reaches an AzureOpenAI caller first, as Azure sent it', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse: its first chunk has no choices, only prompt_filter_results.
  const recorded = readFixtureText('azure-openai/fantasy-gpt5mini-chat-stream.response.sse');
  upstream.enqueue({ kind: 'stream', text: recorded });
  const chunks = await streamedChunks();
  const first = JSON.parse(recorded.split('\n')[0]!.slice('data: '.length)) as Record<string, unknown>;
  assert.deepEqual(chunks[0], first);
  assert.equal(chunks.filter((chunk) => 'prompt_filter_results' in chunk).length, 1);
  const text = chunks.map((chunk) => ((chunk['choices'] as Array<{ delta?: { content?: string } }>)[0]?.delta?.content ?? '')).join('');
  assert.equal(text, 'Olá!');
});

test('under Azure’s default filter, each chunk’s content_filter_results reach an AzureOpenAI caller on the chunk that carried them', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse: each chunk of text carries the four categories.
  const recorded = readFixtureText('azure-openai/fantasy-gpt5mini-chat-stream.response.sse');
  upstream.enqueue({ kind: 'stream', text: recorded });
  const chunks = await streamedChunks();
  type Choice = { delta?: { content?: string }; content_filter_results?: unknown };
  const texts = (list: ReadonlyArray<Record<string, unknown>>) =>
    list.flatMap((chunk) => (chunk['choices'] as Choice[]).filter((choice) => (choice.delta?.content ?? '') !== '').map((choice) => [choice.delta?.content, choice.content_filter_results]));
  const sent = recorded
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => JSON.parse(line.slice('data: '.length)) as Record<string, unknown>);
  assert.deepEqual(texts(chunks), texts(sent));
  assert.equal(texts(chunks).length, 2);
});

test('under Azure’s default filter, the results on each piece of a tool call’s arguments reach an AzureOpenAI caller on that piece', async () => {
  // Results told apart by which category is `low` (passed by the default filter, which blocks from medium).
  const judged = (delta: unknown, category: keyof typeof safe) => ({ ...common, choices: [{ index: 0, finish_reason: null, delta, content_filter_results: { ...safe, [category]: { filtered: false, severity: 'low' } } }], usage: null });
  const piece = (text: string) => ({ tool_calls: [{ index: 0, function: { arguments: text } }] });
  const sent = [
    promptChunk,
    { ...common, choices: [{ index: 0, finish_reason: null, delta: { role: 'assistant' }, content_filter_results: {} }], usage: null },
    judged({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, 'hate'),
    judged(piece('{"city":'), 'violence'),
    judged(piece(''), 'self_harm'),
    judged(piece('"Lisbon"}'), 'sexual'),
    { ...common, choices: [{ index: 0, finish_reason: 'tool_calls', delta: {}, content_filter_results: {} }], usage: null },
    usageChunk,
  ];
  upstream.enqueue({ kind: 'stream', text: sse(sent) });
  const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
  const stream = await azure().chat.completions.create({ model: 'smart', stream: true, tools, messages: [{ role: 'user', content: 'Weather in Lisbon?' }] });
  const pieces: Array<[string | undefined, string | undefined]> = [];
  for await (const chunk of stream) {
    const choice = chunk.choices[0] as (typeof chunk.choices)[number] & { content_filter_results?: Record<string, { severity?: string }> };
    const call = choice?.delta.tool_calls?.[0];
    if (call === undefined) continue;
    const low = Object.entries(choice.content_filter_results ?? {}).find(([, result]) => result.severity === 'low')?.[0];
    pieces.push([call.function?.arguments, low]);
  }
  assert.deepEqual(pieces, [
    ['', 'hate'],
    ['{"city":', 'violence'],
    ['', 'self_harm'],
    ['"Lisbon"}', 'sexual'],
  ]);
});

test('the asynchronous filter’s annotation chunks reach an AzureOpenAI caller in their place, the one after the usage chunk too', async () => {
  const late = annotation({ check_offset: 506, start_offset: 44, end_offset: 571 });
  const sent = [
    promptChunk,
    { ...common, choices: [{ index: 0, finish_reason: null, delta: { role: 'assistant' } }], usage: null },
    content('Color'),
    content(' is'),
    annotation({ check_offset: 44, start_offset: 44, end_offset: 198 }),
    content(' a'),
    { ...common, choices: [{ index: 0, finish_reason: 'stop', delta: {} }], usage: null },
    usageChunk,
    late,
  ];
  upstream.enqueue({ kind: 'stream', text: sse(sent) });
  const chunks = await streamedChunks();
  const kinds = chunks.map((chunk) => {
    if ('prompt_filter_results' in chunk) return 'prompt';
    const choice = (chunk['choices'] as Array<Record<string, unknown>>)[0];
    if (choice === undefined) return 'usage';
    if ('content_filter_offsets' in choice) return `annotation ${(choice['content_filter_offsets'] as { end_offset: number }).end_offset}`;
    if (choice['finish_reason'] != null) return `finish ${String(choice['finish_reason'])}`;
    return `text ${String((choice['delta'] as { content?: string }).content ?? '')}`;
  });
  assert.deepEqual(kinds.slice(0, 6), ['prompt', 'text ', 'text Color', 'text  is', 'annotation 198', 'text  a']);
  // The one Azure sent after its finish and usage chunks comes just before the finish: the answer's finish is always its last event.
  assert.deepEqual(kinds.slice(6), ['annotation 571', 'finish stop']);
  assert.deepEqual(chunks[4], annotation({ check_offset: 44, start_offset: 44, end_offset: 198 }));
  assert.deepEqual(chunks.find((chunk) => JSON.stringify(chunk).includes('"end_offset":571')), late);
});

test('a stream the asynchronous filter blocks: the annotation that names the filter reaches the caller, with finish_reason content_filter', async () => {
  const blocking = annotation({ check_offset: 65, start_offset: 65, end_offset: 1056 }, 'content_filter', { protected_material_text: { detected: true, filtered: true } });
  upstream.enqueue({ kind: 'stream', text: sse([promptChunk, content('Hey'), content(' Jude'), blocking, usageChunk]) });
  const chunks = await streamedChunks();
  assert.deepEqual(chunks.find((chunk) => JSON.stringify(chunk).includes('protected_material_text')), blocking);
  const finishes = chunks.flatMap((chunk) => (chunk['choices'] as Array<{ finish_reason?: string | null }>).map((choice) => choice.finish_reason).filter((reason) => reason != null));
  assert.ok(finishes.length > 0 && finishes.every((reason) => reason === 'content_filter'), JSON.stringify(finishes));
});

test('an anthropic caller gets the answer, and one warning that the filter annotations were not carried', async () => {
  const sent = [promptChunk, content('Color'), annotation({ check_offset: 44, start_offset: 44, end_offset: 198 }), { ...common, choices: [{ index: 0, finish_reason: 'stop', delta: {} }], usage: null }, usageChunk, annotation({ check_offset: 506, start_offset: 44, end_offset: 571 })];
  upstream.enqueue({ kind: 'stream', text: sse(sent) });
  const message = await new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 }).messages.stream({ model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'What is color?' }] }).finalMessage();
  assert.deepEqual(message.content.map((block) => (block.type === 'text' ? block.text : block.type)), ['Color']);
  const warnings = logger.lines
    .filter((line) => line.message === 'translation warnings' && line.fields['streamed'] === true)
    .flatMap((line) => line.fields['warnings'] as Array<{ feature: string; count?: number }>)
    .filter((warning) => warning.feature === 'output.azure_content_filter');
  assert.deepEqual(warnings.map((warning) => warning.count ?? 1), [1], JSON.stringify(logger.lines.filter((line) => line.message === 'translation warnings')));
});
