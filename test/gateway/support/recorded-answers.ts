/**
 * Test upstreams' answers chosen by what the gateway asked for: a vendor's recorded stream when the
 * request asks for one (by its body, or by its path on Gemini, Vertex and Bedrock), its recorded
 * whole answer otherwise.
 */
import type { RecordedRequest, UpstreamReply } from '../../support/test-upstream.js';
import { recordedStream } from '../../support/aws-event-stream-replies.js';
import { readFixtureJson } from '../../support/fixtures.js';
import type { DialectName } from './harness.js';
import { upstreamScenarios } from './upstream-scenarios.js';

type Json = Record<string, unknown>;

/** Whether the gateway asked the upstream for a stream: by the body, or by the path (Gemini, Vertex, Bedrock). */
export function streamed(request: RecordedRequest): boolean {
  const body = request.body as Json | undefined;
  return (
    body?.['stream'] === true ||
    /streamGenerateContent|streamRawPredict|converse-stream|invoke-with-response-stream/.test(request.url) ||
    (request.url.endsWith('/api/chat') && body?.['stream'] !== false)
  );
}

/** The recorded answer of `dialect`, whole or streamed as the request asked. */
export function recordedAnswer(dialect: DialectName): (request: RecordedRequest) => UpstreamReply {
  return (request) => (streamed(request) ? upstreamScenarios[dialect].streamText.reply : upstreamScenarios[dialect].text.reply);
}

/** A reply read from its fixture the first time it is asked for, then reused: a sweep asks thousands of times, and test upstreams change no reply. */
function readOnce(read: () => UpstreamReply): () => UpstreamReply {
  let reply: UpstreamReply | undefined;
  return () => (reply ??= read());
}

const converseStream = readOnce(() => recordedStream('bedrock/pa-converse-stream-reasoning.eventstream.base64.txt', 64));
const converseWhole = readOnce(() => ({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') }));
const invokeModelStream = readOnce(() => recordedStream('bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.eventstream.base64.txt', 64));

/** Bedrock Converse's recorded answer, whole or as its event stream. */
export function converseAnswer(request: RecordedRequest): UpstreamReply {
  return streamed(request) ? converseStream() : converseWhole();
}

/** Claude's answer on Bedrock's InvokeModel: Anthropic's whole answer, or a recorded Claude stream in Bedrock's event-stream framing. */
export function invokeModelAnswer(request: RecordedRequest): UpstreamReply {
  return streamed(request) ? invokeModelStream() : upstreamScenarios.anthropic.text.reply;
}
