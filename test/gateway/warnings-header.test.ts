/**
 * Warnings stay small through the running gateway: the same warning for many tools is one entry,
 * and a report past the cap points to the full list in the log and the console inspector.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { createJsonLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import type { WarningsHeaderEntry } from '../../src/gateway/warnings-header.js';

const adminKey = 'warnings-admin-key-0123456789';
const gemini = new TestUpstream();
const anthropic = new TestUpstream();
const logLines: string[] = [];
let gateway: Gateway;
let url: string;

before(async () => {
  await gemini.start();
  await anthropic.start();
  const config = resolveConfig({
    providers: {
      ge: { dialect: 'gemini', baseUrl: gemini.baseUrl, apiKey: 'gemini-test-key' },
      an: { dialect: 'anthropic', baseUrl: anthropic.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
    },
    models: { flash: [{ provider: 'ge', model: 'gemini-2.5-flash' }], sonnet: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }] },
    adminKey,
    console: { captureBodies: 5 },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: createJsonLogger((line) => logLines.push(line)) });
  url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await Promise.all([gemini.stop(), anthropic.stop()]);
});
beforeEach(() => {
  gemini.reset();
  anthropic.reset();
  logLines.length = 0;
});

type Entry = WarningsHeaderEntry;

/** 48 tools, as a coding agent declares them: JSON schemas with `$schema` and `additionalProperties`, which Gemini's Schema lacks. */
const agentTools: Anthropic.Tool[] = Array.from({ length: 48 }, (_, index) => ({
  name: `tool_${String(index).padStart(2, '0')}`,
  description: `Tool number ${index}`,
  input_schema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { path: { type: 'string', description: 'a path' } },
    required: ['path'],
    additionalProperties: false,
  },
}));

test('the same warning for 48 tools reaches the caller as one entry with a count and the names', async () => {
  gemini.enqueue(upstreamScenarios.gemini.text.reply);
  const client = new Anthropic({ baseURL: url, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages.create({ model: 'flash', max_tokens: 100, tools: agentTools, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  const value = response.headers.get('x-interlingua-warnings') ?? '';
  // One entry per lost keyword, each naming all 48 tools once: well within the cap, nothing cut.
  assert.ok(value.length < 2048, `${value.length} bytes: ${value.slice(0, 200)}`);
  const entries = JSON.parse(value) as Entry[];
  assert.ok(!entries.some((entry) => entry.feature === 'warnings.truncated'));
  const names = agentTools.map((tool) => tool.name);
  for (const keyword of ['$schema', 'additionalProperties']) {
    const entry = entries.find((candidate) => candidate.feature === `json_schema.${keyword}`);
    assert.equal(entry?.count, 48, JSON.stringify(entry));
    assert.deepEqual(entry?.tools, names);
    assert.doesNotMatch(entry?.message ?? '', /tool_\d\d/, 'the names are data, not part of the message');
  }
  assert.equal(new Set(entries.map((entry) => `${entry.type}:${entry.feature}:${entry.message}`)).size, entries.length, 'no entry repeats another');
  // Gemini got every schema without the keywords it refuses.
  const declarations = (gemini.requests[0]?.body as { tools: Array<{ functionDeclarations: Array<{ parameters: Record<string, unknown> }> }> }).tools[0]?.functionDeclarations ?? [];
  assert.equal(declarations.length, 48);
  assert.ok(declarations.every((declaration) => !('$schema' in declaration.parameters) && !('additionalProperties' in declaration.parameters)));
});

test('a report past 4 KB is cut with a pointer to the full list in the log and in the inspector', async () => {
  anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  // Fields Anthropic has no place for: each is reported as left out (300 distinct warnings).
  const extras = Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`extra_field_${index}`, index]));
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'sonnet', messages: [{ role: 'user', content: 'hi' }], ...extras } as OpenAI.ChatCompletionCreateParamsNonStreaming)
    .withResponse();
  const value = response.headers.get('x-interlingua-warnings') ?? '';
  assert.ok(value.length > 0 && value.length <= 4096, `${value.length} bytes`);
  assert.match(value, /^[\x20-\x7e]+$/, 'plain ASCII');
  const entries = JSON.parse(value) as Entry[];
  const note = entries.at(-1);
  const requestId = response.headers.get('x-request-id');
  const exchange = response.headers.get('x-interlingua-exchange');
  assert.equal(note?.feature, 'warnings.truncated');
  assert.equal(note?.requestId, requestId);
  assert.equal(note?.exchange, exchange);
  assert.equal(note?.omitted, 300 - (entries.length - 1));

  // The log line for this request holds every warning, under the id the header names.
  const logged = logLines
    .map((line) => JSON.parse(line) as { message: string; requestId?: string; warnings?: Entry[] })
    .find((line) => line.message === 'translation warnings');
  assert.equal(logged?.requestId, requestId);
  const loggedFeatures = new Set(logged?.warnings?.map((warning) => warning.feature));
  for (const field of Object.keys(extras)) assert.ok(loggedFeatures.has(field), `${field} is logged`);

  // So does the inspector's exchange.
  const captured = await fetch(`${url}/admin/exchanges/${exchange}`, { headers: { authorization: `Bearer ${adminKey}` } });
  assert.equal(captured.status, 200);
  const capturedFeatures = new Set(((await captured.json()) as { warnings: Entry[] }).warnings.map((warning) => warning.feature));
  for (const field of Object.keys(extras)) assert.ok(capturedFeatures.has(field), `${field} is in the inspector`);
});
