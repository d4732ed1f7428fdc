/**
 * A subscriber to /v1/realtime/events that sends and never reads: every message is answered, so
 * the answers would wait in the gateway's memory for as long as it pleases. Once more than
 * `realtimeMaxUnreadBytes` waits unread it is closed with 1008 (RFC 6455 section 7.4.1) and no
 * longer read; another subscriber is answered as before. The flooder is a bare socket, so the test
 * reads the close frame as it comes rather than waiting for the connection to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startPluginGateway } from './support/plugin-gateway.js';
import { openaiChatReply } from './support/scripted-replies.js';
import { EventSocket } from './support/event-socket.js';
import { recordingLogger } from '../support/recording-logger.js';
import { frame, rawUpgrade } from '../support/raw-websocket.js';

test('a subscriber that sends and never reads is closed with 1008 past the unread limit and its later messages are not read; another is still answered', { timeout: 60_000 }, async () => {
  const logger = recordingLogger();
  let closedForUnread = () => {};
  const unreadClose = new Promise<void>((resolve) => (closedForUnread = resolve));
  const warn = logger.warn;
  logger.warn = (message, fields) => {
    warn(message, fields);
    if (/unread/.test(message)) closedForUnread();
  };
  const setup = await startPluginGateway({ logger });
  try {
    const watcher = await EventSocket.open(setup.gatewayUrl, 'flood');
    // A job that never ends, in the flooder's conversation: the flooder's last message cancels it,
    // which the watcher would hear about, if the gateway ever read that message.
    setup.upstream.enqueue(openaiChatReply({ calls: [{ id: 'call_ping', name: 'ping', args: { addr: 'hang' } }] }, false), openaiChatReply({ text: 'Started.' }, false));
    const arrived = setup.landmarks.nextRequest();
    const client = new OpenAI({ baseURL: `${setup.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0, defaultHeaders: { 'x-interlingua-conversation': 'flood' } });
    await client.chat.completions.create({ model: 'travel', messages: [{ role: 'user', content: 'Ping hang' }] });
    await arrived;
    const started = (setup.upstream.requests[1]?.body as { messages: Array<{ content?: unknown }> }).messages.at(-1)?.content;
    const jobId = /Started as job (job_[0-9a-f]+)/.exec(String(started))?.[1];
    assert.ok(jobId);

    const flooder = await rawUpgrade(Number(new URL(setup.gatewayUrl).port), '/v1/realtime/events?conversation=flood');
    flooder.socket.pause();
    // Each answer echoes the 32 KiB job id: 32 MiB of answers, far past the limit and what the
    // kernel's socket buffers hold, then the cancel of the real job.
    const junk = frame(0x1, Buffer.from(JSON.stringify({ type: 'cancel', job: 'x'.repeat(32 * 1024) })));
    for (let index = 0; index < 1024; index++) flooder.socket.write(junk);
    flooder.socket.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'cancel', job: jobId }))));

    const watcherHears = watcher.next();
    const first = await Promise.race([unreadClose.then(() => 'closed for unread answers'), watcherHears.then((message) => `the watcher heard ${String(message.type)}`)]);
    assert.equal(first, 'closed for unread answers');
    // It learns why once it reads: the close frame comes after what it left unread.
    flooder.socket.resume();
    assert.equal(await flooder.closeCode, 1008);
    flooder.socket.destroy();

    // The job is still running (the flooder's cancel was never read), and the watcher is answered.
    watcher.send({ type: 'cancel', job: jobId });
    // The job's end is pushed as the cancel is answered, in either order.
    const heard = [await watcherHears, await watcher.next()];
    assert.deepEqual(
      heard.find((message) => message.type === 'cancel.result'),
      { type: 'cancel.result', job: jobId, cancelled: true },
    );
    assert.equal(heard.find((message) => message.type === 'plugin.result')?.text, 'The tool call was cancelled.');
    watcher.close();
  } finally {
    await setup.close();
  }
});
