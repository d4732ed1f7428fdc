/**
 * gRPC calls hold against a key's budget as HTTP chat requests do (README "Keys and limits";
 * src/grpc/metered-call.ts): each call holds the most it may cost from admission until its real
 * cost is counted, so ten streams opened at once against a budget that fits four are not all let
 * through while the budget still reads $0. Both services take the same path: aihub.ChatHub and
 * interlingua.v1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import { grpcGatewayOver, servedModel, type ServedGrpc } from './support/grpc-gateway-over.js';
import { chatHubClient, collect, interlinguaClient, withModel, type ChatHubClient, type InterlinguaClient } from './support/grpc-clients.js';

const upstream = new TestUpstream();
let served: ServedGrpc;
let chathub: ChatHubClient;
let interlingua: InterlinguaClient;

before(async () => {
  await upstream.start();
  // gpt-4o: $2.50 input, $10 output per million tokens (src/usage/prices.ts).
  served = await grpcGatewayOver(upstream.baseUrl);
  chathub = chatHubClient(served.port);
  interlingua = interlinguaClient(served.port);
});
after(async () => {
  chathub.close();
  interlingua.close();
  await served.close();
  await upstream.stop();
});

/** Output tokens each call may have, and does: $0.01 of gpt-4o output, so a hold is just over $0.01. */
const maxTokens = 1000;
const budget = 0.05;
const calls = 10;

/** An OpenAI chat stream that uses all of `max_tokens`, its usage chunk last. */
function streamUsingAll(): string {
  const chunk = (body: object) => `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', ...body })}\n\n`;
  return (
    chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: 'hi' }, finish_reason: null }] }) +
    chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'length' }] }) +
    chunk({ choices: [], usage: { prompt_tokens: 5, completion_tokens: maxTokens, total_tokens: maxTokens + 5 } }) +
    'data: [DONE]\n\n'
  );
}

/**
 * Opens `calls` streams at once; every one the gateway lets through is held at the upstream until
 * each is either there or refused, so none counts its real cost before the last admission.
 */
async function burst(open: () => Promise<unknown>): Promise<{ reached: number; refusals: ServiceError[] }> {
  let reached = 0;
  const refusals: ServiceError[] = [];
  let release!: () => void;
  const allDecided = new Promise<void>((resolve) => (release = resolve));
  const decided = () => {
    if (reached + refusals.length === calls) release();
  };
  upstream.answerUnqueuedWith((): UpstreamReply => {
    reached++;
    decided();
    return { kind: 'stream', text: streamUsingAll(), pauseAfterFrames: 1, resume: allDecided };
  });
  await Promise.all(
    Array.from({ length: calls }, () =>
      open().catch((error: unknown) => {
        refusals.push(error as ServiceError);
        decided();
      }),
    ),
  );
  return { reached, refusals };
}

async function keyWithBudget(name: string): Promise<string> {
  return (await served.gateway.services.keys.create({ name, budget: { usd: budget, period: 'total' } })).key;
}

async function assertHeld(name: string, outcome: { reached: number; refusals: ServiceError[] }): Promise<void> {
  for (const refusal of outcome.refusals) {
    assert.equal(refusal.code, status.RESOURCE_EXHAUSTED, `${status[refusal.code]}: ${refusal.details}`);
    assert.match(refusal.details, /has spent its budget/);
  }
  assert.equal(outcome.reached, 4, 'as many as the budget fits');
  await served.gateway.services.usage.flush();
  const records = await queryUsage(await served.gateway.services.store.get(), { keyName: name });
  const spend = records.reduce((sum, record) => sum + (record.cost ?? 0), 0);
  assert.ok(spend <= budget, `spend $${spend} within the $${budget} budget`);
}

test('ChatHub: 10 StreamingChat calls at once against a budget that fits 4: 4 are held and answered, 6 refused', async () => {
  const key = await keyWithBudget('grpc-chathub-burst');
  const metadata = withModel(servedModel, { authorization: `Bearer ${key}` });
  const outcome = await burst(() => collect(chathub.StreamingChat({ prompt: 'Say hi.', max_length: maxTokens }, metadata)));
  await assertHeld('grpc-chathub-burst', outcome);
});

test('interlingua.v1: 10 Stream calls at once against a budget that fits 4: 4 are held and answered, 6 refused', async () => {
  const key = await keyWithBudget('grpc-v1-burst');
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${key}`);
  const request = { model: servedModel, messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Say hi.' } }] }], sampling: { max_output_tokens: maxTokens } };
  const outcome = await burst(() => collect(interlingua.Stream(request, metadata)));
  await assertHeld('grpc-v1-burst', outcome);
});
