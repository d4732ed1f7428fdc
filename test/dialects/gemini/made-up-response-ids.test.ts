/**
 * A Gemini 2.x function call has no id; a client that gets one makes an id up and sends it back on
 * its functionResponse (Gemini CLI: `callId = fnCall.id ?? \`${fnCall.name}-${Date.now()}-…\``, turn.ts),
 * and Gemini takes that conversation. Such a response is paired with its call by name, so another
 * upstream gets the result as the call's answer, not as a missing result beside a stray one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const conversation = {
  contents: [
    { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
    { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
    { role: 'user', parts: [{ functionResponse: { id: 'get_weather-1758708579654-9f3a2c', name: 'get_weather', response: { output: '22C' } } }] },
  ],
  tools: [{ functionDeclarations: [{ name: 'get_weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } } } }] }],
};

test('a response with a made-up id answers the id-less call of its name, on Chat Completions', () => {
  const { request } = geminiDialect.parseRequest(conversation, { model: 'gpt-4.1' });
  const { body, warnings } = openaiChatDialect.emitRequest(request, { model: 'gpt-4.1', defaultMaxOutputTokens: 1024 });
  const messages = (body as { messages: Array<{ role: string; tool_call_id?: string; content?: unknown; tool_calls?: Array<{ id: string }> }> }).messages;
  const callId = messages.find((message) => message.role === 'assistant')?.tool_calls?.[0]?.id;
  const results = messages.filter((message) => message.role === 'tool');
  assert.equal(results.length, 1);
  assert.equal(results[0]?.tool_call_id, callId);
  assert.match(JSON.stringify(results[0]?.content), /22C/);
  assert.deepEqual(warnings.filter((warning) => warning.feature.startsWith('tool_result')), []);
  assert.equal(judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: 'Bearer k' }, body }), undefined);
});

test('the same conversation goes back to Gemini with the call and its response paired, as Gemini takes it', () => {
  const { request } = geminiDialect.parseRequest(conversation, { model: 'gemini-2.5-flash' });
  const { body } = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 });
  const contents = (body as { contents: Array<{ parts: Array<Record<string, Record<string, unknown>>> }> }).contents;
  assert.equal(contents[2]?.parts[0]?.['functionResponse']?.['name'], 'get_weather');
  assert.equal(judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.5-flash:generateContent', headers: { 'x-goog-api-key': 'k' }, body }), undefined);
});
