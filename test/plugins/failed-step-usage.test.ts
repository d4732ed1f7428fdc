/**
 * A plugin loop's step that fails after its upstream reported tokens (here a model without native
 * tool calling whose call stays unreadable after the repair) ends the streamed loop with an
 * in-band error; the tokens of every step so far, the failed one and its repair included, are
 * still the request's and go into its usage record.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { until } from '../replicas/support/plugin-jobs.js';
import { openaiChatReply } from './support/scripted-replies.js';

const adminKey = 'admin-key-for-tests-0123456789';
const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { local: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'k' } },
  plugins: { calculator: { type: 'builtin', builtin: 'calculator' } },
  models: { looper: { deployments: [{ provider: 'local', model: 'small-model', toolCalling: 'emulate', toolFormat: 'hermes' }], plugins: ['calculator'], maxSteps: 4 } },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  adminKey,
}));

test('a streamed loop whose step fails records the tokens of every call made', async () => {
  const usage = (input: number, output: number) => ({ inputTokens: input, outputTokens: output, totalTokens: input + output });
  setup.upstream.enqueue(
    openaiChatReply({ text: '<tool_call>{"name": "calculator", "arguments": {"expression": "1+1"}}</tool_call>' }, true, usage(10, 5)),
    openaiChatReply({ text: '<tool_call>{"name": "calculator", "arguments": {"expression": 2+}}</tool_call>' }, true, usage(100, 7)),
    openaiChatReply({ text: 'I cannot.' }, false, usage(100, 7)),
  );
  const created = await fetch(`${setup.url}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'looping' }),
  });
  const { key } = (await created.json()) as { key: string };
  const client = new OpenAI({ apiKey: key, baseURL: `${setup.url}/v1`, maxRetries: 0 });
  const stream = await client.chat.completions.create({ model: 'looper', messages: [{ role: 'user', content: 'Add.' }], stream: true });
  await assert.rejects(
    (async () => {
      for await (const _chunk of stream) {
        // read to the error
      }
    })(),
    (error: unknown) => error instanceof OpenAI.APIError && /could not be read/.test(error.message),
  );
  assert.equal(setup.upstream.requests.length, 3, 'step 0, step 1 and its repair');
  let rows: Array<{ inputTokens: number; outputTokens: number; errorCode?: string }> = [];
  await until(
    async () => {
      const response = await fetch(`${setup.url}/admin/usage?key=looping`, { headers: { authorization: `Bearer ${adminKey}` } });
      rows = ((await response.json()) as { data: typeof rows }).data;
      return rows.length >= 1;
    },
    10_000,
    'the usage record',
  );
  assert.equal(rows[0]?.errorCode, 'upstream_error');
  assert.equal(rows[0]?.inputTokens, 210);
  assert.equal(rows[0]?.outputTokens, 19);
});
