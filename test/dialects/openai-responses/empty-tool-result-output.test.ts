/**
 * An empty tool result reaches the Responses API as `output: ""`, as the Chat path sends it: the
 * output list is documented as "Text, image, or file output of the function tool call"
 * (`FunctionCallOutput.output` in node_modules/openai/resources/responses/responses.d.ts), never as an
 * empty list. The caller is Anthropic's own SDK with a `tool_result` that has no content.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';
import { readFixtureJson } from '../../support/fixtures.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { oa: { dialect: 'openai-responses', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
  models: { gpt: [{ provider: 'oa', model: 'gpt-4o' }] },
  retry: { attempts: 0 },
}));

const weatherTool: Anthropic.Tool = { name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };

async function sendResult(result: Anthropic.ToolResultBlockParam): Promise<Array<Record<string, unknown>>> {
  // test/fixtures/recorded/openai-responses/fantasy-gpt4o-tool.i1.response.json: the answer after a tool result.
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt4o-tool.i1.response.json') });
  const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  await client.messages.create({
    model: 'gpt',
    max_tokens: 512,
    tools: [weatherTool],
    messages: [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [result] },
    ],
  });
  return (setup.upstream.requests[0]?.body as { input: Array<Record<string, unknown>> }).input;
}

test('a tool_result without content goes as function_call_output with output ""', async () => {
  const input = await sendResult({ type: 'tool_result', tool_use_id: 'toolu_01' });
  const output = input.find((item) => item['type'] === 'function_call_output');
  assert.equal(output?.['call_id'], 'toolu_01');
  assert.equal(output?.['output'], '');
});

test('a tool_result with an empty content list goes the same way', async () => {
  const input = await sendResult({ type: 'tool_result', tool_use_id: 'toolu_01', content: [] });
  assert.equal(input.find((item) => item['type'] === 'function_call_output')?.['output'], '');
});

test('a tool_result with text still goes as its text', async () => {
  const input = await sendResult({ type: 'tool_result', tool_use_id: 'toolu_01', content: 'Sunny, 21°C' });
  assert.equal(input.find((item) => item['type'] === 'function_call_output')?.['output'], 'Sunny, 21°C');
});
