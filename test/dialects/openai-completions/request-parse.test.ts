/**
 * parseRequest: a completions caller's body → one user message holding the prompt, sampling in
 * the interlingua, the rest in `vendor['openai-completions']`. Fields and types follow
 * node_modules/openai/resources/completions.d.ts `CompletionCreateParamsBase`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiCompletionsDialect } from '../../../src/dialects/openai-completions/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { legacyCompletionsRequest } from './helpers.js';

const parse = (body: unknown) => openaiCompletionsDialect.parseRequest(body, {});

test(`the recorded request parses (${legacyCompletionsRequest})`, () => {
  const { request, warnings } = parse(readFixtureJson(legacyCompletionsRequest));
  assert.deepEqual(warnings, []);
  assert.equal(request.model, 'text-curie-001');
  assert.deepEqual(request.messages, [{ role: 'user', content: [{ type: 'text', text: 'how does openai tokenize prompts?' }] }]);
  assert.deepEqual(request.system, []);
  assert.deepEqual(request.sampling, { maxOutputTokens: 150, candidateCount: 1, temperature: 0.8 });
  assert.equal(request.stream, true);
  assert.deepEqual(request.vendor, { 'openai-completions': { '@prompt': true } });
});

test('every modelled field maps; fields without an interlingua place go to the vendor slice', () => {
  const { request } = parse({
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
  });
  assert.deepEqual(request.sampling, {
    temperature: 0,
    topP: 0.5,
    maxOutputTokens: 7,
    stopSequences: ['\n'],
    seed: 42,
    presencePenalty: 0.1,
    frequencyPenalty: 0.2,
    candidateCount: 2,
  });
  assert.equal(request.streamUsage, true);
  assert.equal(request.user, 'user-1');
  assert.deepEqual(request.logprobs, { topLogprobs: 2 });
  assert.deepEqual(request.vendor, {
    'openai-completions': {
      '@prompt': true,
      '@promptShape': 'array',
      '@stopShape': 'string',
      suffix: ' and that was it.',
      echo: true,
      best_of: 3,
      logit_bias: { '50256': -100 },
      vendor_extension: { keep: 'me' },
    },
  });
});

test('max_tokens stays unset when absent (OpenAI applies its default of 16)', () => {
  const { request } = parse({ model: 'm', prompt: 'x' });
  assert.equal(request.sampling.maxOutputTokens, undefined);
  assert.equal(request.stream, false);
});

test('prompt: null is an empty prompt (a new document, per the SDK docs)', () => {
  assert.deepEqual(parse({ model: 'm', prompt: null }).request.messages, [{ role: 'user', content: [{ type: 'text', text: '' }] }]);
});

function rejectsNaming(body: unknown, param: string, pattern: RegExp): void {
  assert.throws(
    () => parse(body),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && error.param === param && pattern.test(error.message),
  );
}

test('several prompts, token-id prompts and other shapes are invalid_request naming prompt', () => {
  rejectsNaming({ model: 'm', prompt: ['a', 'b'] }, 'prompt', /only one prompt per request/);
  rejectsNaming({ model: 'm', prompt: [1, 2, 3] }, 'prompt', /token-id prompts are not supported/);
  rejectsNaming({ model: 'm', prompt: [[1, 2], [3]] }, 'prompt', /token-id prompts are not supported/);
  rejectsNaming({ model: 'm', prompt: [] }, 'prompt', /expected a string or an array of one string/);
  rejectsNaming({ model: 'm', prompt: { text: 'x' } }, 'prompt', /expected a string/);
  rejectsNaming({ model: 'm' }, 'prompt', /Missing required field 'prompt'/);
});

test('wrong field types are invalid_request naming the field', () => {
  rejectsNaming({ model: 'm', prompt: 'x', max_tokens: 'ten' }, 'max_tokens', /max_tokens/);
  rejectsNaming({ model: 'm', prompt: 'x', echo: 'yes' }, 'echo', /echo/);
  rejectsNaming({ prompt: 'x' }, 'model', /Missing required field 'model'/);
  assert.throws(() => parse('prompt'), (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request');
});

test('a model named by the route fills a body without one', () => {
  assert.equal(openaiCompletionsDialect.parseRequest({ prompt: 'x' }, { model: 'from-route' }).request.model, 'from-route');
});
