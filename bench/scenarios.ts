import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { longStreamEvents, longStreamModel, longStreamPath } from './long-streams.js';

/**
 * What is measured: one OpenAI-chat caller, answered by an Anthropic upstream (translating)
 * or by an OpenAI upstream (same dialect), each non-streamed and streamed, an Anthropic caller's
 * stream answered by the Anthropic upstream, and a long translated stream (long-streams.ts). The upstream
 * replays recorded vendor payloads from the repository's fixtures (test/fixtures/recorded), verbatim.
 */
export interface Scenario {
  name: string;
  stream: boolean;
  /** Where the caller posts on the gateway. */
  callerPath: string;
  /** Where the gateway's provider posts upstream; the reference proxy and direct calls post here too. */
  upstreamPath: string;
  /** The gateway's model alias that routes to this upstream. */
  gatewayModel: string;
  /** The caller's request, in the caller's dialect, already naming `gatewayModel`. */
  requestBody: string;
  /** Checked in every answer, so a fast error is never counted as a served request. */
  expectFromGateway: string;
  expectFromUpstream: string;
}

export const openaiPath = '/v1/chat/completions';
export const anthropicPath = '/v1/messages';

/** The upstream's answers by path: short non-streamed bodies and ~20-event recorded streams. */
export const upstreamReplyFixtures: Record<string, { json: string; sse: string }> = {
  [openaiPath]: {
    json: 'openai-chat/fantasy-gpt4o-simple.response.json',
    sse: 'openai-chat/fantasy-gpt4o-multi_tool_streaming.i1.response.sse',
  },
  [anthropicPath]: {
    json: 'anthropic/fantasy-sonnet4-simple.response.json',
    sse: 'anthropic/fantasy-sonnet4-simple_streaming.response.sse',
  },
};

/** The recorded fixtures in this repository (seen from build/bench/), so a fresh clone can run the bench. */
const recordedFixtures = new URL('../../test/fixtures/recorded/', import.meta.url);

export function readFixture(relativePath: string): Buffer {
  return readFileSync(fileURLToPath(new URL(relativePath, recordedFixtures)));
}

/**
 * The four scenarios, an Anthropic caller's stream answered by the Anthropic upstream (the path of
 * Claude Code and other Anthropic clients, passed through), then the long stream of
 * `longStreamEvents` events.
 */
export function buildScenarios(): Scenario[] {
  return [...buildShortScenarios(), anthropicSameDialectStream(), longStreamScenario(longStreamEvents)];
}

function anthropicSameDialectStream(): Scenario {
  const model = 'bench-anthropic';
  return {
    name: 'same-dialect anthropic→anthropic stream',
    stream: true,
    callerPath: anthropicPath,
    upstreamPath: anthropicPath,
    gatewayModel: model,
    requestBody: requestWithModel('anthropic/fantasy-sonnet4-simple_streaming.request.json')(model),
    expectFromGateway: 'message_stop',
    expectFromUpstream: 'message_stop',
  };
}

/** An OpenAI caller's stream answered by the Anthropic upstream's stream of `events` events. */
export function longStreamScenario(events: number): Scenario {
  const model = longStreamModel(events);
  return {
    name: `translate oai→anthropic stream, ${events} events`,
    stream: true,
    callerPath: openaiPath,
    upstreamPath: longStreamPath(events),
    gatewayModel: model,
    requestBody: requestWithModel('openai-chat/fantasy-gpt4o-simple_streaming.request.json')(model),
    expectFromGateway: 'data: [DONE]',
    expectFromUpstream: 'message_stop',
  };
}

function buildShortScenarios(): Scenario[] {
  const simple = requestWithModel('openai-chat/fantasy-gpt4o-simple.request.json');
  const simpleStreaming = requestWithModel('openai-chat/fantasy-gpt4o-simple_streaming.request.json');
  const pairs = [
    { label: 'translate oai→anthropic', upstreamPath: anthropicPath, gatewayModel: 'bench-anthropic', upstreamJson: '"content"', upstreamSse: 'message_stop' },
    { label: 'same-dialect oai→oai', upstreamPath: openaiPath, gatewayModel: 'bench-openai', upstreamJson: '"choices"', upstreamSse: 'data: [DONE]' },
  ];
  return pairs.flatMap((pair) => [
    {
      name: `${pair.label} json`,
      stream: false,
      callerPath: openaiPath,
      upstreamPath: pair.upstreamPath,
      gatewayModel: pair.gatewayModel,
      requestBody: simple(pair.gatewayModel),
      expectFromGateway: '"choices"',
      expectFromUpstream: pair.upstreamJson,
    },
    {
      name: `${pair.label} stream`,
      stream: true,
      callerPath: openaiPath,
      upstreamPath: pair.upstreamPath,
      gatewayModel: pair.gatewayModel,
      requestBody: simpleStreaming(pair.gatewayModel),
      expectFromGateway: 'data: [DONE]',
      expectFromUpstream: pair.upstreamSse,
    },
  ]);
}

/** Counts `data:` lines, to print how long the replayed streams are. */
export function countSseEvents(fixture: string): number {
  return readFixture(fixture).toString('utf8').split('\n').filter((line) => line.startsWith('data:')).length;
}

function requestWithModel(fixture: string): (model: string) => string {
  const request = JSON.parse(readFixture(fixture).toString('utf8')) as Record<string, unknown>;
  return (model) => JSON.stringify({ ...request, model });
}
