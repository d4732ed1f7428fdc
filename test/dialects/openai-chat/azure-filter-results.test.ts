/**
 * Azure's content-filter results on the answer itself (src/dialects/openai-chat/azure-filter-results.ts):
 * on each chunk of a stream under the default filter, carried to the chunk a Chat caller gets for it,
 * and in a whole answer, given back to a Chat caller and listed once for callers of other dialects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureOpenaiDialect } from '../../../src/dialects/openai-chat/azure-platform.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { listedUnportedOutput } from '../../../src/core/unported-output.js';
import type { EmitResponseContext } from '../../../src/interlingua/dialect.js';
import { decodeFrames, readStreamFrames } from './helpers.js';

// test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse: every chunk's choice has
// content_filter_results, {} on the role and finish chunks, the four categories on the chunks of text.
const recording = 'azure-openai/fantasy-gpt5mini-chat-stream.response.sse';
const context: EmitResponseContext = { requestedModel: 'smart', request: { model: 'smart', system: [], messages: [], sampling: {}, stream: true } };

type WireChoice = { delta?: { content?: string }; finish_reason?: string | null; content_filter_results?: unknown };
const choiceOf = (chunk: Record<string, unknown>): WireChoice | undefined => (chunk['choices'] as WireChoice[] | undefined)?.[0];

function written(events: ReturnType<typeof decodeFrames>): Array<Record<string, unknown>> {
  const encoder = openaiChatDialect.createStreamEncoder(context);
  return events
    .map((event) => encoder.encode(event))
    .join('')
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: {'))
    .map((frame) => JSON.parse(frame.slice('data: '.length)) as Record<string, unknown>);
}

test('each recorded chunk’s content_filter_results come back on the chunk a Chat caller gets for it', () => {
  const frames = readStreamFrames(recording);
  const recorded = frames.filter((frame) => frame.data.startsWith('{')).map((frame) => JSON.parse(frame.data) as Record<string, unknown>);
  const sent = written(decodeFrames(frames, azureOpenaiDialect.createStreamDecoder()));
  for (const chunk of recorded) {
    const choice = choiceOf(chunk);
    const text = choice?.delta?.content;
    if (text === undefined || text === '') continue;
    const carrying = sent.find((each) => choiceOf(each)?.delta?.content === text);
    assert.deepEqual(choiceOf(carrying ?? {})?.content_filter_results, choice?.content_filter_results, `the chunk of ${text}`);
  }
  const texts = sent.filter((each) => (choiceOf(each)?.delta?.content ?? '') !== '');
  assert.equal(texts.length, 2);
  assert.deepEqual(choiceOf(sent.find((each) => choiceOf(each)?.finish_reason === 'stop') ?? {})?.content_filter_results, {}, 'the finish chunk’s, as it came');
  assert.deepEqual(choiceOf(sent.find((each) => choiceOf(each)?.delta?.content === '') ?? {})?.content_filter_results, {}, 'the role chunk’s, as it came');
});

/**
 * The recording with its text swapped for what an answer may also hold, each chunk keeping the recorded
 * chunk's envelope and its own filter results: the results differ from chunk to chunk (a marker
 * category beside the recorded four), so each can be told where it lands.
 */
function recordedWith(deltas: ReadonlyArray<Record<string, unknown>>): Array<{ data: string }> {
  const frames = readStreamFrames(recording);
  const [promptChunk, roleChunk, textChunk, , finishChunk, ...rest] = frames;
  const template = JSON.parse(textChunk!.data) as { choices: Array<{ content_filter_results: Record<string, unknown> }> };
  const chunks = deltas.map((delta, position) => {
    const choice = { ...template.choices[0]!, delta, content_filter_results: { ...template.choices[0]!.content_filter_results, marker: { position } } };
    return { data: JSON.stringify({ ...template, choices: [choice] }) };
  });
  return [promptChunk!, roleChunk!, ...chunks, finishChunk!, ...rest];
}

const markerOf = (choice: WireChoice | undefined): unknown => (choice?.content_filter_results as { marker?: { position: number } } | undefined)?.marker?.position;

test('the results of a tool call’s later argument pieces, an empty piece among them, come back on their own chunks', () => {
  const call = (fields: Record<string, unknown>) => ({ tool_calls: [{ index: 0, ...fields }] });
  const frames = recordedWith([
    call({ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }),
    call({ function: { arguments: '{"city":' } }),
    call({ function: { arguments: '' } }),
    call({ function: { arguments: '"Lisbon"}' } }),
  ]);
  const sent = written(decodeFrames(frames, azureOpenaiDialect.createStreamDecoder()));
  type CallChoice = WireChoice & { delta?: { tool_calls?: Array<{ function?: { name?: string; arguments?: string } }> } };
  const pieces = sent.map((chunk) => choiceOf(chunk) as CallChoice | undefined).filter((choice) => choice?.delta?.tool_calls !== undefined);
  assert.deepEqual(
    pieces.map((choice) => [choice?.delta?.tool_calls?.[0]?.function?.arguments, markerOf(choice)]),
    [['', 0], ['{"city":', 1], ['', 2], ['"Lisbon"}', 3]],
  );
});

