/**
 * A configuration reload changes what the running gateway does, section by section (the table
 * in src/gateway/config-reload.ts), and names every change that needs a restart instead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { resolveConfig } from '../../src/config/load.js';
import type { RawConfig } from '../../src/config/schema.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { openaiChatReply } from '../plugins/support/scripted-replies.js';
import { TestApplication } from '../onebot/support/test-application.js';
import { bot, secondBot, token } from '../onebot/support/bridge-setup.js';
import { TestImplementation } from '../onebot/support/test-implementation.js';

async function started(config: RawConfig): Promise<{ gateway: Gateway; client: OpenAI; url: string }> {
  const gateway = createGateway(resolveConfig(config), { logger: silentLogger });
  const address = await gateway.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  return { gateway, url, client: new OpenAI({ baseURL: `${url}/v1`, apiKey: 'caller', maxRetries: 0 }) };
}

const toolNames = (body: unknown) => ((body as { tools?: Array<{ function: { name: string } }> }).tools ?? []).map((tool) => tool.function.name);

test('a model that gains plugins in a reload runs them from its next request', async () => {
  const upstream = await new TestUpstream().start();
  const base = {
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
    plugins: { clock: { type: 'builtin' as const, builtin: 'current-time' as const } },
    retry: { attempts: 0 },
  };
  const { gateway, client } = await started({ ...base, models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] } });
  try {
    upstream.enqueue(openaiChatReply({ text: 'no tools yet' }, false), openaiChatReply({ text: 'now with a clock' }, false));
    await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'What time is it?' }] });
    gateway.reload(resolveConfig({ ...base, models: { chat: { deployments: [{ provider: 'oa', model: 'gpt-4o' }], plugins: ['clock'] } } }));
    await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'What time is it?' }] });
    assert.deepEqual(toolNames(upstream.requests[0]?.body), []);
    assert.deepEqual(toolNames(upstream.requests[1]?.body), ['clock']);
  } finally {
    await gateway.close(0);
    await upstream.stop();
  }
});

/** A stateless MCP server over streamable HTTP with one tool (the SDK's documented stateless mode). */
async function mcpServer(toolName: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const mcp = new McpServer({ name: `${toolName}-test`, version: '1.0.0' });
    mcp.registerTool(toolName, { description: `The ${toolName} tool.`, inputSchema: { word: z.string() } }, async ({ word }) => ({ content: [{ type: 'text', text: word }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    void mcp.connect(transport).then(() => transport.handleRequest(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, server };
}

test('an MCP plugin whose definition changes in a reload is connected anew', async () => {
  const upstream = await new TestUpstream().start();
  const [shout, whisper] = await Promise.all([mcpServer('shout'), mcpServer('whisper')]);
  const config = (mcpUrl: string): RawConfig => ({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
    plugins: { voice: { type: 'mcp', url: mcpUrl } },
    models: { talk: { deployments: [{ provider: 'oa', model: 'gpt-4o' }], plugins: ['voice'] } },
    retry: { attempts: 0 },
  });
  const { gateway, client } = await started(config(shout.url));
  try {
    upstream.enqueue(openaiChatReply({ text: 'one' }, false), openaiChatReply({ text: 'two' }, false));
    await client.chat.completions.create({ model: 'talk', messages: [{ role: 'user', content: 'Say hi.' }] });
    gateway.reload(resolveConfig(config(whisper.url)));
    await client.chat.completions.create({ model: 'talk', messages: [{ role: 'user', content: 'Say hi.' }] });
    assert.deepEqual(toolNames(upstream.requests[0]?.body), ['shout']);
    assert.deepEqual(toolNames(upstream.requests[1]?.body), ['whisper']);
  } finally {
    await gateway.close(0);
    await upstream.stop();
    for (const { server } of [shout, whisper]) await new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  }
});

test('a OneBot bot application provider whose baseUrl changes is dialled at its new address', async () => {
  const [before, after] = [new TestApplication('app-token'), new TestApplication('app-token')];
  const [beforeUrl, afterUrl] = await Promise.all([before.start(), after.start()]);
  const config = (url: string): RawConfig => ({
    providers: { bots: { dialect: 'onebot', baseUrl: url, apiKey: 'app-token', timeoutMs: 5_000, onebot: { quietMs: 100, platform: 'interlingua' } } },
    models: { echo: [{ provider: 'bots', model: 'echo-bot' }] },
    retry: { attempts: 0 },
  });
  const { gateway, client } = await started(config(beforeUrl));
  try {
    const first = await client.chat.completions.create({ model: 'echo', messages: [{ role: 'user', content: 'one' }] });
    assert.match(first.choices[0]?.message.content ?? '', /You said: one/);
    gateway.reload(resolveConfig(config(afterUrl)));
    const second = await client.chat.completions.create({ model: 'echo', messages: [{ role: 'user', content: 'two' }] });
    assert.match(second.choices[0]?.message.content ?? '', /You said: two/);
    const said = (application: TestApplication) => application.events.filter((event) => event.type === 'message').length;
    assert.equal(said(before), 1);
    assert.equal(said(after), 1, 'the second message went to the new address');
    // The old connection is closed: the application at the old address is left with no socket.
    await waitFor(() => before.handshakes.length === 1 && before.openSockets() === 0);
  } finally {
    await gateway.close(0);
    await Promise.all([before.stop(), after.stop()]);
  }
});

test('OneBot bots follow a reload: a moved implementation is reconnected, a removed bot stops', async () => {
  const [first, second] = [new TestImplementation({ bots: [bot], accessToken: token }), new TestImplementation({ bots: [secondBot], accessToken: token })];
  const [firstUrl, secondUrl] = await Promise.all([first.serveWebSocket(), second.serveWebSocket()]);
  const config = (url: string): RawConfig => ({
    providers: { an: { dialect: 'anthropic', baseUrl: 'http://127.0.0.1:9', apiKey: 'sk-ant-test', defaultMaxTokens: 64 } },
    models: { smart: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }] },
    onebot: { bots: [{ transport: 'forward-ws', url, accessToken: token, model: 'smart', reconnect: { initialDelayMs: 5, maxDelayMs: 20 } }] },
  });
  const { gateway } = await started(config(firstUrl));
  try {
    await first.waitForConnections(1);
    gateway.reload(resolveConfig(config(secondUrl)));
    await second.waitForConnections(1);
    await waitFor(() => first.openSockets() === 0);
    const { onebot: _removed, ...withoutBots } = config(secondUrl);
    gateway.reload(resolveConfig(withoutBots));
    await waitFor(() => second.openSockets() === 0);
    assert.equal(gateway.onebot.bots.length, 0);
  } finally {
    await gateway.close(0);
    await Promise.all([first.stop(), second.stop()]);
  }
});

test('auth, cache and console settings change with a reload', async () => {
  const upstream = await new TestUpstream().start();
  const base: RawConfig = {
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
    retry: { attempts: 0 },
  };
  const { gateway, url } = await started(base);
  try {
    gateway.reload(resolveConfig({ ...base, auth: { required: true }, cache: { ttlSeconds: 60 }, console: { captureBodies: 5 } }));
    // auth.required: a request with no key is now refused.
    const refused = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }) });
    assert.equal(refused.status, 401);
    assert.equal(upstream.requests.length, 0);
    // cache: the same request twice reaches the upstream once (a created key passes auth).
    const created = await gateway.services.keys.create({ name: 'reload-test' });
    const keyed = new OpenAI({ baseURL: `${url}/v1`, apiKey: created.key, maxRetries: 0 });
    upstream.enqueue(openaiChatReply({ text: 'cached' }, false));
    for (let round = 0; round < 2; round++) await keyed.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'same' }] });
    assert.equal(upstream.requests.length, 1);
    // console.captureBodies: the inspector captures exchanges.
    assert.equal(gateway.services.exchanges?.capacity, 5);
    assert.ok((gateway.services.exchanges?.list().length ?? 0) > 0);
  } finally {
    await gateway.close(0);
    await upstream.stop();
  }
});

