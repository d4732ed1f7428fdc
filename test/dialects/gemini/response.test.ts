import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { collectSignatures, isObject, normalizeResponse, responseFixtures } from './helpers.js';
import { wrapSignature } from '../../../src/core/signature-envelope.js';

const request: ChatRequest = { model: 'gemini-2.5-flash', system: [], messages: [], sampling: {}, stream: false };

function modelVersion(body: unknown): string {
  return isObject(body) && typeof body['modelVersion'] === 'string' ? body['modelVersion'] : '';
}

test('there are response fixtures to replay', () => {
  assert.ok(responseFixtures.length >= 20, `only ${responseFixtures.length} response fixtures found`);
});

for (const name of responseFixtures) {
  test(`emitResponse(parseResponse(x)) gives fixtures/gemini/${name} back`, () => {
    const body = readFixtureJson(`gemini/${name}`);
    const response = geminiDialect.parseResponse(body);
    const emitted = geminiDialect.emitResponse(response, { requestedModel: modelVersion(body), request });
    assert.deepEqual(normalizeResponse(emitted), normalizeResponse(body));
    assert.deepEqual(collectSignatures(emitted), collectSignatures(body));
  });
}

test('function calls: STOP with calls is tool-calls; args, signature and usage (fixtures/gemini/response-function-call.json)', () => {
  const response = geminiDialect.parseResponse(readFixtureJson('gemini/response-function-call.json'));
  assert.deepEqual(response.finishReason, { unified: 'tool-calls', raw: 'STOP' });
  // The call's signature comes first, as a signed reasoning part with no text (call-signature.ts).
  const [signature, call] = response.content;
  assert.equal(signature?.type, 'reasoning');
  if (signature?.type !== 'reasoning') return;
  assert.equal(signature.text, '');
  assert.equal(signature.signatureOrigin, 'gemini');
  assert.match(String(signature.signature), /^EskgCsYg/);
  assert.equal(call?.type, 'tool-call');
  if (call?.type !== 'tool-call') return;
  assert.equal(call.name, 'weather');
  assert.deepEqual(JSON.parse(call.arguments), { location: 'San Francisco' });
  assert.match(call.id, /^call_/);
  assert.equal(call.vendor?.['gemini']?.['idSynthesized'], true);
  // candidatesTokenCount 15 excludes the 893 thought tokens; the interlingua's output includes them.
  assert.equal(response.usage.inputTokens, 29);
  assert.equal(response.usage.outputTokens, 15 + 893);
  assert.equal(response.usage.reasoningTokens, 893);
  assert.equal(response.usage.totalTokens, 937);
  assert.equal(response.id, 'm36LaZGyCLz1xs0PtNSB-QU');
  assert.equal(response.model, 'gemini-3-pro-preview');
});

test('thought parts and a signed text part (fixtures/gemini/fantasy-gemini3pro-thinking.i1.response.json)', () => {
  const response = geminiDialect.parseResponse(readFixtureJson('gemini/fantasy-gemini3pro-thinking.i1.response.json'));
  const [thought, text] = response.content;
  assert.equal(thought?.type, 'reasoning');
  assert.equal(thought?.type === 'reasoning' && thought.signatureOrigin, 'gemini');
  assert.match(thought?.type === 'reasoning' ? thought.text : '', /^\*\*My Immediate Thoughts/);
  assert.equal(text?.type, 'text');
  assert.match(String(text?.vendor?.['gemini']?.['thoughtSignature']), /^Eo4CCosC/);
  assert.deepEqual(response.finishReason, { unified: 'stop', raw: 'STOP' });
});

test('finish reasons: MAX_TOKENS, SAFETY, and a blocked prompt without candidates (fixtures pa-finish-max-tokens, pa-safety-settings)', () => {
  assert.deepEqual(geminiDialect.parseResponse(readFixtureJson('gemini/pa-finish-max-tokens.response.json')).finishReason, { unified: 'length', raw: 'MAX_TOKENS' });
  const empty = geminiDialect.parseResponse(readFixtureJson('gemini/pa-finish-max-tokens-thinking-no-parts.response.json'));
  assert.deepEqual(empty.content, []);
  assert.equal(empty.usage.outputTokens, 2);
  assert.deepEqual(geminiDialect.parseResponse(readFixtureJson('gemini/pa-safety-settings.response.json')).finishReason, { unified: 'content-filter', raw: 'SAFETY' });
  const blocked = { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 }, modelVersion: 'gemini-2.5-flash', responseId: 'x' };
  const parsed = geminiDialect.parseResponse(blocked);
  assert.deepEqual(parsed.finishReason, { unified: 'content-filter', raw: 'PROHIBITED_CONTENT' });
  assert.deepEqual(geminiDialect.emitResponse(parsed, { requestedModel: 'gemini-2.5-flash', request }), blocked);
});

test('an answer from another dialect is rendered in Gemini shape', () => {
  const response: ChatResponse = {
    id: 'chatcmpl-1',
    model: 'gpt-4o',
    content: [
      { type: 'reasoning', text: 'thinking', signature: 'anthropic-signature', signatureOrigin: 'anthropic' },
      { type: 'text', text: 'Hello' },
      { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' },
    ],
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage: { inputTokens: 10, outputTokens: 7, reasoningTokens: 3, cachedInputTokens: 4 },
  };
  // A caller that asked to see thoughts (thoughts-asked.ts).
  const thoughtsAsked = { ...request, reasoning: { includeThoughts: true } };
  assert.deepEqual(geminiDialect.emitResponse(response, { requestedModel: 'my-model', request: thoughtsAsked }), {
    candidates: [
      {
        content: {
          parts: [
            // Another vendor's signature travels in an envelope that also holds the text it covers.
            { text: 'thinking', thought: true, thoughtSignature: wrapSignature({ origin: 'anthropic', kind: 'signature', value: 'anthropic-signature', text: 'thinking' }) },
            { text: 'Hello' },
            // And on the call it led to, where Gemini clients keep it (Gemini CLI drops thought parts).
            { functionCall: { name: 'lookup', args: { q: 'x' }, id: 'call_1' }, thoughtSignature: wrapSignature({ origin: 'anthropic', kind: 'signature', value: 'anthropic-signature', text: 'thinking' }) },
          ],
          role: 'model',
        },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 4, totalTokenCount: 17, thoughtsTokenCount: 3, cachedContentTokenCount: 4 },
    modelVersion: 'my-model',
    responseId: 'chatcmpl-1',
  });
  const length = geminiDialect.emitResponse({ ...response, content: [], finishReason: { unified: 'length', raw: 'max_tokens' } }, { requestedModel: 'm', request });
  assert.equal(isObject(length) && Array.isArray(length['candidates']) && isObject(length['candidates'][0]) && length['candidates'][0]['finishReason'], 'MAX_TOKENS');
});

test('a body that is not a GenerateContentResponse is an upstream_error', () => {
  assert.throws(() => geminiDialect.parseResponse({ candidates: 'nope' }), { name: 'InterlinguaError', code: 'upstream_error' });
  assert.throws(() => geminiDialect.parseResponse([1, 2]), { name: 'InterlinguaError', code: 'upstream_error' });
});
