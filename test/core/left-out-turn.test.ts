import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dialects } from '../../src/dialects/registry.js';
import { leftOutTurnText } from '../../src/core/left-out-turn.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { Warning } from '../../src/interlingua/warning.js';

/** A Gemini caller's conversation whose last user turn is audio alone, which only Gemini takes. */
function geminiAudioTurn(): ChatRequest {
  const body = {
    contents: [
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Hello! Send me the recording.' }] },
      { role: 'user', parts: [{ inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } }] },
    ],
  };
  return dialects.gemini.parseRequest(body, { model: 'gemini-2.5-flash' }).request;
}

function emit(dialect: keyof typeof dialects, request: ChatRequest): { body: Record<string, unknown>; warnings: Warning[] } {
  const emitted = dialects[dialect].emitRequest(request, { model: 'm', defaultMaxOutputTokens: 100 });
  return { body: emitted.body as Record<string, unknown>, warnings: emitted.warnings };
}

const leftOutWarning = (warnings: readonly Warning[]) => warnings.filter((warning) => warning.feature === 'message.left_out');

test('a user turn of content the upstream cannot take stays as a note, so the conversation still ends on the user', () => {
  const request = geminiAudioTurn();
  const anthropic = emit('anthropic', request);
  assert.deepEqual((anthropic.body['messages'] as unknown[]).at(-1), { role: 'user', content: [{ type: 'text', text: leftOutTurnText }] });
  assert.equal(leftOutWarning(anthropic.warnings).length, 1);
  const bedrock = emit('bedrock', request);
  assert.deepEqual((bedrock.body['messages'] as unknown[]).at(-1), { role: 'user', content: [{ text: leftOutTurnText }] });
  for (const dialect of ['openai-chat', 'ollama'] as const) {
    const emitted = emit(dialect, request);
    assert.deepEqual((emitted.body['messages'] as Array<{ role: string; content: unknown }>).at(-1)?.content, leftOutTurnText, dialect);
    assert.equal(leftOutWarning(emitted.warnings).length, 1, dialect);
  }
  const responses = emit('openai-responses', request);
  assert.deepEqual((responses.body['input'] as unknown[]).at(-1), { role: 'user', content: leftOutTurnText });
});

test('Gemini gets the turn back as the caller sent it, with no note', () => {
  const gemini = emit('gemini', geminiAudioTurn());
  assert.deepEqual((gemini.body['contents'] as unknown[]).at(-1), { role: 'user', parts: [{ inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } }] });
  assert.deepEqual(leftOutWarning(gemini.warnings), []);
});

test('a Chat caller’s audio alone, which Anthropic cannot read, becomes the note too', () => {
  const parsed = dialects['openai-chat'].parseRequest(
    { model: 'gpt-4o-audio-preview', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } }] }] },
    { model: 'gpt-4o-audio-preview' },
  );
  const anthropic = emit('anthropic', parsed.request);
  assert.deepEqual(anthropic.body['messages'], [{ role: 'user', content: [{ type: 'text', text: leftOutTurnText }] }]);
});

test('a turn that kept something, or said nothing but blank text, gets no note', () => {
  const parsed = dialects['openai-chat'].parseRequest(
    {
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Listen:' }, { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } }] },
        { role: 'assistant', content: 'I cannot hear it.' },
        { role: 'user', content: '   ' },
      ],
    },
    { model: 'gpt-4o' },
  );
  const anthropic = emit('anthropic', parsed.request);
  assert.deepEqual(leftOutWarning(anthropic.warnings), []);
  assert.deepEqual((anthropic.body['messages'] as Array<{ content: unknown }>)[0]?.content, [{ type: 'text', text: 'Listen:' }]);
});
