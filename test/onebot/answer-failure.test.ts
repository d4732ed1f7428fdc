/**
 * A model call that fails is told in the chat, briefly and without the upstream's details: a
 * refusal before any text as a "no answer" notice, a stream cut mid-answer as the unfinished
 * sentence (held back in `sentences` mode until it ends) followed by a "cut off" notice, so the
 * sentences already sent are not read as a whole answer. Both are the upstream's doing and are
 * logged as warnings, not errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureText } from '../support/fixtures.js';
import { recordingLogger } from '../support/recording-logger.js';
import { bot, startBridge } from './support/bridge-setup.js';
import { privateMessage, text, type RecordedAction } from './support/test-implementation.js';
import { within } from '../support/within.js';

const recorded = 'anthropic/fantasy-sonnet4-simple_streaming.response.sse';
const textOf = (action: RecordedAction | undefined) => (action?.params.message as Array<{ type: string; data: { text?: string } }>).map((segment) => segment.data.text ?? '').join('');

test('sentences mode: a refused call and a cut stream each end with a short notice in the chat, logged as warnings', { timeout: 20_000 }, async () => {
  const logger = recordingLogger();
  const setup = await startBridge('reverse-ws', {}, { replyMode: 'sentences' }, logger);
  try {
    const { implementation, upstream, gateway } = setup;
    // Anthropic's rate-limit answer (https://docs.anthropic.com/en/api/errors).
    upstream.enqueue({ kind: 'json', status: 429, headers: { 'retry-after': '20' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit' } } });
    await implementation.push(privateMessage(implementation, bot, 'p-1', 'lee', [text('Say hi in Portuguese.')]));
    const [refused] = await within(implementation.waitForActions('send_message', 1), 5_000, 'a message in the chat after the refusal');
    await gateway.onebot?.idle();
    assert.equal(textOf(refused), '(No answer: the model is busy. Please try again in a moment.)');

    // The recorded answer broken off in its second sentence.
    const frames = readFixtureText(recorded).split(/(?<=\n\n)/);
    const cut = frames.findIndex((frame) => frame.includes('"text":" is a"'));
    upstream.enqueue({ kind: 'stream', text: readFixtureText(recorded), cutAfterFrames: cut + 1 });
    await implementation.push(privateMessage(implementation, bot, 'p-2', 'lee', [text('Again, please.')]));
    const sent = await within(implementation.waitForActions('send_message', 3), 5_000, 'the cut answer and its notice in the chat');
    await gateway.onebot?.idle();
    assert.deepEqual(sent.slice(1).map(textOf), ['Olá! (That\'s "hi" in Portuguese)', 'You could also say "Oi!" which is a… (The answer was cut off.)']);

    assert.ok(sent.every((action) => !textOf(action).includes(upstream.baseUrl.replace('http://', ''))), 'no upstream address in the chat');
    const failures = logger.lines.filter((line) => line.level === 'warn' || line.level === 'error');
    assert.deepEqual(
      failures.map((line) => [line.level, line.message]),
      [
        ['warn', 'onebot answer failed upstream'],
        ['warn', 'onebot answer failed upstream'],
      ],
    );
  } finally {
    await setup.close();
  }
});
