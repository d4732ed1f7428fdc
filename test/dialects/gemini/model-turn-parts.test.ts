/**
 * A model turn's parts without an interlingua equivalent (`executableCode` and
 * `codeExecutionResult` of Gemini's code execution, as recorded in
 * fixtures/gemini/dd-generatecontent-2.5-flash.response.json) go back to a Gemini upstream as they
 * came, and are named in a warning for the others, as a user turn's are.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { readFixtureJson } from '../../support/fixtures.js';

interface Content {
  role?: string;
  parts: Array<Record<string, unknown>>;
}

test("code execution parts of the model's turn are kept for Gemini and named for other upstreams", () => {
  const recorded = readFixtureJson('gemini/dd-generatecontent-2.5-flash.response.json') as { candidates: Array<{ content: Content }> };
  const modelTurn = recorded.candidates[0]!.content;
  const body = {
    contents: [{ role: 'user', parts: [{ text: 'What is the sum of the first 50 prime numbers?' }] }, modelTurn, { role: 'user', parts: [{ text: 'And of the first 60?' }] }],
  };
  const { request, warnings } = geminiDialect.parseRequest(body, { model: 'gemini-2.5-flash', stream: false });
  assert.deepEqual(
    warnings.map((warning) => warning.feature),
    ['part.executableCode', 'part.codeExecutionResult'],
  );
  assert.match(warnings[0]!.message, /contents\[1\]\.parts\[1\] is a "executableCode" part of the model's turn, which only a Gemini upstream can take/);

  const toGemini = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 }).body as { contents: Content[] };
  assert.deepEqual(
    toGemini.contents[1]?.parts.map((part) => Object.keys(part)[0]),
    modelTurn.parts.map((part) => Object.keys(part)[0]),
  );

  const toClaude = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 }).body as { messages: Array<{ content: unknown }> };
  assert.doesNotMatch(JSON.stringify(toClaude.messages[1]?.content), /import math/);
});

test('a Gemini fileData image (gs://, Files API) is left out for Anthropic with a warning: only Gemini can open it', () => {
  for (const fileUri of ['gs://my-bucket/cat.png', 'https://generativelanguage.googleapis.com/v1beta/files/abc123']) {
    const body = { contents: [{ role: 'user', parts: [{ text: 'What is this?' }, { fileData: { mimeType: 'image/png', fileUri } }] }] };
    const { request } = geminiDialect.parseRequest(body, { model: 'gemini-2.5-flash', stream: false });
    const emitted = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 });
    assert.doesNotMatch(JSON.stringify(emitted.body), /my-bucket|files\/abc123/, fileUri);
    assert.ok(emitted.warnings.some((warning) => warning.feature === 'image.url'), fileUri);
  }
});
