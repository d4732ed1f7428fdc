/**
 * Cached and cache-write input tokens reach every caller dialect that has fields for them, from an
 * Anthropic upstream (`cache_read_input_tokens`, `cache_creation_input_tokens`) and from an OpenAI
 * one (`prompt_tokens_details.cached_tokens`), streamed and not, read through the official SDKs.
 * The interlingua's input count includes cached tokens (src/interlingua/usage.ts); Anthropic's
 * `input_tokens` does not. Ollama has no cache fields and is not asked.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import type { UpstreamReply } from '../support/test-upstream.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

/** What a caller read: total input (cached included), cache reads, cache writes where its dialect has them. */
interface CacheCounts {
  input: number;
  cached: number;
  written?: number;
  /** Anthropic's `cache_creation`: the writes by lifetime. */
  byLifetime?: { fiveMinutes: number; oneHour: number };
}

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});

/** The recorded Anthropic answers with a cache hit of 1000 tokens and a write of 300, 100 of them for an hour (16 uncached). */
const cacheRead = 1000;
const cacheWrite = 300;
const oneHourWrite = 100;
function anthropicReplies(): { json: UpstreamReply; stream: UpstreamReply } {
  const body = record(readFixtureJson('anthropic/fantasy-sonnet4-simple.response.json'));
  const usage = { ...record(body['usage']), cache_read_input_tokens: cacheRead, cache_creation_input_tokens: cacheWrite, cache_creation: { ephemeral_5m_input_tokens: cacheWrite - oneHourWrite, ephemeral_1h_input_tokens: oneHourWrite } };
  const uncached = '"cache_creation_input_tokens":0,"cache_read_input_tokens":0';
  const cached = `"cache_creation_input_tokens":${cacheWrite},"cache_read_input_tokens":${cacheRead}`;
  const streamText = readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse')
    .replaceAll(uncached, cached)
    .replace('"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0', `"ephemeral_5m_input_tokens":${cacheWrite - oneHourWrite},"ephemeral_1h_input_tokens":${oneHourWrite}`);
  assert.ok(streamText.includes(cached), 'the recorded stream reports cache counts in message_start');
  return { json: { kind: 'json', body: { ...body, usage } }, stream: { kind: 'stream', text: streamText } };
}
const fromAnthropic: CacheCounts = { input: 16 + cacheRead + cacheWrite, cached: cacheRead, written: cacheWrite };
const fromAnthropicByLifetime = { fiveMinutes: cacheWrite - oneHourWrite, oneHour: oneHourWrite };

