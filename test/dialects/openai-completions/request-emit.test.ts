/**
 * emitRequest: a completions caller's prompt goes back verbatim (`emit(parse(x))` equals `x`); a
 * conversation is written into one prompt through the model's chat template (test/fixtures/
 * chat-templates) with its stop tokens merged into `stop`, or, with no template, through the
 * documented plain layout with a `compatibility` warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenaiCompletionsDialect, openaiCompletionsDialect } from '../../../src/dialects/openai-completions/index.js';
import { foreignVendorWarnings } from '../../../src/core/vendor-fields.js';
import { upstreamDialect } from '../../../src/dialects/registry.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { expectedQwenPrompt, weatherConversation } from '../../templates/conversation.js';
import { publishedTemplate } from '../../templates/fixtures.js';
import { chatRequest, emitOptions, legacyCompletionsRequest } from './helpers.js';

function roundTrip(body: Record<string, unknown>, dialect = openaiCompletionsDialect): unknown {
  const { request } = dialect.parseRequest(body, {});
  const model = typeof body['model'] === 'string' ? body['model'] : '';
  const emitted = dialect.emitRequest(request, { model, defaultMaxOutputTokens: 4096 });
  assert.deepEqual(emitted.warnings, []);
  return emitted.body;
}

test(`emit(parse(x)) equals x for the recorded request (${legacyCompletionsRequest}), asking for stream usage`, () => {
  const fixture = readFixtureJson(legacyCompletionsRequest) as Record<string, unknown>;
  // The emitter always asks a streaming upstream for usage, so every stream can be accounted.
  assert.deepEqual(roundTrip(fixture), { ...fixture, stream_options: { include_usage: true } });
  assert.deepEqual(roundTrip(fixture, createOpenaiCompletionsDialect({ streamOptions: false })), fixture);
});

test('emit(parse(x)) equals x for a body using every field, in its original spelling', () => {
  const body = {
    model: 'gpt-3.5-turbo-instruct',
    prompt: ['Say this is a test'],
    suffix: ' and that was it.',
    max_tokens: 7,
    temperature: 0,
    top_p: 0.5,
    n: 2,
    stream: true,
    stream_options: { include_usage: true },
    logprobs: 2,
    echo: true,
    stop: '\n',
    presence_penalty: 0.1,
    frequency_penalty: 0.2,
    best_of: 3,
    logit_bias: { '50256': -100 },
    seed: 42,
    user: 'user-1',
    vendor_extension: { keep: 'me' },
  };
  assert.deepEqual(roundTrip(body), body);
  assert.deepEqual(roundTrip({ model: 'm', prompt: 'p', stop: ['a', 'b'] }), { model: 'm', prompt: 'p', stop: ['a', 'b'] });
});

test('a completions caller\'s raw prompt stays verbatim even where a chat template is configured', () => {
  const qwen = publishedTemplate('qwen2.5-7b-instruct');
  const dialect = createOpenaiCompletionsDialect({ chatTemplate: qwen.template, stopTokens: qwen.stopTokens });
  assert.deepEqual(roundTrip({ model: 'm', prompt: 'Once upon a time', max_tokens: 5 }, dialect), { model: 'm', prompt: 'Once upon a time', max_tokens: 5 });
});

test('the @prompt marker is spelling only: other targets report the unmodelled fields, not the prompt', () => {
  const { request } = openaiCompletionsDialect.parseRequest({ model: 'm', prompt: 'p', suffix: 's' }, {});
  assert.deepEqual(
    foreignVendorWarnings(request.vendor, 'openai-chat').map((warning) => warning.feature),
    ['suffix'],
  );
});

test('a conversation through Qwen2.5\'s template: the exact ChatML prompt, its stop tokens merged after the caller\'s', () => {
  const qwen = publishedTemplate('qwen2.5-7b-instruct');
  const dialect = createOpenaiCompletionsDialect({ chatTemplate: qwen.template, stopTokens: qwen.stopTokens });
  const request: ChatRequest = { ...weatherConversation, stream: true, sampling: { stopSequences: ['END', '<|im_end|>'], temperature: 0.7 } };
  const { body, warnings } = dialect.emitRequest(request, emitOptions);
  assert.deepEqual(body, {
    model: 'upstream-model',
    prompt: expectedQwenPrompt,
    max_tokens: 1024,
    temperature: 0.7,
    stop: ['END', '<|im_end|>', '<|endoftext|>'],
    stream: true,
    stream_options: { include_usage: true },
  });
  assert.deepEqual(
    warnings.map((warning) => [warning.type, warning.feature]),
    [['compatibility', 'tools']],
  );
});

test('Llama 3.2\'s template and its <|eot_id|> stop, without the <|begin_of_text|> the server adds itself', () => {
  const llama = publishedTemplate('llama-3.2-3b-instruct');
  const dialect = createOpenaiCompletionsDialect({ chatTemplate: { ...llama.template, variables: { date_string: '26 Jul 2024' } }, stopTokens: llama.stopTokens });
  const { body } = dialect.emitRequest(chatRequest({ system: [{ type: 'text', text: 'Be brief.' }] }), emitOptions);
  assert.deepEqual(body, {
    model: 'upstream-model',
    prompt:
      '<|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n' +
      'Be brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    max_tokens: 1024,
    stop: ['<|eot_id|>'],
  });
});

test('one BOS: the template\'s leading bos_token is left to the server unless its tokenizer adds none', () => {
  const request = chatRequest({ system: [{ type: 'text', text: 'Be brief.' }] });
  const promptOf = (name: Parameters<typeof publishedTemplate>[0], addBosToken?: boolean): string => {
    const published = publishedTemplate(name);
    const template = { ...published.template, variables: { date_string: '26 Jul 2024' }, ...(addBosToken === undefined ? {} : { addBosToken }) };
    return (createOpenaiCompletionsDialect({ chatTemplate: template, stopTokens: published.stopTokens }).emitRequest(request, emitOptions).body as { prompt: string }).prompt;
  };
  // Llama 3.2 prints {{ bos_token }}; vLLM and llama.cpp add <|begin_of_text|> again when they tokenize.
  assert.ok(promptOf('llama-3.2-3b-instruct').startsWith('<|start_header_id|>system'));
  assert.ok(!promptOf('llama-3.2-3b-instruct').includes('<|begin_of_text|>'));
  // Mistral Nemo prints <s> first; only that one leading token goes.
  const mistral = promptOf('mistral-nemo-instruct-2407');
  assert.ok(mistral.startsWith('[INST]'), mistral);
  // A tokenizer that adds no BOS (add_bos_token: false) keeps the template's.
  assert.ok(promptOf('llama-3.2-3b-instruct', false).startsWith('<|begin_of_text|><|start_header_id|>system'));
  // Qwen2.5 has no bos_token: its prompt is the template's, untouched.
  assert.ok(promptOf('qwen2.5-7b-instruct').startsWith('<|im_start|>system'));
});

test('without a template: the plain layout, a compatibility warning, and "\\nUser:" as a stop', () => {
  const { body, warnings } = openaiCompletionsDialect.emitRequest({ ...weatherConversation, sampling: { maxOutputTokens: 50 } }, emitOptions);
  assert.deepEqual(body, {
    model: 'upstream-model',
    prompt: [
      'You are a weather assistant.',
      'User: What is the weather in Paris?',
      'Assistant: Call get_weather: {"city": "Paris"}',
      'Tool (get_weather): {"temperature": 22, "condition": "sunny"}',
      'Assistant:',
    ].join('\n\n'),
    max_tokens: 50,
    stop: ['\nUser:'],
  });
  assert.deepEqual(
    warnings.map((warning) => [warning.type, warning.feature]),
    [
      ['compatibility', 'tool_history'],
      ['compatibility', 'chat_template'],
      ['unsupported', 'tools'],
    ],
  );
});

test('the plain layout\'s stop is only added within OpenAI\'s four stops; configured stop tokens come first', () => {
  const four = openaiCompletionsDialect.emitRequest(chatRequest({ sampling: { stopSequences: ['a', 'b', 'c', 'd'] } }), emitOptions);
  assert.deepEqual((four.body as { stop: unknown }).stop, ['a', 'b', 'c', 'd']);
  const tokens = createOpenaiCompletionsDialect({ stopTokens: ['</s>'] }).emitRequest(chatRequest(), emitOptions);
  assert.deepEqual((tokens.body as { stop: unknown }).stop, ['</s>', '\nUser:']);
});

test('OpenAI\'s completions take at most 4 stops (the rest left out, with a warning); a self-hosted server takes them all', () => {
  const stopOf = (result: { body: unknown }): unknown => (result.body as { stop: unknown }).stop;
  const six = chatRequest({ sampling: { stopSequences: ['a', 'b', 'c', 'd', 'e', 'f'] } });
  const openai = openaiCompletionsDialect.emitRequest(six, emitOptions);
  assert.deepEqual(stopOf(openai), ['a', 'b', 'c', 'd']);
  assert.deepEqual(openai.warnings.filter((warning) => warning.feature === 'stop').map((warning) => [warning.type, warning.message]), [
    ['unsupported', 'OpenAI Completions takes up to 4 stop sequences; "e", "f" were left out.'],
  ]);
  // A completions caller's own six stops going to OpenAI are capped the same way.
  const { request: raw } = openaiCompletionsDialect.parseRequest({ model: 'm', prompt: 'Hi', stop: ['1', '2', '3', '4', '5'] }, {});
  assert.deepEqual(stopOf(openaiCompletionsDialect.emitRequest(raw, emitOptions)), ['1', '2', '3', '4']);

  // Qwen behind vLLM: the caller's four stops and both stop tokens all go out, and no warning.
  const qwen = publishedTemplate('qwen2.5-7b-instruct');
  const templated = createOpenaiCompletionsDialect({ chatTemplate: qwen.template, stopTokens: qwen.stopTokens }).emitRequest(
    chatRequest({ sampling: { stopSequences: ['a', 'b', 'c', 'd'] } }),
    emitOptions,
  );
  assert.deepEqual(stopOf(templated), ['a', 'b', 'c', 'd', '<|im_end|>', '<|endoftext|>']);
  assert.equal(templated.warnings.some((warning) => warning.feature === 'stop'), false);
  // The plain layout on a self-hosted server adds its own stop however many there are.
  const plain = createOpenaiCompletionsDialect({ upstream: 'self-hosted' }).emitRequest(six, emitOptions);
  assert.deepEqual(stopOf(plain), ['a', 'b', 'c', 'd', 'e', 'f', '\nUser:']);
});

test('the provider\'s host tells OpenAI from a self-hosted completions server', () => {
  const six = chatRequest({ sampling: { stopSequences: ['a', 'b', 'c', 'd', 'e', 'f'] } });
  const stopCount = (baseUrl?: string, stopTokens?: string[]): number => {
    const dialect = upstreamDialect({ dialect: 'openai-completions', quirks: {}, ...(baseUrl === undefined ? {} : { baseUrl }), ...(stopTokens === undefined ? {} : { stopTokens }) });
    return ((dialect.emitRequest(six, emitOptions).body as { stop: unknown[] }).stop).length;
  };
  assert.equal(stopCount('https://api.openai.com/v1'), 4);
  assert.equal(stopCount('http://127.0.0.1:8000/v1'), 7);
  assert.equal(stopCount(undefined, ['</s>']), 8);
  assert.equal(stopCount(undefined), 4);
});

test('a raw prompt that something added to since is laid out like any conversation', () => {
  const { request } = openaiCompletionsDialect.parseRequest({ model: 'm', prompt: 'Hi' }, {});
  const { body } = openaiCompletionsDialect.emitRequest({ ...request, system: [{ type: 'text', text: 'Guardrail.' }] }, emitOptions);
  assert.equal((body as { prompt: unknown }).prompt, 'Guardrail.\n\nUser: Hi\n\nAssistant:');
});

test('controls a completions upstream cannot take are warnings, never silent', () => {
  const { body, warnings } = openaiCompletionsDialect.emitRequest(
    chatRequest({
      sampling: { topK: 40 },
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
      responseFormat: { type: 'json' },
      reasoning: { enabled: true, effort: 'high' },
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' } }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'thinking' }, { type: 'text', text: 'Hello' }] },
        { role: 'user', content: [{ type: 'text', text: 'Again' }] },
      ],
      vendor: { anthropic: { metadata: { user_id: 'x' } } },
    }),
    emitOptions,
  );
  assert.equal((body as { prompt: unknown }).prompt, 'User: Hi\n\nAssistant: Hello\n\nUser: Again\n\nAssistant:');
  assert.deepEqual(warnings.map((warning) => warning.feature).sort(), [
    'chat_template',
    'image',
    'metadata',
    'parallel_tool_calls',
    'reasoning',
    'reasoning_history',
    'response_format',
    'tool_choice.required',
    'top_k',
  ]);
});

test('tools through a template with no place for them are reported once, as left out', () => {
  const chatml = { source: "{% for message in messages %}{{ message['role'] + ': ' + message['content'] + '\\n' }}{% endfor %}" };
  const { body, warnings } = createOpenaiCompletionsDialect({ chatTemplate: chatml }).emitRequest(weatherConversation, emitOptions);
  assert.equal((body as { prompt: unknown }).prompt, 'system: You are a weather assistant.\nuser: What is the weather in Paris?\nassistant: \ntool: {"temperature": 22, "condition": "sunny"}\n');
  assert.deepEqual(
    warnings.map((warning) => [warning.type, warning.feature]),
    [['unsupported', 'tools']],
  );
});
