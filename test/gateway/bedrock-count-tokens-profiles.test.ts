/**
 * Counting on a Bedrock deployment whose model is a cross-Region inference profile
 * (`us.anthropic.…`, `global.anthropic.…`, or the profile's ARN): Bedrock's CountTokens takes the
 * foundation model's id (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html),
 * so the gateway asks about the profile's model, on the path and in the signature alike; chat
 * still goes to the profile.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { expectedAuthorization, useTestAwsCredentials } from '../support/sigv4.js';

const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const profileArn = `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.${claude}`;

let restoreAwsEnvironment: () => void = () => undefined;
let bedrockUpstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  bedrockUpstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: bedrockUpstream.baseUrl },
        'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: bedrockUpstream.baseUrl },
      },
      models: {
        'us-profile': [{ provider: 'aws', model: `us.${claude}` }],
        'global-profile': [{ provider: 'aws-claude', model: `global.${claude}` }],
        'profile-arn': [{ provider: 'aws', model: profileArn }],
        'foundation-model': [{ provider: 'aws', model: claude }],
      },
      retry: { attempts: 0 },
      routing: { cooldown: false },
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await bedrockUpstream.stop();
  restoreAwsEnvironment();
});
beforeEach(() => bedrockUpstream.reset());

const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });

for (const model of ['us-profile', 'global-profile', 'profile-arn', 'foundation-model']) {
  test(`a count on the ${model} deployment asks CountTokens about the foundation model, signed`, async () => {
    bedrockUpstream.enqueue({ kind: 'json', body: { inputTokens: 8 } });
    const { data, response } = await anthropic()
      .messages.countTokens({ model, messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();
    assert.equal(data.input_tokens, 8);
    assert.equal(response.headers.get('x-interlingua-token-count'), 'upstream');
    const received = bedrockUpstream.requests[0]!;
    assert.equal(received.url, `/model/${encodeURIComponent(claude)}/count-tokens`);
    assert.equal(await expectedAuthorization(received, 'us-east-1'), received.headers['authorization']);
  });
}
