/**
 * Bedrock Converse conversations open with a user message and alternate (test/support/vendor-rules/
 * bedrock.ts), while OpenAI takes a lone system message, or a conversation that opens with the
 * assistant's greeting. The caller is the official openai SDK; the upstream judges as Bedrock.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';

let bedrock: TestUpstream;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  bedrock = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: bedrock.baseUrl, apiKey: 'bedrock-api-key-test' } },
    models: { nova: [{ provider: 'aws', model: 'amazon.nova-pro-v1:0' }] },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  // Both stop even when the upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), bedrock.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => bedrock.reset());

async function sent(messages: OpenAI.ChatCompletionMessageParam[]): Promise<{ body: Record<string, unknown>; warnings: string }> {
  bedrock.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const { response } = await client.chat.completions.create({ model: 'nova', messages }).withResponse();
  return { body: bedrock.requests[0]?.body as Record<string, unknown>, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('system instructions alone go as the user turn', async () => {
  const { body, warnings } = await sent([{ role: 'system', content: 'Write a haiku about rain.' }]);
  assert.equal(body['system'], undefined);
  assert.deepEqual(body['messages'], [{ role: 'user', content: [{ text: 'Write a haiku about rain.' }] }]);
  assert.match(warnings, /system_only/);
});

test('a conversation that opens with the assistant gets a user turn before it', async () => {
  const { body, warnings } = await sent([
    { role: 'system', content: 'You are a shop assistant.' },
    { role: 'assistant', content: 'Hello! How can I help?' },
    { role: 'user', content: 'Do you sell umbrellas?' },
  ]);
  const messages = body['messages'] as Array<{ role: string }>;
  assert.deepEqual(
    messages.map((message) => message.role),
    ['user', 'assistant', 'user'],
  );
  assert.deepEqual(body['system'], [{ text: 'You are a shop assistant.' }]);
  assert.match(warnings, /messages\.order/);
});

test('a request with no content at all is refused in the caller’s dialect without reaching Bedrock', async () => {
  // An empty user message, and system instructions of whitespace only, which Converse refuses as blank text.
  for (const messages of [[{ role: 'user', content: '' }], [{ role: 'system', content: ' ' }, { role: 'assistant', content: '' }]] satisfies OpenAI.ChatCompletionMessageParam[][]) {
    const refused = await client.chat.completions.create({ model: 'nova', messages }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(refused instanceof OpenAI.BadRequestError, String(refused));
    assert.match(refused.message, /no message content/i);
  }
  assert.equal(bedrock.requests.length, 0);
});
