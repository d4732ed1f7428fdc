/**
 * A whole InvokeModel answer carries its token counts in Bedrock's
 * `x-amzn-bedrock-input-token-count` / `-output-token-count` headers as well as in its body, as
 * Bedrock writes them (src/dialects/anthropic/bedrock-platform.ts cites the recording): callers
 * that read usage from the headers (boto3's `ResponseMetadata.HTTPHeaders`) see the counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { bedrockRuntimeClient } from './support/aws-callers.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
  models: { gpt: [{ provider: 'oa', model: 'gpt-4o' }] },
  retry: { attempts: 0 },
}));

const answer = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1701103876,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
};

/** The AWS SDK models no such header, so its response's headers are read on the way through. */
function clientSeeingHeaders(): { client: ReturnType<typeof bedrockRuntimeClient>; headers: () => Record<string, string> } {
  const client = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  let seen: Record<string, string> = {};
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      seen = (result.response as { headers: Record<string, string> }).headers;
      return result;
    },
    { step: 'deserialize' },
  );
  return { client, headers: () => seen };
}

test('InvokeModel through the AWS SDK: the token counts in the headers, equal to the body’s usage', async () => {
  setup.upstream.enqueue({ kind: 'json', body: answer });
  const { client, headers } = clientSeeingHeaders();
  const output = await client.send(
    new InvokeModelCommand({
      modelId: 'gpt',
      contentType: 'application/json',
      body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] }),
    }),
  );
  const body = JSON.parse(Buffer.from(output.body).toString('utf8')) as { usage: { input_tokens: number; output_tokens: number } };
  assert.deepEqual([body.usage.input_tokens, body.usage.output_tokens], [12, 5]);
  assert.equal(headers()['x-amzn-bedrock-input-token-count'], '12');
  assert.equal(headers()['x-amzn-bedrock-output-token-count'], '5');
});

// Recorded: DataDog/dd-trace-py tests/contrib/botocore/bedrock_cassettes/bedrock_converse.yaml answers with
// Content-Type, Date and x-amzn-RequestId only, its usage in the body.
test('Converse carries its usage in the body only, as Bedrock does: no token-count headers', async () => {
  setup.upstream.enqueue({ kind: 'json', body: answer });
  const { client, headers } = clientSeeingHeaders();
  const output = await client.send(new ConverseCommand({ modelId: 'gpt', messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }));
  assert.equal(output.usage?.inputTokens, 12);
  assert.equal(headers()['x-amzn-bedrock-input-token-count'], undefined);
});
