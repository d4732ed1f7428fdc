/**
 * A gateway with no `telemetry` configured never loads the tracing SDK or the OTLP exporter
 * (some 250 modules at start-up), and one with it configured does. Each test file runs in a
 * process of its own, so the module cache holds only what this file's gateways loaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';

const moduleCache = createRequire(import.meta.url).cache;
const loaded = (name: string) => Object.keys(moduleCache).some((path) => path.includes(`/node_modules/@opentelemetry/${name}/`));

const providers = { oa: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k' } };
const models = { m: [{ provider: 'oa', model: 'gpt-4o' }] };

test('without telemetry the tracing SDK stays unloaded; with it, it loads', async () => {
  const quiet = createGateway(resolveConfig({ providers, models }), { logger: silentLogger });
  await quiet.close();
  assert.equal(loaded('sdk-trace-base'), false);
  assert.equal(loaded('exporter-trace-otlp-http'), false);

  const traced = createGateway(resolveConfig({ providers, models, telemetry: { otlpEndpoint: 'http://127.0.0.1:9' } }), { logger: silentLogger });
  await traced.close();
  assert.equal(loaded('sdk-trace-base'), true);
  assert.equal(loaded('exporter-trace-otlp-http'), true);
});
