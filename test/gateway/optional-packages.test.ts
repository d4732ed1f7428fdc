/**
 * A gateway loads the packages of the features its configuration uses, and no others: the
 * default one (SQLite, one HTTP provider) loads neither gRPC, Redis, PostgreSQL, the clouds'
 * SDKs, `ws`, the MCP SDK, the Jinja engine, the event-stream codec nor the YAML parser; one configured with each of those features loads each package at
 * start, so a missing one stops the start rather than a request. Each test file runs in a process
 * of its own, so the module cache holds only what this file's gateways loaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';

const moduleCache = createRequire(import.meta.url).cache;
const loaded = (name: string) => Object.keys(moduleCache).some((path) => path.includes(`/node_modules/${name}/`));

/**
 * CommonJS packages only (what the module cache shows): the MCP SDK is seen through its ajv, and
 * @azure/identity (loaded as ES modules) through the jsonwebtoken its MSAL requires.
 */
const optional = ['@grpc/grpc-js', '@grpc/proto-loader', '@grpc/reflection', 'protobufjs', 'ioredis', 'bullmq', 'pg', '@aws-sdk/credential-provider-node', '@smithy/signature-v4', 'google-auth-library', 'jsonwebtoken', 'ws', 'ajv', '@huggingface/jinja', '@smithy/eventstream-codec', 'yaml'];

test('the default gateway loads no optional package; a configured feature loads its own at start', async () => {
  const plain = createGateway(resolveConfig({ providers: { oa: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k', models: ['gpt-*'] } } }), { logger: silentLogger });
  await plain.openStore();
  await plain.listen(0, '127.0.0.1');
  await plain.close(0);
  assert.deepEqual(optional.filter(loaded), []);

  const featured = createGateway(
    resolveConfig({
      providers: {
        aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: 'http://127.0.0.1:9' },
        azure: { dialect: 'azure-openai', baseUrl: 'http://127.0.0.1:9', apiVersion: '2024-10-21', auth: { type: 'entra' } },
        gcp: { dialect: 'vertex', projectId: 'test-project', location: 'us-central1', baseUrl: 'http://127.0.0.1:9' },
        hub: { dialect: 'chathub', baseUrl: 'grpc://127.0.0.1:9' },
        bots: { dialect: 'onebot', baseUrl: 'ws://127.0.0.1:9/onebot' },
        local: { dialect: 'openai-completions', baseUrl: 'http://127.0.0.1:9/v1', chatTemplate: { source: '{{ messages[0].content }}' } },
      },
      plugins: { docs: { type: 'mcp', url: 'http://127.0.0.1:9/mcp' } },
    }),
    { logger: silentLogger },
  );
  await featured.openStore();
  await featured.close(0);
  const startedWith = ['@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', '@aws-sdk/credential-provider-node', '@smithy/signature-v4', 'jsonwebtoken', 'google-auth-library', 'ws', 'ajv', '@huggingface/jinja'];
  assert.deepEqual(startedWith.filter((name) => !loaded(name)), []);
});
