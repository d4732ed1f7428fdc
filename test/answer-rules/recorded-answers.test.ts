/**
 * Every recorded vendor answer passes its dialect's answer judge (test/support/answer-rules): the
 * judges ask of the gateway's answers nothing the vendors themselves do not give. And each judge
 * refuses answers broken in the ways its rules name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerJudges, type JudgedAnswer } from '../support/answer-rules/index.js';
import { fixtureNames, readFixtureText } from '../support/fixtures.js';

type Dialect = keyof typeof answerJudges;

/** Folders of recorded answers, and whose dialect each file in them speaks (undefined: not a chat answer). */
const recorded: ReadonlyArray<{ folder: string; dialectOf: (name: string) => Dialect | undefined }> = [
  { folder: 'openai-chat', dialectOf: () => 'openai-chat' },
  { folder: 'anthropic', dialectOf: () => 'anthropic' },
  { folder: 'gemini', dialectOf: (name) => (/embed/i.test(name) ? undefined : 'gemini') },
  { folder: 'vertex', dialectOf: (name) => (name.includes('anthropic') ? 'anthropic' : /embed|predict/i.test(name) ? undefined : 'gemini') },
  { folder: 'openai-responses', dialectOf: () => 'openai-responses' },
  { folder: 'ollama', dialectOf: (name) => (name.startsWith('chat-') ? 'ollama' : undefined) },
];

/**
 * Recorded answers the judges leave out, each for its reason: gpt-4-vision-preview (2023) ended its
 * choice with `finish_details` instead of the `finish_reason` every model since gives; Ollama's
 * 2023 llava answer predates `done_reason`, which every Ollama since sends. (Azure OpenAI's answers
 * are not OpenAI's: its streams open with a content-filter chunk of empty id and object.)
 */
const leftOut = new Set(['openai-chat/dd-image-url-input.response.json', 'ollama/chat-response-images.json']);

/** A recorded answer as a caller would have got it: an error body with an error status. */
function asAnswer(dialect: Dialect, name: string, text: string): JudgedAnswer | undefined {
  const stream = /\.(sse|ndjson)$/.test(name);
  if (!stream && !/(response|chat-response-[^/]*)\.json$|^chat-response-.*\.json$/.test(name)) return undefined;
  if (stream) return { stream, status: 200, contentType: dialect === 'ollama' ? 'application/x-ndjson' : 'text/event-stream', text };
  const body = JSON.parse(text) as { error?: unknown; type?: unknown } | null;
  // A Responses object carries `"error": null` when it did not fail.
  const failed = typeof body === 'object' && body !== null && ((body.error !== undefined && body.error !== null) || body.type === 'error');
  return { stream, status: failed ? 400 : 200, contentType: 'application/json', text };
}

for (const { folder, dialectOf } of recorded) {
  test(`every recorded ${folder} answer passes its dialect's answer judge`, () => {
    const failures: string[] = [];
    let judged = 0;
    for (const name of fixtureNames(folder)) {
      const dialect = dialectOf(name);
      if (dialect === undefined || leftOut.has(`${folder}/${name}`) || !/response|chat-stream|chat-response/.test(name)) continue;
      const answer = asAnswer(dialect, name, readFixtureText(`${folder}/${name}`));
      if (answer === undefined) continue;
      judged += 1;
      for (const problem of answerJudges[dialect](answer)) failures.push(`${name}: ${problem}`);
    }
    assert.ok(judged > 0, `no recorded answer in ${folder}`);
    assert.deepEqual(failures, []);
  });
}
