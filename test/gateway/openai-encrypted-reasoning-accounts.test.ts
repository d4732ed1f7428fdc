/**
 * Encrypted reasoning sealed for another OpenAI account (src/gateway/encrypted-reasoning-refusal.ts).
 * A model served by two OpenAI accounts: the first turn is answered by account A, whose reasoning
 * the caller replays; the second finds A rate limited, and account B refuses A's blob with OpenAI's
 * `400 invalid_encrypted_content`. B is asked once more without the encrypted reasoning, and the
 * caller gets B's answer with a warning, whichever dialect it speaks. A refusal of a request that
 * carries no encrypted reasoning, or a second refusal, reaches the caller as OpenAI wrote it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { cloudGateway } from '../support/cloud-gateway.js';
import { readFixtureText } from '../support/fixtures.js';
import { ask, done, reasoningThenCall as sealedReasoningThenCall } from './support/sealed-reasoning-replies.js';
import type { UpstreamReply } from '../support/test-upstream.js';

type Json = Record<string, unknown>;

const setup = cloudGateway(['accountA', 'accountB'], (urls) => ({
  providers: {
    'openai-a': { dialect: 'openai-responses', baseUrl: urls.accountA, apiKey: 'sk-a' },
    'openai-b': { dialect: 'openai-responses', baseUrl: urls.accountB, apiKey: 'sk-b' },
  },
  models: {
    fallback: [
      { provider: 'openai-a', model: 'gpt-5-mini' },
      { provider: 'openai-b', model: 'gpt-5-mini' },
    ],
    'only-a': [{ provider: 'openai-a', model: 'gpt-5-mini' }],
    'only-b': [{ provider: 'openai-b', model: 'gpt-5-mini' }],
  },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 5 },
  routing: { cooldown: false },
}));
const { accountA, accountB } = setup.upstreams;

const openai = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

const sealedByA = 'gAAAAA-sealed-for-organization-a';

/** OpenAI's refusal of another organization's encrypted content (https://github.com/openai/codex/issues/13724). */
const refusedByB: UpstreamReply = {
  kind: 'json',
  status: 400,
  body: {
    error: {
      message: 'The encrypted content gAAA...ou-a could not be verified. Reason: Encrypted content organization_id did not match the target organization.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_encrypted_content',
    },
  },
};