/** The recorded OpenAI answers with 1000 of their prompt tokens read from the cache. */
function openaiReplies(): { json: UpstreamReply; stream: UpstreamReply } {
  const body = record(readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json'));
  const usage = record(body['usage']);
  const promptTokens = Number(usage['prompt_tokens']) + cacheRead;
  const json: UpstreamReply = {
    kind: 'json',
    body: { ...body, usage: { ...usage, prompt_tokens: promptTokens, total_tokens: promptTokens + Number(usage['completion_tokens']), prompt_tokens_details: { ...record(usage['prompt_tokens_details']), cached_tokens: cacheRead } } },
  };
  const original = '"prompt_tokens":20,"completion_tokens":2,"total_tokens":22,"prompt_tokens_details":{"cached_tokens":0';
  const streamText = readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse').replace(original, `"prompt_tokens":${20 + cacheRead},"completion_tokens":2,"total_tokens":${22 + cacheRead},"prompt_tokens_details":{"cached_tokens":${cacheRead}`);
  assert.ok(streamText.includes(`"cached_tokens":${cacheRead}`), 'the recorded stream ends with its usage');
  return { json, stream: { kind: 'stream', text: streamText } };
}
function fromOpenai(): CacheCounts {
  const usage = record(record(readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json'))['usage']);
  return { input: Number(usage['prompt_tokens']) + cacheRead, cached: cacheRead };
}

type Caller = (model: string, stream: boolean) => Promise<CacheCounts>;

const callers: Record<'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini', Caller> = {
  async 'openai-chat'(model, stream) {
    const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
    const body = { model, messages: [{ role: 'user' as const, content: 'Hi' }] };
    let usage: OpenAI.CompletionUsage | undefined | null;
    if (stream) {
      for await (const chunk of await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } })) usage = chunk.usage ?? usage;
    } else usage = (await client.chat.completions.create(body)).usage;
    const details = record(usage?.prompt_tokens_details);
    const counts: CacheCounts = { input: usage?.prompt_tokens ?? -1, cached: Number(details['cached_tokens']) };
    if (details['cache_write_tokens'] !== undefined) counts.written = Number(details['cache_write_tokens']);
    return counts;
  },
  async 'openai-responses'(model, stream) {
    const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
    let usage: OpenAI.Responses.ResponseUsage | undefined;
    if (stream) {
      for await (const event of await client.responses.create({ model, input: 'Hi', stream: true })) if (event.type === 'response.completed') usage = event.response.usage;
    } else usage = (await client.responses.create({ model, input: 'Hi' })).usage;
    const details = record(usage?.input_tokens_details);
    const counts: CacheCounts = { input: usage?.input_tokens ?? -1, cached: Number(details['cached_tokens']) };
    if (details['cache_write_tokens'] !== undefined) counts.written = Number(details['cache_write_tokens']);
    return counts;
  },
  async anthropic(model, stream) {
    const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
    const body = { model, max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hi' }] };
    const message = stream ? await client.messages.stream(body).finalMessage() : await client.messages.create(body);
    const read = message.usage.cache_read_input_tokens ?? 0;
    const written = message.usage.cache_creation_input_tokens ?? 0;
    const counts: CacheCounts = { input: message.usage.input_tokens + read + written, cached: read, written };
    const creation = message.usage.cache_creation;
    if (creation != null) counts.byLifetime = { fiveMinutes: creation.ephemeral_5m_input_tokens, oneHour: creation.ephemeral_1h_input_tokens };
    return counts;
  },
  async gemini(model, stream) {
    const client = new GoogleGenAI({ apiKey: 'caller-key', httpOptions: { baseUrl: harness.gatewayUrl } });
    const request = { model, contents: 'Hi' };
    let metadata: Json = {};
    if (stream) {
      for await (const chunk of await client.models.generateContentStream(request)) if (chunk.usageMetadata !== undefined) metadata = record(chunk.usageMetadata);
    } else metadata = record((await client.models.generateContent(request)).usageMetadata);
    // Gemini reports cache reads only (`cachedContentTokenCount`, included in `promptTokenCount`).
    return { input: Number(metadata['promptTokenCount']), cached: Number(metadata['cachedContentTokenCount']) };
  },
};

for (const [callerDialect, call] of Object.entries(callers)) {
  describe(`a ${callerDialect} caller`, () => {
    for (const stream of [false, true]) {
      const mode = stream ? 'streamed' : 'not streamed';
      test(`reads the cache tokens of an Anthropic upstream (${mode})`, async () => {
        const replies = anthropicReplies();
        harness.upstreams.anthropic.enqueue(stream ? replies.stream : replies.json);
        const counts = await call(modelFor('anthropic'), stream);
        const expected: CacheCounts =
          callerDialect === 'gemini' ? { input: fromAnthropic.input, cached: fromAnthropic.cached } : callerDialect === 'anthropic' ? { ...fromAnthropic, byLifetime: fromAnthropicByLifetime } : fromAnthropic;
        assert.deepEqual(counts, expected);
      });
      test(`reads the cache tokens of an OpenAI upstream (${mode})`, async () => {
        const replies = openaiReplies();
        harness.upstreams['openai-chat'].enqueue(stream ? replies.stream : replies.json);
        const counts = await call(modelFor('openai-chat'), stream);
        const expected = fromOpenai();
        // Anthropic callers always get write counts, as Anthropic sends them: 0 when the upstream reported none.
        // A stream's split by lifetime is read from message_start only, before OpenAI reports any usage, so it is left out there.
        const split = stream ? {} : { byLifetime: { fiveMinutes: 0, oneHour: 0 } };
        assert.deepEqual(counts, callerDialect === 'anthropic' ? { ...expected, written: 0, ...split } : expected);
      });
    }
  });
}
