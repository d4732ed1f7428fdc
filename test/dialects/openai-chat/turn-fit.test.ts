/**
 * An Anthropic-style history (a turn of tool calls only, a tool result with text beside it in one
 * user message as Claude Code writes, a turn that only thought, an empty tool result) emitted for
 * xAI and Mistral through their presets' quirks: each vendor's judge takes what goes, and the caller
 * is told what changed. OpenAI itself gets the history as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Warning } from '../../../src/interlingua/warning.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { createOpenaiChatDialect, openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { builtInPresets } from '../../../src/providers/presets.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const readFile = { name: 'read_file', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
const callId = 'toolu_01ABCDEFGHIJKLMNOPQRSTUV';

/** What Claude Code sends: every shape at once. */
const history = [
  { role: 'user', content: 'read a.txt' },
  { role: 'assistant', content: [{ type: 'tool_use', id: callId, name: 'read_file', input: { path: 'a.txt' } }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: callId, content: 'hello' }, { type: 'text', text: '<system-reminder>keep going</system-reminder>' }] },
  { role: 'assistant', content: [{ type: 'thinking', thinking: 'The file says hello.', signature: 'sig' }] },
  { role: 'user', content: 'and b.txt?' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_02', name: 'read_file', input: { path: 'b.txt' } }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_02' }] },
];

function emitFor(vendor: 'xai' | 'mistral' | 'openai', messages: unknown[] = history, model = vendor === 'xai' ? 'grok-4' : 'mistral-large-latest'): { body: { messages: Array<Record<string, unknown>> }; warnings: Warning[] } {
  const { request } = anthropicDialect.parseRequest({ model: 'claude', max_tokens: 256, tools: [readFile], messages }, { model: 'claude' });
  const dialect = vendor === 'openai' ? openaiChatDialect : createOpenaiChatDialect(builtInPresets[vendor]?.quirks);
  const emitted = dialect.emitRequest(request, { model, defaultMaxOutputTokens: 1024 });
  return { body: emitted.body as { messages: Array<Record<string, unknown>> }, warnings: emitted.warnings };
}

const judged = (vendor: string, body: unknown) => judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body }, vendor);
const features = (warnings: readonly Warning[]) => warnings.map((warning) => warning.feature);

test('xAI: tool-call turns go with "" content, the empty tool result says so, the turn that only thought is left out; its judge takes it', () => {
  const { body, warnings } = emitFor('xai');
  assert.equal(judged('xai', body)?.message, undefined);
  const roles = body.messages.map((message) => message['role']);
  assert.deepEqual(roles, ['user', 'assistant', 'tool', 'user', 'user', 'assistant', 'tool']);
  for (const message of body.messages.filter((each) => each['tool_calls'] !== undefined)) assert.equal(message['content'], '');
  assert.equal(body.messages.at(-1)?.['content'], 'The tool returned an empty result.');
  for (const feature of ['messages.empty', 'tool_result.empty', 'reasoning.history']) assert.ok(features(warnings).includes(feature), `${feature} in ${features(warnings).join(', ')}`);
});

test('Mistral: an assistant message goes between the tool result and the user text, the turn that only thought is left out; its judge takes it', () => {
  const { body, warnings } = emitFor('mistral');
  assert.equal(judged('mistral', body)?.message, undefined);
  assert.deepEqual(
    body.messages.map((message) => message['role']),
    ['user', 'assistant', 'tool', 'assistant', 'user', 'user', 'assistant', 'tool'],
  );
  assert.deepEqual(body.messages[3], { role: 'assistant', content: 'Tool results received.' });
  for (const feature of ['messages.order', 'messages.empty']) assert.ok(features(warnings).includes(feature), `${feature} in ${features(warnings).join(', ')}`);
});

