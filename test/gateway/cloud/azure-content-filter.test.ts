/**
 * An Azure OpenAI upstream's content filter refuses the prompt (its recorded 400): the caller on
 * Azure's own API (`openai`'s `AzureOpenAI`, deployments path) and the plain OpenAI caller tell it
 * as clients do, by `error.code == "content_filter"` and `error.innererror.content_filter_result`
 * (openai/openai-cookbook examples/azure/chat_cell21.py).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { AzureOpenAI } from 'openai';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';
import { readFixtureText } from '../../support/fixtures.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { azure: { dialect: 'azure-openai', baseUrl, apiVersion: '2024-10-21', apiKey: 'azure-test-key' } },
  models: { smart: [{ provider: 'azure', model: 'gpt-4o-mini' }] },
  retry: { attempts: 1 },
}));

test('Azure’s content-filter refusal reaches AzureOpenAI and OpenAI callers with code content_filter and its innererror', async () => {
  // test/fixtures/recorded/azure-openai/mirascope-content-filter-400.response.json (self_harm, severity medium).
  setup.upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 400, body: readFixtureText('azure-openai/mirascope-content-filter-400.response.json') }));
  const callers = [
    new AzureOpenAI({ endpoint: setup.url, apiKey: 'caller', apiVersion: '2024-10-21', deployment: 'smart', maxRetries: 0 }),
    new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 }),
  ];
  for (const client of callers) {
    await assert.rejects(client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'something harmful' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.code, 'content_filter');
      assert.equal(error.param, 'prompt');
      const innererror = (error.error as { innererror?: { code?: string; content_filter_result?: Record<string, { filtered: boolean }> } }).innererror;
      assert.equal(innererror?.code, 'ResponsibleAIPolicyViolation');
      assert.equal(innererror?.content_filter_result?.['self_harm']?.filtered, true);
      return true;
    });
  }
});
