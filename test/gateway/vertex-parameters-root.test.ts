/**
 * A tool whose parameters root is a bare `anyOf`, from an OpenAI caller (the official SDK) to Gemini
 * on Vertex AI, which refuses a root that is no OBJECT (test/support/vendor-rules/vertex.ts): the
 * branches reach Vertex merged into one object, the caller is warned, and the model's call comes back.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { GoogleTokenServer } from '../support/google-token-server.js';
import { readFixtureText } from '../support/fixtures.js';

let upstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  upstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  const config = resolveConfig({
    providers: { gcp: { dialect: 'vertex', projectId: 'test-project', location: 'us-central1', baseUrl: upstream.baseUrl, credentialsFile: tokenServer.writeKeyFile() } },
    models: { flash: [{ provider: 'gcp', model: 'gemini-2.5-flash' }] },
    retry: { attempts: 0 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
  await tokenServer.stop();
});
beforeEach(() => upstream.reset());

const weather: OpenAI.Chat.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'weather',
    description: 'Get weather information for a location',
    parameters: {
      anyOf: [
        { type: 'object', properties: { location: { type: 'string', description: 'the city' } }, required: ['location'] },
        { type: 'object', properties: { latitude: { type: 'number' }, longitude: { type: 'number' } }, required: ['latitude', 'longitude'] },
      ],
    },
  },
};

test('a root anyOf reaches Vertex as one OBJECT, with a warning, and the call comes back', { timeout: 30_000 }, async () => {
  // test/fixtures/recorded/vertex/fantasy-gemini25flash-streamGenerateContent-parallel-tools.i0.response.sse
  upstream.enqueue({ kind: 'stream', text: readFixtureText('vertex/fantasy-gemini25flash-streamGenerateContent-parallel-tools.i0.response.sse') });
  const { data, response } = await client.chat.completions
    .create({ model: 'flash', stream: true, tools: [weather], messages: [{ role: 'user', content: "What's the weather in Florence and in Rome?" }] })
    .withResponse();
  const names: string[] = [];
  for await (const chunk of data) for (const call of chunk.choices[0]?.delta.tool_calls ?? []) if (call.function?.name !== undefined) names.push(call.function.name);
  // The recorded answer calls two functions of its own recording's tools: the calls come back as they came.
  assert.deepEqual(names, ['add', 'multiply']);
  const body = upstream.requests[0]?.body as { tools: Array<{ functionDeclarations: Array<{ parameters: Record<string, unknown> }> }> };
  const parameters = body.tools[0]?.functionDeclarations[0]?.parameters;
  assert.equal(parameters?.['type'], 'OBJECT');
  assert.deepEqual(Object.keys(parameters?.['properties'] as object), ['location', 'latitude', 'longitude']);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'tools.parameters'), JSON.stringify(warnings));
});
