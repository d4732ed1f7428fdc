/**
 * An OpenAI-format upstream's 4xx that the error table gives another status reaches the caller with
 * the upstream's own: its SDK then raises the class for what happened, and retries (or not) as it
 * would against the upstream itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { deepseek: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'sk-test' } },
  models: { chat: [{ provider: 'deepseek', model: 'deepseek-chat' }] },
  retry: { attempts: 0 },
}));

/**
 * DeepSeek's answer to an account out of funds: HTTP 402 "Insufficient Balance"
 * (https://api-docs.deepseek.com/quick_start/error_codes), with this body as the OpenAI Python SDK
 * printed it (https://blog.csdn.net/weixin_44245188/article/details/142060659).
 */
const insufficientBalance = {
  kind: 'json' as const,
  status: 402,
  body: { error: { message: 'Insufficient Balance', type: 'unknown_error', param: null, code: 'invalid_request_error' } },
};

async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  assert.fail('the call succeeded');
}

test('a 402 from an OpenAI-format upstream reaches an OpenAI caller as a 402, not a bad request', async () => {
  setup.upstream.answerUnqueuedWith(() => insufficientBalance);
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
  const error = await failure(client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }));
  assert.ok(error instanceof OpenAI.APIError, String(error));
  assert.equal(error.status, 402);
  assert.ok(!(error instanceof OpenAI.BadRequestError));
  assert.equal(error.message, '402 deepseek: Insufficient Balance');
});

test('the same 402 reaches an Anthropic caller as a 402', async () => {
  setup.upstream.answerUnqueuedWith(() => insufficientBalance);
  const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  const error = await failure(client.messages.create({ model: 'chat', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }));
  assert.ok(error instanceof Anthropic.APIError, String(error));
  assert.equal(error.status, 402);
});

test('a 409 conflict stays a 409, which the caller’s SDK retries as it would the upstream’s (openai-node `shouldRetry`)', async () => {
  setup.upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 409, body: {} }));
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 1, timeout: 10_000 });
  const error = await failure(client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }));
  assert.ok(error instanceof OpenAI.ConflictError, String(error));
  assert.equal(setup.upstream.requests.length, 2, 'the SDK asked once more; the gateway, told not to retry, passed each on once');
});
