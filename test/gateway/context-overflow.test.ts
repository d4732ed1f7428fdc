/**
 * A prompt over the model's window, refused by an upstream of one vendor, reaches an OpenAI SDK
 * caller as OpenAI's `context_length_exceeded`, which clients (Codex CLI, LiteLLM, LangChain) act on
 * by compacting or trimming: on Chat Completions as an HTTP 400, on Responses as an HTTP 400 when
 * the refusal came before the stream, and in `response.failed` when it came after. A model whose
 * next deployment may have a larger window tries it, without retrying the one that refused.
 *
 * Anthropic's refusal: "prompt is too long: 200251 tokens > 200000 maximum" (boldsoftware/exe.dev#62);
 * Bedrock's, mid-stream: a `validationException` "Input is too long for requested model."
 * (aws-samples/bedrock-chat#95).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { request as undiciRequest } from 'undici';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { encodeAwsEventStreamMessage } from '../../src/wire/aws-event-stream.js';
import { SseParser } from '../../src/wire/sse-parser.js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

const promptTooLong: UpstreamReply = {
  kind: 'json',
  status: 400,
  body: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 200251 tokens > 200000 maximum' }, request_id: 'req_011CWdepJvA2D819tdYYq4h7' },
};

let anthropicUpstream: TestUpstream;
let openaiUpstream: TestUpstream;
let bedrockUpstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  anthropicUpstream = await new TestUpstream().start();
  openaiUpstream = await new TestUpstream().start();
  bedrockUpstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      an: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
      oa: { dialect: 'openai-chat', baseUrl: `${openaiUpstream.baseUrl}/v1`, apiKey: 'sk-test-openai' },
      aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: bedrockUpstream.baseUrl, apiKey: 'bedrock-api-key-test' },
    },
    models: {
      claude: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }],
      'claude-then-gpt': [
        { provider: 'an', model: 'claude-sonnet-4-20250514' },
        { provider: 'oa', model: 'gpt-4o', priority: 1 },
      ],
      'bedrock-claude': [{ provider: 'aws', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }],
    },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await Promise.all([anthropicUpstream.stop(), openaiUpstream.stop(), bedrockUpstream.stop()]);
});
beforeEach(() => {
  anthropicUpstream.reset();
  openaiUpstream.reset();
  bedrockUpstream.reset();
});

const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });

function assertOverflow(error: unknown, param: string): true {
  assert.ok(error instanceof OpenAI.BadRequestError, `got ${String(error)}`);
  assert.equal(error.status, 400);
  assert.equal(error.code, 'context_length_exceeded');
  assert.equal(error.type, 'invalid_request_error');
  assert.equal(error.param, param);
  assert.match(error.message, /This model's maximum context length is 200000 tokens\. However, your messages resulted in 200251 tokens\./);
  return true;
}

test('Chat Completions: an Anthropic "prompt is too long" 400 is context_length_exceeded', async () => {
  anthropicUpstream.enqueue(promptTooLong);
  await assert.rejects(openai().chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] }), (error) => assertOverflow(error, 'messages'));
  assert.equal(anthropicUpstream.requests.length, 1, 'a 400 is not retried');
});

test('Chat Completions, streamed: the same, as the HTTP error before the stream', async () => {
  anthropicUpstream.enqueue(promptTooLong);
  await assert.rejects(
    (async () => {
      const stream = await openai().chat.completions.create({ model: 'claude', stream: true, messages: [{ role: 'user', content: 'hi' }] });
      for await (const chunk of stream) void chunk;
    })(),
    (error) => assertOverflow(error, 'messages'),
  );
});

test('Responses, streamed: a refusal before the stream is the HTTP error, code context_length_exceeded', async () => {
  anthropicUpstream.enqueue(promptTooLong);
  await assert.rejects(
    (async () => {
      const stream = await openai().responses.create({ model: 'claude', stream: true, input: 'hi' });
      for await (const event of stream) void event;
    })(),
    (error) => assertOverflow(error, 'input'),
  );
});

function bedrockStreamFailingAfterStart(): UpstreamReply {
  return {
    kind: 'binary-stream',
    contentType: 'application/vnd.amazon.eventstream',
    chunks: [
      encodeAwsEventStreamMessage({ event: 'messageStart', data: '{"role":"assistant"}' }),
      encodeAwsEventStreamMessage({ event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Hel"}}' }),
      encodeAwsEventStreamMessage({ event: 'validationException', data: '{"message":"Input is too long for requested model."}', exception: true }),
    ],
  };
}

test('Responses, streamed: a refusal after the stream started ends it with response.failed, code context_length_exceeded', async () => {
  bedrockUpstream.enqueue(bedrockStreamFailingAfterStart());
  const response = await undiciRequest(`${gatewayUrl}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer caller' },
    body: JSON.stringify({ model: 'bedrock-claude', stream: true, input: 'hi' }),
  });
  assert.equal(response.statusCode, 200);
  const parser = new SseParser();
  const frames = [...parser.push(await response.body.text()), ...parser.end()];
  const events = frames.map((frame) => JSON.parse(frame.data) as { type: string; code?: string; response?: { status?: string; error?: { code?: string; message?: string } } });
  assert.equal(events[0]?.type, 'response.created');
  const failed = events.at(-1);
  assert.equal(failed?.type, 'response.failed');
  assert.equal(failed?.response?.status, 'failed');
  // What Codex CLI matches to compact (codex-rs/codex-api/src/sse/responses.rs, is_context_window_error).
  assert.equal(failed?.response?.error?.code, 'context_length_exceeded');
  assert.match(failed?.response?.error?.message ?? '', /Input is too long for requested model/);
  assert.equal(events.at(-2)?.type, 'error');
  assert.equal(events.at(-2)?.code, 'context_length_exceeded');
});

test('Responses, streamed through the SDK: the in-stream error is raised with code context_length_exceeded', async () => {
  bedrockUpstream.enqueue(bedrockStreamFailingAfterStart());
  const stream = await openai().responses.create({ model: 'bedrock-claude', stream: true, input: 'hi' });
  let text = '';
  await assert.rejects(
    (async () => {
      for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    })(),
    (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError, `got ${String(error)}`);
      assert.equal(error.code, 'context_length_exceeded');
      return true;
    },
  );
  assert.equal(text, 'Hel');
});

test('an overflow moves on to the next deployment, whose window may be larger, without a retry of the first', async () => {
  anthropicUpstream.enqueue(promptTooLong);
  openaiUpstream.enqueue(upstreamScenarios['openai-chat'].text.reply);
  const { data, response } = await openai()
    .chat.completions.create({ model: 'claude-then-gpt', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  assert.equal(data.choices[0]?.message.content, upstreamScenarios['openai-chat'].text.expected.text);
  assert.equal(response.headers.get('x-interlingua-deployment'), 'oa/gpt-4o');
  assert.equal(anthropicUpstream.requests.length, 1);
  assert.equal(openaiUpstream.requests.length, 1);
});

test('when the next deployment fails for a passing reason, the caller still hears of the overflow', async () => {
  anthropicUpstream.enqueue(promptTooLong);
  openaiUpstream.enqueue(
    { kind: 'json', status: 503, body: { error: { message: 'busy', type: 'server_error' } } },
    { kind: 'json', status: 503, body: { error: { message: 'busy', type: 'server_error' } } },
  );
  await assert.rejects(openai().chat.completions.create({ model: 'claude-then-gpt', messages: [{ role: 'user', content: 'hi' }] }), (error) => assertOverflow(error, 'messages'));
  assert.equal(openaiUpstream.requests.length, 2, 'the next deployment was tried, and retried');
});
