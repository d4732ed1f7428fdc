/**
 * Claude's betas on the clouds, for fields that need them. An Anthropic caller (Claude Code) asks for
 * tool search with `advanced-tool-use-2025-11-20`; Bedrock InvokeModel and Vertex AI name that beta
 * `tool-search-tool-2025-10-19`, and refuse deferred tools without it. `effort-2025-11-24` neither cloud
 * takes, and Sonnet 4.5 has no `output_config.effort` at all, so the field is left out (cloud-effort.test.ts
 * has the models that take it).
 * The test upstream judges each request (test/support/vendor-rules/anthropic/tool-search-rules.ts).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { GoogleTokenServer } from '../../support/google-token-server.js';
import { useTestAwsCredentials } from '../../support/sigv4.js';

let restoreAwsEnvironment: () => void = () => undefined;
let upstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  upstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  const credentialsFile = tokenServer.writeKeyFile();
  const config = resolveConfig({
    providers: {
      'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: upstream.baseUrl },
      'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: upstream.baseUrl, credentialsFile },
    },
    models: {
      invoked: [{ provider: 'aws-claude', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }],
      vertex: [{ provider: 'gcp-claude', model: 'claude-sonnet-4-5@20250929' }],
    },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
  await tokenServer.stop();
  restoreAwsEnvironment();
});
beforeEach(() => upstream.reset());

const answer = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 3, output_tokens: 1 } };

/** What Claude Code sends with tool search and effort on. */
function claudeCodeRequest(model: string): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': 'caller',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'effort-2025-11-24,advanced-tool-use-2025-11-20,interleaved-thinking-2025-05-14',
    },
    body: JSON.stringify({
      model,
      max_tokens: 500,
      output_config: { effort: 'high' },
      tools: [
        { name: 't1', description: 'd', input_schema: { type: 'object' } },
        { name: 't2', description: 'd', input_schema: { type: 'object' }, defer_loading: true },
        { type: 'tool_search_tool_regex_20251119', name: 'tool_search_tool_regex' },
      ],
      messages: [{ role: 'user', content: 'hi' }],
    }),
  };
}

test('Bedrock InvokeModel: tool search goes with Bedrock\'s beta, and effort, which Sonnet 4.5 does not take, is left out with a warning', async () => {
  upstream.enqueue({ kind: 'json', body: answer });
  const response = await fetch(`${gatewayUrl}/v1/messages`, claudeCodeRequest('invoked'));
  assert.equal(response.status, 200, await response.clone().text());
  const sent = upstream.requests[0]?.body as Record<string, unknown>;
  assert.deepEqual(sent['anthropic_beta'], ['tool-search-tool-2025-10-19', 'interleaved-thinking-2025-05-14']);
  assert.equal((sent['tools'] as Array<Record<string, unknown>>)[1]?.['defer_loading'], true);
  assert.equal(sent['output_config'], undefined);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /output_config\.effort/);
});

test('Vertex AI: tool search goes with Vertex\'s beta in the header, and effort, which Sonnet 4.5 does not take, is left out', async () => {
  upstream.enqueue({ kind: 'json', body: answer });
  const response = await fetch(`${gatewayUrl}/v1/messages`, claudeCodeRequest('vertex'));
  assert.equal(response.status, 200, await response.clone().text());
  const received = upstream.requests[0]!;
  assert.deepEqual(String(received.headers['anthropic-beta']).split(','), ['tool-search-tool-2025-10-19', 'interleaved-thinking-2025-05-14']);
  const sent = received.body as Record<string, unknown>;
  assert.equal((sent['tools'] as Array<Record<string, unknown>>)[1]?.['defer_loading'], true);
  assert.equal(sent['output_config'], undefined);
});
