/**
 * Gemini's `LANGUAGE` ("The token generation stopped because of using an unsupported language",
 * node_modules/@google/genai genai.d.ts `enum FinishReason`) has no word in OpenAI's `finish_reason`,
 * a Responses `status` nor Claude's `stop_reason`: the callers get their nearest word (`stop`,
 * `completed`, `end_turn`), and the
 * warnings header names what the upstream said, so a cut answer is not silently taken for a whole one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-key' } },
  models: { gemini: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
  retry: { attempts: 0 },
}));

function answerEndingWith(finishReason: string): unknown {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text: 'Bonjour' }] }, finishReason, index: 0 }],
    usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 1, totalTokenCount: 6 },
    modelVersion: 'gemini-2.5-flash',
  };
}

function finishWarnings(headers: Headers): string[] {
  const all = JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>;
  return all.filter((warning) => warning.feature === 'finish_reason').map((warning) => warning.message);
}

test('an OpenAI caller gets LANGUAGE as "stop", with a warning that names it', async () => {
  setup.upstream.enqueue({ kind: 'json', body: answerEndingWith('LANGUAGE') });
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { data, response } = await client.chat.completions.create({ model: 'gemini', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal(data.choices[0]?.finish_reason, 'stop');
  const warnings = finishWarnings(response.headers);
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  assert.match(warnings[0]!, /"LANGUAGE"/);
});

test('an Anthropic caller gets LANGUAGE as "end_turn", with a warning that names it', async () => {
  setup.upstream.enqueue({ kind: 'json', body: answerEndingWith('LANGUAGE') });
  const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  const { data, response } = await client.messages.create({ model: 'gemini', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal(data.stop_reason, 'end_turn');
  const warnings = finishWarnings(response.headers);
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  assert.match(warnings[0]!, /"LANGUAGE"/);
});

test('a Responses caller gets LANGUAGE as "completed", with a warning that names it', async () => {
  setup.upstream.enqueue({ kind: 'json', body: answerEndingWith('LANGUAGE') });
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { data, response } = await client.responses.create({ model: 'gemini', input: 'Hi' }).withResponse();
  assert.equal(data.status, 'completed');
  const warnings = finishWarnings(response.headers);
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  assert.match(warnings[0]!, /"LANGUAGE"/);
});

test('a natural STOP is told with no finish warning', async () => {
  setup.upstream.enqueue({ kind: 'json', body: answerEndingWith('STOP') });
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { data, response } = await client.chat.completions.create({ model: 'gemini', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal(data.choices[0]?.finish_reason, 'stop');
  assert.deepEqual(finishWarnings(response.headers), []);
});
