/**
 * A plugin loop over a model without native tool calling: its last step is sent with
 * `tool_choice: none`, yet the model may still write a call, copying the calls it sees in the
 * conversation. That call is no text for the caller: the loop ends at its step limit, as when a
 * native model's last call asks for a plugin, and no markup reaches the caller. A Gemini caller
 * shows the difference in its finish word (`OTHER` for the step limit, `STOP` for an answer).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { geminiCaller } from '../gateway/support/callers.js';
import { openaiChatReply } from './support/scripted-replies.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { local: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'k' } },
  plugins: { calculator: { type: 'builtin', builtin: 'calculator' } },
  models: { looper: { deployments: [{ provider: 'local', model: 'small-model', toolCalling: 'emulate', toolFormat: 'hermes' }], plugins: ['calculator'], maxSteps: 2 } },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
}));

const calculatorCall = (expression: string) => `<tool_call>\n{"name": "calculator", "arguments": {"expression": "${expression}"}}\n</tool_call>`;

for (const stream of [false, true]) {
  test(`a call written at the last step ends the loop at its step limit, without markup${stream ? ', streamed' : ''}`, async () => {
    setup.upstream.enqueue(openaiChatReply({ text: calculatorCall('1+1') }, stream), openaiChatReply({ text: calculatorCall('2+2') }, stream));
    const result = await geminiCaller(setup.url).turn({ model: 'looper', prompt: 'Keep adding.', stream });
    assert.equal(setup.upstream.requests.length, 2, 'maxSteps: 2');
    assert.equal((setup.upstream.requests[1]?.body as { tool_choice?: unknown; tools?: unknown }).tools, undefined, 'the tools are in the prompt');
    assert.doesNotMatch(result.text, /tool_call/);
    assert.deepEqual(result.calls, []);
    assert.equal(result.finish, 'OTHER', 'the step limit, not an answer');
  });
}