test('the results of an empty content chunk between two of text come back on a chunk of their own', () => {
  const frames = recordedWith([{ content: 'Olá' }, { content: '' }, { content: '!' }]);
  const sent = written(decodeFrames(frames, azureOpenaiDialect.createStreamDecoder()));
  const marked = sent.map((chunk) => choiceOf(chunk)).filter((choice) => markerOf(choice) !== undefined);
  assert.deepEqual(
    marked.map((choice) => [choice?.delta?.content, markerOf(choice)]),
    [['Olá', 0], ['', 1], ['!', 2]],
  );
});

test('a stream whose only filter results ride on its chunks lists them once, for callers of other dialects', () => {
  // The recording without the prompt's own chunk: what is left of Azure's filter is on the answer's chunks.
  const frames = readStreamFrames(recording).slice(1);
  const finish = decodeFrames(frames, azureOpenaiDialect.createStreamDecoder()).at(-1);
  assert.ok(finish?.type === 'finish');
  assert.deepEqual(listedUnportedOutput(finish.vendor?.['openai-chat']).map((entry) => entry.feature), ['output.azure_content_filter']);
});

test('OpenAI’s own chunks, with no filter results, are written as before', () => {
  const frames = [{ data: JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: 'stop' }] }) }, { data: '[DONE]' }];
  const events = decodeFrames(frames);
  assert.ok(events.every((event) => event.type !== 'text-delta' || event.vendor === undefined));
  assert.ok(written(events).every((chunk) => choiceOf(chunk)?.content_filter_results === undefined));
});

// The "Annotations" output sample of https://learn.microsoft.com/azure/ai-services/openai/concepts/content-filter:
// a chat.completion whose choice's content_filter_results has protected_material_code with a citation, and the
// prompt's prompt_filter_results.
const documented = {
  choices: [
    {
      content_filter_results: {
        hate: { filtered: false, severity: 'safe' },
        protected_material_code: { citation: { URL: ' https://github.com/username/repository-name/path/to/file-example.txt', license: 'EXAMPLE-LICENSE' }, detected: true, filtered: false },
        protected_material_text: { detected: false, filtered: false },
        self_harm: { filtered: false, severity: 'safe' },
        sexual: { filtered: false, severity: 'safe' },
        violence: { filtered: false, severity: 'safe' },
      },
      finish_reason: 'stop',
      index: 0,
      message: { content: 'Example model response will be returned ', role: 'assistant' },
    },
  ],
  created: 1699386280,
  id: 'chatcmpl-8IMI4HzcmcK6I77vpOJCPt0Vcf8zJ',
  model: 'gpt-35-turbo',
  object: 'chat.completion',
  prompt_filter_results: [
    {
      content_filter_results: {
        hate: { filtered: false, severity: 'safe' },
        jailbreak: { detected: false, filtered: false },
        profanity: { detected: false, filtered: false },
        self_harm: { filtered: false, severity: 'safe' },
        sexual: { filtered: false, severity: 'safe' },
        violence: { filtered: false, severity: 'safe' },
      },
      prompt_index: 0,
    },
  ],
  usage: { completion_tokens: 40, prompt_tokens: 11, total_tokens: 417 },
};

test('a whole answer’s filter results come back to a Chat caller as they came, and are listed once for the others', () => {
  const response = azureOpenaiDialect.parseResponse(documented);
  const body = openaiChatDialect.emitResponse(response, { ...context, request: { ...context.request, stream: false } }) as typeof documented;
  assert.deepEqual(body.prompt_filter_results, documented.prompt_filter_results);
  assert.deepEqual(body.choices[0]?.content_filter_results, documented.choices[0]?.content_filter_results);
  assert.deepEqual(listedUnportedOutput(response.vendor?.['openai-chat']).map((entry) => entry.feature), ['output.azure_content_filter']);
  const plain = azureOpenaiDialect.parseResponse({ ...documented, prompt_filter_results: undefined, choices: [{ ...documented.choices[0], content_filter_results: undefined }] });
  assert.deepEqual(listedUnportedOutput(plain.vendor?.['openai-chat']), [], 'an answer without them lists nothing');
});
