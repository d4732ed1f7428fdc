/**
 * Structured output on Vertex AI: Vertex serves `output_config.format` for Claude Opus 4.7, Sonnet
 * 4.6 and Opus 4.6 only; for the 4.5 models it is "coming soon"
 * (https://docs.cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/structured_outputs).
 * An OpenAI caller's JSON Schema to Sonnet 4.5 on Vertex goes in the system prompt, with a warning;
 * to Sonnet 4.6 it goes as output_config.format. The test upstream judges each request
 * (test/support/vendor-rules/vertex.ts, vertex.anthropic.structured-output-models).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { GoogleTokenServer } from '../../support/google-token-server.js';

let upstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  const credentialsFile = tokenServer.writeKeyFile();
  const config = resolveConfig({
    providers: { 'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: upstream.baseUrl, credentialsFile } },
    models: {
      'sonnet-4-5': [{ provider: 'gcp-claude', model: 'claude-sonnet-4-5@20250929' }],
      'sonnet-4-6': [{ provider: 'gcp-claude', model: 'claude-sonnet-4-6' }],
    },
    retry: { attempts: 0 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
  await tokenServer.stop();
});
beforeEach(() => upstream.reset());

const answer = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text: '{"city":"Paris"}' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 3, output_tokens: 5 } };
const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };

function ask(model: string): Promise<Response> {
  return fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Where is the Louvre?' }], response_format: { type: 'json_schema', json_schema: { name: 'place', schema } } }),
  });
}

test('Sonnet 4.5 on Vertex gets the schema in its system prompt, with a warning', async () => {
  upstream.enqueue({ kind: 'json', body: answer });
  const response = await ask('sonnet-4-5');
  assert.equal(response.status, 200, await response.clone().text());
  const sent = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(sent['output_config'], undefined);
  assert.match(JSON.stringify(sent['system']), /city/);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /output_config\.format on Vertex AI/);
});

test('Sonnet 4.6 on Vertex gets output_config.format', async () => {
  upstream.enqueue({ kind: 'json', body: answer });
  const response = await ask('sonnet-4-6');
  assert.equal(response.status, 200, await response.clone().text());
  const sent = upstream.requests[0]?.body as { output_config?: { format?: { type?: string } } };
  assert.equal(sent.output_config?.format?.type, 'json_schema');
});
