/**
 * Every recorded answer of every upstream dialect, whole and streamed as it was recorded, reaches
 * every caller dialect as that dialect's clients rely on: the gateway's answer is judged by the
 * caller dialect's answer rules (test/support/answer-rules: shapes, stop reasons, the order of
 * stream events, tool arguments that join into JSON), which every recorded vendor answer passes.
 * The requests are raw HTTP, so nothing an SDK would smooth over goes unseen.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dialectNames, modelFor, startHarness, type DialectName, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { answerJudges } from '../support/answer-rules/index.js';
import { fixtureNames, readFixtureJson, readFixtureText } from '../support/fixtures.js';
import type { UpstreamReply } from '../support/test-upstream.js';
import { callerRequest } from './support/raw-caller-requests.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());

interface RecordedReply {
  name: string;
  streamed: boolean;
  reply: UpstreamReply;
}

/** A recorded whole answer that is not an error, or a recorded stream, of one folder. */
function recordedReplies(folder: string): RecordedReply[] {
  return fixtureNames(folder).flatMap((name): RecordedReply[] => {
    if (name.endsWith('.response.sse')) return [{ name, streamed: true, reply: { kind: 'stream', text: readFixtureText(`${folder}/${name}`) } }];
    if (!name.endsWith('.response.json') || /embed/i.test(name)) return [];
    const body = readFixtureJson(`${folder}/${name}`) as { error?: unknown; type?: unknown };
    // Recorded refusals are answers of another kind (the matrix's error cases carry them).
    if ((body.error !== undefined && body.error !== null) || body.type === 'error') return [];
    return [{ name, streamed: false, reply: { kind: 'json', body } }];
  });
}

/** Ollama's recorded chat answers, and its scenarios' streams (laid out as Ollama streams them). */
function ollamaReplies(): RecordedReply[] {
  const whole = fixtureNames('ollama')
    .filter((name) => name.startsWith('chat-response-') && name !== 'chat-response-images.json')
    .map((name) => ({ name, streamed: false, reply: { kind: 'json', body: readFixtureJson(`ollama/${name}`) } as UpstreamReply }));
  const { streamText, streamTools } = upstreamScenarios.ollama;
  return [...whole, { name: 'stream text', streamed: true, reply: streamText.reply }, { name: 'stream tools', streamed: true, reply: streamTools.reply }];
}

const repliesOf: Record<DialectName, () => RecordedReply[]> = {
  'openai-chat': () => recordedReplies('openai-chat').filter(({ name }) => name !== 'dd-image-url-input.response.json'),
  anthropic: () => recordedReplies('anthropic'),
  gemini: () => recordedReplies('gemini'),
  ollama: ollamaReplies,
  'openai-responses': () => recordedReplies('openai-responses'),
};

for (const upstream of dialectNames) {
  test(`every recorded ${upstream} answer reaches every caller dialect as its clients rely on`, async (t) => {
    const problems: string[] = [];
    let judged = 0;
    for (const { name, streamed, reply } of repliesOf[upstream]()) {
      for (const caller of dialectNames) {
        harness.reset();
        harness.upstreams[upstream].enqueue(reply);
        const { path, headers, body } = callerRequest(caller, modelFor(upstream), streamed);
        const response = await fetch(`${harness.gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
        const text = await response.text();
        judged += 1;
        const where = `${upstream}/${name} → ${caller}${streamed ? ' (streamed)' : ''}`;
        if (response.status !== 200) problems.push(`${where}: ${response.status} ${text.slice(0, 200)}`);
        for (const problem of answerJudges[caller]({ stream: streamed, status: response.status, contentType: response.headers.get('content-type') ?? '', text })) problems.push(`${where}: ${problem}`);
      }
    }
    t.diagnostic(`${judged} answers judged`);
    assert.deepEqual(problems, []);
  });
}
