/**
 * A plugin that cannot be reached is reported to the model (whose answer the caller reads) and
 * to the caller's warnings without the address it dialled; the log line keeps it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJsonLogger } from '../../src/gateway/logger.js';
import { httpTool } from '../../src/plugins/http-tool.js';
import { PluginToolRunner } from '../../src/plugins/tool-runner.js';
import { PluginCatalog } from '../../src/plugins/plugin-catalog.js';
import type { HttpPluginConfig, McpPluginConfig } from '../../src/config/plugin-config.js';
import { closedPort } from '../support/closed-port.js';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: createJsonLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}

const runSettings = { async: false, timeoutMs: 5_000, concurrency: 1 };

test('an HTTP tool whose endpoint refuses the connection tells the model why, not where', async () => {
  const port = await closedPort();
  const config: HttpPluginConfig = {
    ...runSettings,
    type: 'http',
    name: 'lookup',
    url: `http://127.0.0.1:${port}/lookup`,
    method: 'GET',
    headers: {},
    description: 'Looks things up.',
    parameters: { type: 'object', properties: {} },
  };
  const { lines, logger } = capturingLogger();
  const outcome = await new PluginToolRunner(logger).execute(httpTool(config), {}, new AbortController().signal, {});
  assert.equal(outcome.isError, true);
  assert.match(outcome.text, /the connection was refused \(ECONNREFUSED\)/);
  for (const secret of ['127.0.0.1', String(port)]) assert.ok(!outcome.text.includes(secret), outcome.text);
  const logged = lines.find((line) => line['message'] === 'plugin call');
  assert.match(String(logged?.['error']), new RegExp(`127\\.0\\.0\\.1:${port}`));
});

test('an MCP server that cannot be reached is left out with a warning that names no address', async () => {
  const port = await closedPort();
  const config: McpPluginConfig = { ...runSettings, type: 'mcp', name: 'weather', server: { kind: 'http', url: `http://127.0.0.1:${port}/mcp`, headers: {} } };
  const { lines, logger } = capturingLogger();
  const catalog = new PluginCatalog(new Map([['weather', config]]), logger);
  const { tools, warnings } = await catalog.toolsOf(['weather']);
  await catalog.close();
  assert.equal(tools.size, 0);
  assert.equal(warnings.length, 1);
  const message = warnings[0]?.message ?? '';
  assert.match(message, /"weather" is unavailable/);
  for (const secret of ['127.0.0.1', String(port), 'http://']) assert.ok(!message.includes(secret), message);
  const logged = lines.find((line) => line['message'] === 'plugin unavailable');
  assert.match(String(logged?.['error']), new RegExp(`127\\.0\\.0\\.1:${port}`));
});
