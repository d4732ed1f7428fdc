/**
 * A stream whose first frame is over the frame limit (wire/size-limits.ts, `maxFrameBytes`) fails
 * once: it is not retried, since another try would read the same limit's worth of bytes again only
 * to fail the same way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { passThroughSetup } from './support/pass-through-setup.js';
import { maxFrameBytes } from '../../src/wire/size-limits.js';

const setup = passThroughSetup('huge-first-frame', (baseUrl: string) => ({
  providers: { ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-test-key' } },
  models: { flash: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
  auth: { required: true },
  retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
}));

test('a first stream frame over the limit is refused once, not fetched again', { timeout: 120_000 }, async () => {
  // One SSE line that never ends, a little over the limit, before any event.
  const huge = `data: {"candidates":[{"content":{"parts":[{"text":"${'a'.repeat(maxFrameBytes + 1024)}`;
  setup.upstream.answerUnqueuedWith(() => ({ kind: 'stream', text: huge }));
  const { key } = await setup.newKey();
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: key, maxRetries: 0 });
  const failed = await client.chat.completions.create({ model: 'flash', stream: true, messages: [{ role: 'user', content: 'Draw it' }] }).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(failed instanceof OpenAI.APIError, String(failed));
  assert.equal(failed.status, 502);
  assert.match(failed.message, /over 64 MiB/);
  assert.equal(setup.upstream.requests.length, 1, 'the upstream was asked once');
});