test('restart-only changes are named, and the running values kept', async () => {
  const base: RawConfig = { server: { port: 4000 }, providers: {}, logging: { level: 'info' } };
  const { gateway } = await started(base);
  try {
    const unchanged = gateway.reload(resolveConfig(base));
    assert.deepEqual(unchanged.restartNeeded, []);
    const { restartNeeded } = gateway.reload(
      resolveConfig({ ...base, server: { port: 4001, drainMs: 5 }, logging: { level: 'debug' }, grpc: { port: 50051 }, database: { url: ':memory:' }, redis: { url: 'redis://127.0.0.1:6379' } }),
    );
    assert.deepEqual(restartNeeded.sort(), ['database', 'grpc', 'logging.level', 'redis', 'server.port']);
    const running = gateway.services.config;
    assert.equal(running.server.port, 4000);
    assert.equal(running.server.drainMs, 5, 'drainMs applies from the next shutdown');
    assert.equal(running.logging.level, 'info');
    assert.equal(running.grpc, undefined);
    assert.equal(running.redis, undefined);
  } finally {
    await gateway.close(0);
  }
});

test('the server\'s connection limits, timeouts and realtime limits, and the spill files, are restart-only too', async () => {
  const base: RawConfig = { server: { port: 4000, maxConnections: 2 }, providers: {}, database: { url: ':memory:' } };
  const { gateway } = await started(base);
  try {
    const { restartNeeded } = gateway.reload(
      resolveConfig({
        ...base,
        server: { port: 4000, maxConnections: 100, keepAliveTimeoutMs: 1_000, requestTimeoutMs: 4_000, headersTimeoutMs: 3_000, maxRealtimeSubscriptionsPerKey: 7, realtimePingIntervalMs: 9_000 },
        database: { url: ':memory:', spillFile: '/tmp/interlingua-spill-test.ndjson' },
      }),
    );
    assert.deepEqual(restartNeeded.sort(), [
      'database',
      'server.headersTimeoutMs',
      'server.keepAliveTimeoutMs',
      'server.maxConnections',
      'server.maxRealtimeSubscriptions',
      'server.maxRealtimeSubscriptionsPerKey',
      'server.realtimePingIntervalMs',
      'server.requestTimeoutMs',
    ]);
    // What the gateway reports is what it runs on: the values it started with.
    const running = gateway.services.config;
    assert.equal(running.server.maxConnections, 2);
    assert.equal(running.server.realtime.maxSubscriptionsPerKey, resolveConfig(base).server.realtime.maxSubscriptionsPerKey);
    assert.equal(running.usageSpillFile, undefined);
  } finally {
    await gateway.close(0);
  }
});

/** Polls until the condition holds: sockets close and reconnect on their own schedule. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail('the condition never held');
}
