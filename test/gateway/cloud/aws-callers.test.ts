/**
 * Bedrock's runtime API served by the gateway: the AWS SDK (Converse, ConverseStream, InvokeModel,
 * InvokeModelWithResponseStream) and Anthropic's Bedrock SDK reach OpenAI, Anthropic and Gemini
 * upstreams, SigV4-signed with made-up credentials (keys are not required here, so a signed
 * caller is anonymous) or with a Bedrock API key.
 */
import { after, before, beforeEach, describe } from 'node:test';
import { startHarness, type Harness } from '../support/harness.js';
import { anthropicBedrockCaller, converseCaller, invokeModelCaller } from '../support/aws-callers.js';
import { describeCloudCaller } from '../support/cloud-caller-cases.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.close();
});
beforeEach(() => harness.reset());

const anthropicWords = { stop: 'end_turn', toolCalls: 'tool_use' };

describe('AWS SDK Converse, SigV4', () => describeCloudCaller(() => harness, (url) => converseCaller(url, { kind: 'sigv4' }), anthropicWords));
describe('AWS SDK Converse, Bedrock API key', () => describeCloudCaller(() => harness, (url) => converseCaller(url, { kind: 'api-key', key: 'any-bedrock-key' }), anthropicWords));
describe('AWS SDK InvokeModel with Claude bodies', () => describeCloudCaller(() => harness, (url) => invokeModelCaller(url, { kind: 'sigv4' }), anthropicWords));
describe('@anthropic-ai/bedrock-sdk, SigV4', () => describeCloudCaller(() => harness, (url) => anthropicBedrockCaller(url, { kind: 'sigv4' }), anthropicWords));
describe('@anthropic-ai/bedrock-sdk, Bedrock API key', () => describeCloudCaller(() => harness, (url) => anthropicBedrockCaller(url, { kind: 'api-key', key: 'any-bedrock-key' }), anthropicWords));
