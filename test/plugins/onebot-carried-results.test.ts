/**
 * A OneBot chat's turn carries its conversation's waiting results; they leave the inbox once the
 * bot read the turn's stream to a clean end, and stay for the chat's next turn when the stream
 * carried an error, the turn was stopped midway, or the model could not be reached.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pluginChatRunner } from '../../src/plugins/plugin-chat-runner.js';
import type { PluginService } from '../../src/plugins/plugin-service.js';
import { CarriedResults } from '../../src/plugins/jobs/carried-results.js';
import { MemoryResultInbox, conversationScope, onebotOwner } from '../../src/plugins/jobs/result-inbox.js';
import type { ChatEngine, OpenedStream } from '../../src/gateway/chat-engine.js';
import { Cancellation } from '../../src/gateway/cancellation.js';
import { streamEvents } from '../../src/gateway/chat-engine.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';

const scope = conversationScope(onebotOwner.id, 'onebot.chat');
const request: ChatRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], sampling: {}, stream: true };
const words: StreamEvent = { type: 'text-delta', id: 't', delta: 'Hello' };
const failure: StreamEvent = { type: 'error', error: new InterlinguaError('upstream_error', 'cut') };

async function* batches(...list: StreamEvent[][]): AsyncGenerator<StreamEvent[], undefined> {
  for (const batch of list) yield batch;
  return undefined;
}

/** A runner over a chat model (no plugins) whose stream is `open`, with job_1 waiting in the chat's inbox. */
async function chat(open: () => Promise<OpenedStream>) {
  const inbox = new MemoryResultInbox();
  await inbox.add(scope, { type: 'plugin.result', job: 'job_1', plugin: 'net', tool: 'ping', conversation: 'onebot.chat', ok: true, text: 'PING done', startedAt: 0, finishedAt: 1 });
  const plugins = {
    async prepare(turnRequest: ChatRequest) {
      const leased = await inbox.lease(scope);
      return { request: turnRequest, conversationId: 'onebot.chat', key: onebotOwner, carried: new CarriedResults(inbox, scope, leased, silentLogger) };
    },
  } as unknown as PluginService;
  const engine = { stream: async () => ({ value: await open(), deployment: undefined, warnings: [] }) } as unknown as ChatEngine;
  // What the next turn gets: a lease still held would give it nothing.
  const waiting = async () => (await inbox.lease(scope)).results.map((result) => result.job);
  return { runner: pluginChatRunner(plugins, () => engine, silentLogger), waiting };
}

async function readAll(opened: OpenedStream, cancellation?: Cancellation): Promise<void> {
  for await (const event of streamEvents(opened)) {
    cancellation?.abort('caller');
    if (cancellation?.aborted) break;
    if (event.type === 'error') return;
  }
}

test('a stream read to its end delivers the results', async () => {
  const { runner, waiting } = await chat(async () => ({ first: [words], rest: batches([words]) }));
  await readAll(await runner.stream(request, 'onebot.chat', new Cancellation()));
  assert.deepEqual(await waiting(), []);
});

test('a stream that carries an error leaves them for the next turn', async () => {
  const { runner, waiting } = await chat(async () => ({ first: [words], rest: batches([failure]) }));
  await readAll(await runner.stream(request, 'onebot.chat', new Cancellation()));
  assert.deepEqual(await waiting(), ['job_1']);
});

test('a turn stopped midway leaves them for the next turn', async () => {
  const { runner, waiting } = await chat(async () => ({ first: [words], rest: batches([words], [words]) }));
  const cancellation = new Cancellation();
  await readAll(await runner.stream(request, 'onebot.chat', cancellation), cancellation);
  assert.deepEqual(await waiting(), ['job_1']);
});

test('a model that could not be reached leaves them for the next turn', async () => {
  const { runner, waiting } = await chat(async () => {
    throw new InterlinguaError('upstream_error', 'refused');
  });
  await assert.rejects(runner.stream(request, 'onebot.chat', new Cancellation()));
  assert.deepEqual(await waiting(), ['job_1']);
});
