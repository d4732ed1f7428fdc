/**
 * An Ollama caller's loose tool history (a question asked before the tool ran; a tool message whose
 * call was trimmed away), which Ollama takes and OpenAI's Chat Completions and Responses refuse
 * (test/support/vendor-rules/openai-chat/messages.ts, openai-responses/input.ts): an unanswered call
 * gets an error result, an orphan result becomes a user message, each with a warning. The caller
 * is the official ollama SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama, type Message } from 'ollama';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const tools = [{ type: 'function', function: { name: 'weather', description: 'Weather of a city.', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
const history: Message[] = [
  { role: 'user', content: 'Weather in Paris?' },
  { role: 'assistant', content: '', tool_calls: [{ function: { name: 'weather', arguments: { city: 'Paris' } } }] },
  { role: 'user', content: 'Never mind. What did the last lookup say?' },
  { role: 'tool', content: 'Sunny, 21 °C', tool_name: 'weather' },
  { role: 'user', content: 'Thanks.' },
];

for (const target of ['openai-chat', 'openai-responses'] as const) {
  test(`${target}: an unanswered call is answered with an error, an orphan result goes as the user's`, async () => {
    harness.upstreams[target].enqueue(upstreamScenarios[target].text.reply);
    const client = new Ollama({ host: harness.gatewayUrl });
    const answer = await client.chat({ model: modelFor(target), tools, messages: history });
    assert.ok(answer.message.content.length > 0);
    assert.deepEqual(harness.upstreams[target].takeRefusals(), []);
    const sent = JSON.stringify(harness.upstreams[target].requests[0]?.body);
    assert.match(sent, /No result was given for this tool call\./);
    assert.match(sent, /Result of tool call [^"]*: Sunny, 21 °C/);
  });
}
