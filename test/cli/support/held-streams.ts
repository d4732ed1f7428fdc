import { Agent, request } from 'undici';
import type { TestUpstream, UpstreamReply } from '../../support/test-upstream.js';
import { readFixtureText } from '../../support/fixtures.js';

/** A streamed chat's end: the worker that answered, and whether its stream ran to `[DONE]` after a `stop`. */
export interface StreamEnd {
  worker: string;
  finished: boolean;
}

/**
 * Starts `count` streamed chats, each on a connection of its own, which the upstream holds after
 * their first frame until `resume` is called (the recorded OpenAI stream,
 * fixtures/openai-chat/fantasy-gpt4o-simple_streaming.response.sse). `inFlight` resolves once the
 * upstream has every request; `ends` once every stream has ended, whole or cut.
 */
export function heldStreams(upstream: TestUpstream, url: string, key: string, count: number) {
  let resume: () => void = () => {};
  const held = new Promise<void>((resolve) => (resume = resolve));
  const stream: UpstreamReply = { kind: 'stream', text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse'), pauseAfterFrames: 1, resume: held };
  upstream.enqueue(...Array.from({ length: count }, () => stream));
  const before = upstream.requests.length;
  const ends = Promise.all(
    Array.from({ length: count }, async (): Promise<StreamEnd> => {
      const dispatcher = new Agent({ connections: 1 });
      try {
        const response = await request(`${url}/v1/chat/completions`, {
          method: 'POST',
          dispatcher,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
        });
        const worker = String(response.headers['x-interlingua-worker']);
        try {
          const text = await response.body.text();
          return { worker, finished: text.includes('"finish_reason":"stop"') && text.trimEnd().endsWith('data: [DONE]') };
        } catch {
          return { worker, finished: false };
        }
      } finally {
        await dispatcher.destroy();
      }
    }),
  );
  const inFlight = (async () => {
    while (upstream.requests.length < before + count) await new Promise((resolve) => setTimeout(resolve, 20));
  })();
  return { inFlight, ends, resume: () => resume() };
}
