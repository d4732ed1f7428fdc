import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockModelName } from '../../src/wire/bedrock-model-id.js';

test('a Bedrock model id names its vendor: plain, behind an inference profile, or in an ARN', () => {
  assert.deepEqual(bedrockModelName('anthropic.claude-sonnet-4-5-20250929-v1:0'), { vendor: 'anthropic', model: 'claude-sonnet-4-5-20250929-v1' });
  assert.deepEqual(bedrockModelName('us.meta.llama4-maverick-17b-instruct-v1:0'), { vendor: 'meta', model: 'llama4-maverick-17b-instruct-v1' });
  assert.equal(bedrockModelName('global.openai.gpt-5.6-sol')?.vendor, 'openai');
  assert.deepEqual(bedrockModelName('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0'), { vendor: 'amazon', model: 'nova-pro-v1' });
  assert.equal(bedrockModelName('arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.mistral.pixtral-large-2502-v1:0')?.vendor, 'mistral');
  assert.equal(bedrockModelName('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3'), undefined);
  assert.equal(bedrockModelName('my-imported-model'), undefined);
});