test('Mistral: the user message after a thinking-only turn that followed tool results gets the assistant message, not an empty one', () => {
  const { body } = emitFor('mistral', [
    ...history.slice(0, 2),
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: callId, content: 'hello' }] },
    { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm', signature: 'sig' }] },
    { role: 'user', content: 'go on' },
  ]);
  assert.equal(judged('mistral', body)?.message, undefined);
  assert.deepEqual(body.messages.slice(-3), [{ role: 'tool', tool_call_id: body.messages[2]?.['tool_call_id'], content: 'hello' }, { role: 'assistant', content: 'Tool results received.' }, { role: 'user', content: 'go on' }]);
});

test('Mistral: an image returned by a tool follows in a user message after an assistant one, its note naming the id Mistral gets', () => {
  const { body, warnings } = emitFor('mistral', [
    history[0],
    history[1],
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: callId, content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } }] }] },
  ]);
  assert.equal(judged('mistral', body)?.message, undefined);
  const sentId = body.messages[2]?.['tool_call_id'];
  assert.match(String(sentId), /^[a-zA-Z0-9]{9}$/);
  assert.deepEqual(body.messages.map((message) => message['role']), ['user', 'assistant', 'tool', 'assistant', 'user']);
  const note = (body.messages[4]?.['content'] as Array<{ type: string; text?: string }>)[0]?.text ?? '';
  assert.ok(note.includes(`"${String(sentId)}"`) && !note.includes('toolu_'), note);
  assert.ok(features(warnings).includes('messages.order'));
});

test('the mending is xAI\'s and Mistral\'s: OpenAI gets the history as before, null beside tool calls, the empty turn and result kept', () => {
  const { body, warnings } = emitFor('openai', history, 'gpt-4o');
  assert.deepEqual(
    body.messages.map((message) => message['role']),
    ['user', 'assistant', 'tool', 'user', 'assistant', 'user', 'assistant', 'tool'],
  );
  assert.equal(body.messages[1]?.['content'], null);
  assert.deepEqual(body.messages[4], { role: 'assistant', content: '' });
  assert.equal(body.messages.at(-1)?.['content'], '');
  for (const feature of ['messages.empty', 'tool_result.empty', 'messages.order']) assert.ok(!features(warnings).includes(feature), feature);
  // The same history differs where, and only where, each vendor refuses it.
  for (const vendor of ['xai', 'mistral'] as const) {
    const mended = emitFor(vendor).body.messages;
    assert.notDeepEqual(mended.map((message) => message['role']), body.messages.map((message) => message['role']), vendor);
    assert.deepEqual(mended[0], body.messages[0], vendor);
  }
});

test('a conversation of nothing but empty turns is refused by the gateway rather than sent empty', () => {
  assert.throws(
    () => emitFor('xai', [{ role: 'user', content: [{ type: 'text', text: '' }] }]),
    (error: unknown) => error instanceof InterlinguaError && /no message content/.test(error.message),
  );
});

test('Mistral: a system message inside an OpenAI conversation moves to the start, with a warning', () => {
  const { request } = openaiChatDialect.parseRequest(
    {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'system', content: 'Answer in French from now on.' },
        { role: 'user', content: 'How are you?' },
      ],
    },
    { model: 'gpt-4o' },
  );
  const mistral = createOpenaiChatDialect(builtInPresets['mistral']?.quirks).emitRequest(request, { model: 'mistral-large-latest', defaultMaxOutputTokens: 1024 });
  const body = mistral.body as { messages: Array<{ role: string; content: unknown }> };
  assert.deepEqual(
    body.messages.map((message) => message.role),
    ['system', 'system', 'user', 'assistant', 'user'],
  );
  assert.equal(body.messages[1]?.content, 'Answer in French from now on.');
  assert.ok(features(mistral.warnings).includes('system_message'));
  assert.equal(judged('mistral', body), undefined);
  // OpenAI takes it where it is.
  const openai = openaiChatDialect.emitRequest(request, { model: 'gpt-4o', defaultMaxOutputTokens: 1024 }).body as { messages: Array<{ role: string }> };
  assert.deepEqual(
    openai.messages.map((message) => message.role),
    ['system', 'user', 'assistant', 'system', 'user'],
  );
});