const rateLimited: UpstreamReply = {
  kind: 'json',
  status: 429,
  body: { error: { message: 'Rate limit reached for gpt-5-mini on requests per min (RPM): Limit 500, Used 500, Requested 1.', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
};

const reasoningThenCall = sealedReasoningThenCall(sealedByA);

/**
 * The same refusal as a stream's first event under HTTP 200 (`ResponseErrorEvent` of the openai
 * SDK's types: `type`, `code`, `message`, `param`, `sequence_number`), as callers have met it
 * thrown from the SDK's stream iterator (https://github.com/smallmain/vscode-unify-chat-provider/issues/178).
 */
const refusedInStream: UpstreamReply = {
  kind: 'stream',
  text: 'event: error\ndata: {"type":"error","code":"invalid_encrypted_content","message":"The encrypted content gAAA...ou-a could not be verified.","param":null,"sequence_number":0}\n\n',
};

/** OpenAI's recorded stream of a short answer. */
const doneStreamed: UpstreamReply = { kind: 'stream', text: readFixtureText('openai-responses/fantasy-gpt5-simple_streaming.response.sse') };

function inputOf(body: unknown): Json[] {
  return (body as Json)['input'] as Json[];
}

function kinds(body: unknown): unknown[] {
  return inputOf(body).map((item) => item['type'] ?? item['role']);
}

/** A Responses caller's second turn to `model`, its history as it holds it: A's first answer, with the call's result. */
async function responsesSecondTurn(model: string, stream: boolean): Promise<{ text: string; warnings: string }> {
  accountA.enqueue(reasoningThenCall);
  const first = await openai().responses.create({ ...ask, model: 'only-a', input: 'hi' });
  const input: ResponseInputItem[] = [{ role: 'user', content: 'hi' }, ...(first.output as ResponseInputItem[]), { type: 'function_call_output', call_id: 'call_1', output: 'ok' }];
  if (!stream) {
    const { data, response } = await openai().responses.create({ ...ask, model, input }).withResponse();
    return { text: data.output_text, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
  }
  const { data, response } = await openai().responses.create({ ...ask, model, input, stream: true }).withResponse();
  let text = '';
  for await (const event of data) if (event.type === 'response.output_text.delta') text += event.delta;
  return { text, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

function assertAskedAgainWithout(): void {
  assert.equal(accountB.requests.length, 2);
  const [refused, again] = accountB.requests;
  assert.ok(refused!.bodyText.includes(sealedByA), 'the first request carried what A sealed');
  assert.ok(!again!.bodyText.includes(sealedByA), 'the second request does not');
  assert.deepEqual(kinds(again!.body), ['user', 'function_call', 'function_call_output']);
}

test('account B refuses A’s encrypted reasoning: B is asked again without it, and the caller gets its answer', async () => {
  // A answers the first turn, and is rate limited on the second.
  accountA.enqueue(reasoningThenCall, rateLimited);
  accountB.enqueue(refusedByB, done);
  const first = await openai().responses.create({ ...ask, model: 'fallback', input: 'hi' });
  const { data, response } = await openai()
    .responses.create({
      ...ask,
      model: 'fallback',
      input: [{ role: 'user', content: 'hi' }, ...(first.output as ResponseInputItem[]), { type: 'function_call_output', call_id: 'call_1', output: 'ok' }],
    })
    .withResponse();
  assert.equal(data.output_text, 'done');
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /reasoning\.history/);
  assertAskedAgainWithout();
});

test('the same, streamed', async () => {
  accountB.enqueue(refusedByB, doneStreamed);
  const { text, warnings } = await responsesSecondTurn('only-b', true);
  assert.ok(text.length > 0);
  assert.match(warnings, /reasoning\.history/);
  assertAskedAgainWithout();
});

test('a refusal as the stream’s first event: B is asked again without it too', async () => {
  accountB.enqueue(refusedInStream, doneStreamed);
  const { text, warnings } = await responsesSecondTurn('only-b', true);
  assert.ok(text.length > 0);
  assert.match(warnings, /reasoning\.history/);
  assertAskedAgainWithout();
});

/** An Anthropic caller's second turn to B, its history holding A's first answer as signed thinking; B answers `replies`. */
async function anthropicSecondTurn(stream: boolean, ...replies: UpstreamReply[]): Promise<{ text: string; warnings: string }> {
  accountA.enqueue(reasoningThenCall);
  accountB.enqueue(...replies);
  const anthropic = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  const toolsA = [{ name: 'f', input_schema: { type: 'object' as const, properties: {} } }];
  const thinking = { type: 'enabled' as const, budget_tokens: 1024 };
  const first = await anthropic.messages.create({ model: 'only-a', max_tokens: 2048, thinking, tools: toolsA, messages: [{ role: 'user', content: 'hi' }] });
  assert.ok(first.content.some((block) => block.type === 'thinking' && block.signature !== ''), 'the caller holds the reasoning as a signed thinking block');
  const call = first.content.find((block) => block.type === 'tool_use');
  assert.ok(call !== undefined && call.type === 'tool_use');
  const messages = [
    { role: 'user' as const, content: 'hi' },
    { role: 'assistant' as const, content: first.content },
    { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: call.id, content: 'ok' }] },
  ];
  if (!stream) {
    const { data, response } = await anthropic.messages.create({ model: 'only-b', max_tokens: 2048, thinking, tools: toolsA, messages }).withResponse();
    return { text: data.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(''), warnings: response.headers.get('x-interlingua-warnings') ?? '' };
  }
  const { data, response } = await anthropic.messages.create({ model: 'only-b', max_tokens: 2048, thinking, tools: toolsA, messages, stream: true }).withResponse();
  let text = '';
  for await (const event of data) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
  return { text, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('an Anthropic caller’s streamed turn whose first event is the refusal: asked again without it', async () => {
  const { text, warnings } = await anthropicSecondTurn(true, refusedInStream, doneStreamed);
  assert.ok(text.length > 0);
  assert.match(warnings, /reasoning\.history/);
  assertAskedAgainWithout();
});

test('an Anthropic caller’s thinking, which carries A’s sealed reasoning, is left out when B refuses it', async () => {
  const { text, warnings } = await anthropicSecondTurn(false, refusedByB, done);
  assert.equal(text, 'done');
  assert.match(warnings, /reasoning\.history/);
  assertAskedAgainWithout();
});

test('a second refusal reaches the caller as OpenAI wrote it, after one more try', async () => {
  accountB.enqueue(refusedByB, refusedByB, done);
  await assert.rejects(responsesSecondTurn('only-b', false), (error: unknown) => {
    assert.ok(error instanceof OpenAI.APIError);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_encrypted_content');
    return true;
  });
  assert.equal(accountB.requests.length, 2);
});

test('a refusal of a request without encrypted reasoning is not asked again', async () => {
  accountB.enqueue(refusedByB, done);
  await assert.rejects(openai().responses.create({ ...ask, model: 'only-b', input: 'hi' }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.APIError);
    assert.equal(error.code, 'invalid_encrypted_content');
    return true;
  });
  assert.equal(accountB.requests.length, 1);
});
