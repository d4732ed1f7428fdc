/**
 * A Bedrock deployment whose model id Bedrock will not run (a base id of a model served only
 * through an inference profile, or an id the region does not know) answers 400
 * `ValidationException`, which faults the deployment rather than the request: the model's next
 * deployment answers instead (bedrock-family/errors.ts). A `ValidationException` about the request
 * itself still goes back to the caller without another deployment being tried.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { cloudGateway } from '../../support/cloud-gateway.js';
import type { UpstreamReply } from '../../support/test-upstream.js';

const setup = cloudGateway(['bedrock', 'azure'], (urls) => ({
  providers: {
    aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: urls.bedrock },
    az: { dialect: 'azure-openai', baseUrl: urls.azure, apiVersion: '2025-04-01-preview', apiKey: 'azure-test-key' },
  },
  models: {
    fb: [
      { provider: 'aws', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' },
      { provider: 'az', model: 'gpt-4o' },
    ],
  },
  retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
  routing: { cooldown: false },
}));
const { bedrock, azure } = setup.upstreams;

const openai = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

/** Bedrock's 400: the type in `x-amzn-errortype`, the body only `{message}` (bedrock-family/errors.ts). */
function validationException(message: string): UpstreamReply {
  return { kind: 'json', status: 400, headers: { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/' }, body: { message } };
}

const azureAnswer: UpstreamReply = {
  kind: 'json',
  body: {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, message: { role: 'assistant', content: 'from azure' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
  },
};

for (const [label, message] of [
  // https://github.com/terricain/aioboto3/issues/352 (Bedrock's typographic apostrophe)
  ['on-demand throughput', 'Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.'],
  // the same with a straight apostrophe, as some copies of it have it
  ['on-demand throughput (straight apostrophe)', "Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model."],
  // https://github.com/aws-samples/amazon-bedrock-workshop/issues/315
  ['invalid model identifier', 'The provided model identifier is invalid.'],
] as const) {
  test(`a Bedrock deployment refusing its model id (${label}) gives way to the next deployment`, async () => {
    bedrock.enqueue(validationException(message));
    azure.enqueue(azureAnswer);
    const answer = await openai().chat.completions.create({ model: 'fb', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(answer.choices[0]?.message.content, 'from azure');
    assert.equal(bedrock.requests.length, 1);
    assert.equal(azure.requests.length, 1);
  });
}

test('a ValidationException about the request itself still goes back to the caller', async () => {
  bedrock.enqueue(validationException('A conversation must start with a user message. Try again with a conversation that starts with a user message.'));
  await assert.rejects(openai().chat.completions.create({ model: 'fb', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.APIError);
    assert.equal(error.status, 400);
    return true;
  });
  assert.equal(azure.requests.length, 0);
});
