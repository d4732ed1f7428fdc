/**
 * An Anthropic caller streamed an answer from Gemini: Gemini counts the prompt from its first
 * chunk on (`usageMetadata.promptTokenCount`, restated in every chunk), so `message_start` says
 * how many input tokens the request took, as Anthropic's own does, rather than 0. The final
 * usage (`message_delta`) and the usage record are those of the last chunk, as before. Every
 * recorded Gemini stream fixture is replayed, read by the official Anthropic SDK.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { readFixtureText, recordedFixturesRoot } from '../support/fixtures.js';
import { passThroughSetup } from './support/pass-through-setup.js';

interface GeminiUsage {
  promptTokenCount?: number;
  toolUsePromptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
}

const fixtures = readdirSync(join(recordedFixturesRoot, 'gemini')).filter((name) => name.startsWith('fantasy-gemini') && name.endsWith('.sse'));

/** The `usageMetadata` of each chunk of a recorded stream, in order. */
function chunkUsages(text: string): GeminiUsage[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => (JSON.parse(line.slice('data:'.length)) as { usageMetadata?: GeminiUsage }).usageMetadata ?? {});
}

const inputOf = (usage: GeminiUsage) => (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
const outputOf = (usage: GeminiUsage) => (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);

const setup = passThroughSetup('anthropic-over-gemini', (baseUrl: string) => ({
  providers: { ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-test-key' } },
  models: { flash: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
  auth: { required: true },
  retry: { attempts: 0 },
}));

describe('Anthropic caller answered by a Gemini stream', () => {
  test('there are recorded Gemini streams to replay', () => {
    assert.ok(fixtures.length >= 10, fixtures.join(', '));
  });

  for (const fixture of fixtures) {
    test(`${fixture}: message_start counts the prompt of the first chunk; the final usage and the record are the last chunk's`, async () => {
      const text = readFixtureText(`gemini/${fixture}`);
      const usages = chunkUsages(text);
      const first = usages[0] ?? {};
      const last = usages.at(-1) ?? {};
      assert.ok(inputOf(first) > 0, 'the first chunk counts the prompt');
      const { key, name } = await setup.newKey();
      setup.upstream.enqueue({ kind: 'stream', text });
      const client = new Anthropic({ baseURL: setup.url, apiKey: key, maxRetries: 0 });
      const stream = await client.messages.create({ model: 'flash', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: 'Hello' }] });
      let start: Anthropic.Usage | undefined;
      let final: Anthropic.MessageDeltaUsage | undefined;
      for await (const event of stream) {
        if (event.type === 'message_start') start = event.message.usage;
        if (event.type === 'message_delta') final = event.usage;
      }
      assert.equal(start?.input_tokens, inputOf(first));
      assert.deepEqual({ input: final?.input_tokens, output: final?.output_tokens }, { input: inputOf(last), output: outputOf(last) });
      const [record] = await setup.recordsOf(name);
      assert.deepEqual({ status: record?.status, input: record?.inputTokens, output: record?.outputTokens }, { status: 200, input: inputOf(last), output: outputOf(last) });
    });
  }
});
