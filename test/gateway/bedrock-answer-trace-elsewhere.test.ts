/**
 * A Bedrock upstream's answer fields that only Converse answers carry (the guardrail `trace`, the
 * `performanceConfig` and `serviceTier` that served it: ConverseResponse and
 * ConverseStreamMetadataEvent, https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax,
 * API_runtime_ConverseStreamMetadataEvent.html) are reported to a caller of another API: in
 * `x-interlingua-warnings` for a whole answer, in the log's translation warnings for a stream.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { createJsonLogger } from '../../src/gateway/logger.js';
import { encodeAwsEventStreamMessage } from '../../src/wire/aws-event-stream.js';
import { TestUpstream } from '../support/test-upstream.js';

const bedrock = new TestUpstream();
const logLines: string[] = [];
let gateway: Gateway;
let url: string;

before(async () => {
  await bedrock.start();
  const config = resolveConfig({
    providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: bedrock.baseUrl, apiKey: 'bedrock-api-key-test' } },
    models: { nova: [{ provider: 'aws', model: 'us.amazon.nova-pro-v1:0' }] },
    retry: { attempts: 0 },
  });
  gateway = createGateway(config, { logger: createJsonLogger((line) => logLines.push(line)) });
  url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await bedrock.stop();
});
beforeEach(() => {
  bedrock.reset();
  logLines.length = 0;
});

/** A guardrail's assessment of the input, as GuardrailTraceAssessment words it. */
const trace = { guardrail: { inputAssessment: { 'gr-1': { contentPolicy: { filters: [{ type: 'MISCONDUCT', confidence: 'HIGH', action: 'BLOCKED', detected: true }] } } } } };
const performanceConfig = { latency: 'optimized' };
const serviceTier = { type: 'priority' };
const usage = { inputTokens: 9, outputTokens: 5, totalTokens: 14 };
const text = 'Sorry, I cannot help with that.';
const features = ['output.trace', 'output.performanceConfig', 'output.serviceTier'];
const frame = (event: string, data: unknown) => encodeAwsEventStreamMessage({ event, data: JSON.stringify(data) });

const callers = [
  { caller: 'openai-chat', path: '/v1/chat/completions', body: { model: 'nova', messages: [{ role: 'user', content: 'How do I pick a lock?' }] } },
  { caller: 'anthropic', path: '/v1/messages', body: { model: 'nova', max_tokens: 200, messages: [{ role: 'user', content: 'How do I pick a lock?' }] } },
] as const;

async function post(path: string, body: object): Promise<Response> {
  return fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

for (const { caller, path, body } of callers) {
  test(`${caller}, whole: the trace, performanceConfig and serviceTier are reported in the warnings header`, async () => {
    bedrock.enqueue({
      kind: 'json',
      body: { output: { message: { role: 'assistant', content: [{ text }] } }, stopReason: 'guardrail_intervened', usage, metrics: { latencyMs: 10 }, trace, performanceConfig, serviceTier },
    });
    const response = await post(path, body);
    assert.equal(response.status, 200);
    const reported = (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
    for (const feature of features) assert.ok(reported.includes(feature), `${feature} in ${reported.join(', ')}`);
    assert.match(await response.text(), /cannot help/);
  });

  test(`${caller}, streamed: the trace, performanceConfig and serviceTier are in the log's translation warnings`, async () => {
    bedrock.enqueue({
      kind: 'binary-stream',
      contentType: 'application/vnd.amazon.eventstream',
      chunks: [
        frame('messageStart', { role: 'assistant' }),
        frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text } }),
        frame('contentBlockStop', { contentBlockIndex: 0 }),
        frame('messageStop', { stopReason: 'guardrail_intervened' }),
        frame('metadata', { usage, metrics: { latencyMs: 10 }, trace, performanceConfig, serviceTier }),
      ],
    });
    const response = await post(path, { ...body, stream: true });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /cannot help/);
    const logged = logLines
      .map((line) => JSON.parse(line) as { message: string; streamed?: boolean; warnings?: Array<{ feature: string }> })
      .find((line) => line.message === 'translation warnings' && line.streamed === true);
    const reported = logged?.warnings?.map((warning) => warning.feature) ?? [];
    for (const feature of features) assert.ok(reported.includes(feature), `${feature} in ${reported.join(', ')}`);
  });
}
