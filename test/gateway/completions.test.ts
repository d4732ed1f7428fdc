/**
 * Text completions: a chat caller reaching a prompt-only backend through the model's own
 * published chat template (test/fixtures/chat-templates/), and a completions caller reaching a
 * chat upstream, through the official SDKs.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { loadConfigFile, resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureText } from '../support/fixtures.js';

const templatesDirectory = fileURLToPath(new URL('../../../test/fixtures/chat-templates/', import.meta.url));
const qwen = (JSON.parse(readFileSync(join(templatesDirectory, 'templates.json'), 'utf8')) as Record<string, { file: string; stopTokens: string[] }>)['qwen2.5-7b-instruct'];

/** A completion in OpenAI's documented shape (https://platform.openai.com/docs/api-reference/completions/object). */
const completion = {
  id: 'cmpl-test',
  object: 'text_completion',
  created: 1_700_000_000,
  model: 'qwen2.5-7b-instruct',
  choices: [{ text: 'Olá!', index: 0, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 21, completion_tokens: 3, total_tokens: 24 },
};

let completionsUpstream: TestUpstream;
let chatUpstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  completionsUpstream = await new TestUpstream().start();
  chatUpstream = await new TestUpstream().start();
  const config = resolveConfig(
    {
      providers: {
        local: {
          dialect: 'openai-completions',
          baseUrl: `${completionsUpstream.baseUrl}/v1`,
          chatTemplate: { file: qwen?.file },
          stopTokens: qwen?.stopTokens,
        },
        claude: { dialect: 'anthropic', baseUrl: chatUpstream.baseUrl, apiKey: 'k' },
      },
      models: { qwen: [{ provider: 'local', model: 'qwen2.5-7b-instruct' }], claude: [{ provider: 'claude', model: 'claude-sonnet-4-20250514' }] },
    },
    'test config',
    templatesDirectory,
  );
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await completionsUpstream.stop();
  await chatUpstream.stop();
});
beforeEach(() => {
  completionsUpstream.reset();
  chatUpstream.reset();
});

test('an Anthropic caller reaches a prompt-only backend with the conversation in Qwen2.5’s ChatML and its stop tokens', async () => {
  completionsUpstream.enqueue({ kind: 'json', body: completion });
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const message = await client.messages.create({ model: 'qwen', max_tokens: 100, system: 'You are terse.', messages: [{ role: 'user', content: 'Say hi in Portuguese' }] });
  assert.deepEqual(message.content.map((block) => (block.type === 'text' ? block.text : block.type)), ['Olá!']);
  assert.equal(message.stop_reason, 'end_turn');

  const received = completionsUpstream.requests[0];
  assert.equal(received?.url, '/v1/completions');
  const body = received?.body as { prompt: string; stop: string[]; max_tokens: number };
  // ChatML as the Qwen2.5 template writes it (https://qwen.readthedocs.io/en/latest/getting_started/concepts.html)
  assert.equal(body.prompt, '<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nSay hi in Portuguese<|im_end|>\n<|im_start|>assistant\n');
  for (const token of qwen?.stopTokens ?? []) assert.ok(body.stop.includes(token), `stop has ${token}`);
  assert.equal(body.max_tokens, 100);
});

test('an OpenAI completions caller reaches a chat upstream, plain and streamed', async () => {
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  chatUpstream.enqueue({ kind: 'json', body: readFixtureText('anthropic/fantasy-sonnet4-simple.response.json') });
  const plain = await client.completions.create({ model: 'claude', prompt: 'Say hi in Portuguese', max_tokens: 50 });
  assert.match(plain.choices[0]?.text ?? '', /Olá/);
  assert.equal(plain.choices[0]?.finish_reason, 'stop');
  const sent = chatUpstream.requests[0]?.body as { messages: Array<{ role: string; content: unknown }> };
  assert.equal(sent.messages[0]?.role, 'user');

  chatUpstream.enqueue({ kind: 'stream', text: readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse') });
  let text = '';
  let pieces = 0;
  for await (const chunk of await client.completions.create({ model: 'claude', prompt: 'Say hi in Portuguese', max_tokens: 50, stream: true })) {
    text += chunk.choices[0]?.text ?? '';
    pieces++;
  }
  assert.match(text, /Olá/);
  assert.ok(pieces > 2, 'the answer arrives in pieces');
});

test('a chat template can come from a model’s tokenizer_config.json, with its bos and eos tokens', () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-template-'));
  writeFileSync(join(directory, 'tokenizer_config.json'), JSON.stringify({ chat_template: '{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}', bos_token: { content: '<s>' }, eos_token: '</s>' }));
  writeFileSync(join(directory, 'interlingua.yaml'), 'providers:\n  local:\n    dialect: openai-completions\n    baseUrl: http://127.0.0.1:9/v1\n    chatTemplate:\n      file: tokenizer_config.json\n');
  const config = loadConfigFile(join(directory, 'interlingua.yaml'), {});
  assert.deepEqual(config.providers.get('local')?.chatTemplate, { source: '{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}', bosToken: '<s>', eosToken: '</s>' });
  assert.throws(() => resolveConfig({ providers: { a: { dialect: 'anthropic', stopTokens: ['x'] } } }), /chatTemplate and stopTokens apply to openai-completions providers only/);
  assert.throws(() => resolveConfig({ providers: { a: { dialect: 'openai-completions', chatTemplate: { source: 'x', file: 'y' } } } }), /give exactly one of source or file/);
});

test('a template that does not parse stops the gateway from starting', () => {
  const config = resolveConfig({ providers: { a: { dialect: 'openai-completions', chatTemplate: { source: '{% for %}' } } } });
  assert.throws(() => createGateway(config, { logger: silentLogger }));
});
