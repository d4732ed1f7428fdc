/**
 * A history whose tool call arguments are not a JSON object: OpenAI carries arguments as text, and
 * a model cut off mid-call leaves them unfinished ('{"city":'), or a client writes an array. Claude
 * refuses any `tool_use.input` that is not an object (test/support/vendor-rules/anthropic/tool-rules.ts);
 * such arguments reach it wrapped, with a warning. The caller is the official openai SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

test('arguments that are not an object reach Claude as an object, with a warning', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const call = (id: string, args: string) => ({ id, type: 'function' as const, function: { name: 'weather', arguments: args } });
  const { response } = await client.chat.completions
    .create({
      model: modelFor('anthropic'),
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        { role: 'assistant', content: null, tool_calls: [call('call_1', '{"city":'), call('call_2', '["Rome"]')] },
        { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
        { role: 'tool', tool_call_id: 'call_2', content: 'Rain' },
        { role: 'user', content: 'So?' },
      ],
    })
    .withResponse();
  const messages = (harness.upstreams.anthropic.requests[0]?.body as { messages: Array<{ content: Array<{ type: string; input?: unknown }> }> }).messages;
  const inputs = messages[1]?.content.filter((block) => block.type === 'tool_use').map((block) => block.input);
  assert.deepEqual(inputs, [{ _raw_arguments: '{"city":' }, { _raw_arguments: '["Rome"]' }]);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /tool_call\.arguments/);
});
