/**
 * What the catalog knows of DeepSeek's, Moonshot's, Alibaba's and OpenAI's models through their own
 * APIs (src/catalog/model-rules-compatible.ts, model-rules.ts), and how a request is fitted to it
 * (fit-images.ts, fit-forced-tool-reasoning.ts, fit-user.ts): images for a text model, a forced tool
 * call for a model that refuses one while it reasons, Kimi's pinned sampling, OpenAI's 64-character user.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { fitRequestToModel } from '../../src/catalog/fit-request.js';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';
import type { ModelFacts } from '../../src/catalog/model-facts.js';
import type { RuleVendor } from '../../src/catalog/model-rules.js';
import { catalogVendorOf } from '../../src/gateway/catalog-vendor.js';
import type { ChatRequest } from '../../src/interlingua/request.js';

const catalog = new ModelCatalog();
const facts = (vendor: RuleVendor, model: string): ModelFacts | undefined => catalog.factsFor(vendor, model);

const request = (fields: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'read a.txt' }] }],
  sampling: {},
  stream: false,
  ...fields,
});
const readFile = { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } };
const forced = (fields: Partial<ChatRequest> = {}) => request({ tools: [readFile], toolChoice: { type: 'required' }, ...fields });
const features = (warnings: ReadonlyArray<{ feature: string }>) => warnings.map((warning) => warning.feature);

test('the deepseek and moonshot presets are their own rule vendors', () => {
  assert.equal(catalogVendorOf({ dialect: 'openai-chat', preset: 'deepseek' }, 'deepseek-v4-pro'), 'deepseek');
  assert.equal(catalogVendorOf({ dialect: 'openai-chat', preset: 'moonshot' }, 'kimi-k2.6'), 'moonshot');
});

test('DeepSeek text models: images and image-bearing files become notes, text and text files stay, with one warning', () => {
  const withImages = request({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } },
          { type: 'text', text: 'what is this' },
          { type: 'file', filename: 'notes.txt', source: { kind: 'text', mediaType: 'text/plain', text: 'plain' } },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'read_file', arguments: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'file', filename: 'scan.pdf', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' } }] }] },
    ],
  });
  const fitted = fitRequestToModel(withImages, facts('deepseek', 'deepseek-v4-pro'));
  const [user, , tool] = fitted.value.messages;
  assert.deepEqual(user?.content, [
    { type: 'text', text: '[image omitted: deepseek-v4-pro does not read images]' },
    { type: 'text', text: 'what is this' },
    { type: 'file', filename: 'notes.txt', source: { kind: 'text', mediaType: 'text/plain', text: 'plain' } },
  ]);
  assert.deepEqual(tool?.role === 'tool' ? tool.content[0]?.content : undefined, [{ type: 'text', text: '[file "scan.pdf" omitted: deepseek-v4-pro does not read images]' }]);
  assert.deepEqual(fitted.warnings, [{ type: 'unsupported', feature: 'image', message: 'deepseek-v4-pro does not read images; 2 images (or files carrying them) were replaced by a note saying so.' }]);
  assert.equal(facts('deepseek', 'deepseek-chat')?.vision, false);
  assert.equal(facts('deepseek', 'deepseek-flash')?.vision, undefined, 'V4.1 Flash reads images');
});

test('DeepSeek V4: a forced call turns default thinking off quietly, asked thinking off with a warning; other choices keep it', () => {
  const v4 = facts('deepseek', 'deepseek-v4-flash');
  const quiet = fitRequestToModel(forced(), v4);
  assert.deepEqual(quiet.value.reasoning, { enabled: false });
  assert.deepEqual(quiet.warnings, []);
  const asked = fitRequestToModel(forced({ toolChoice: { type: 'tool', name: 'read_file' }, reasoning: { effort: 'high' } }), v4);
  assert.deepEqual(asked.value.reasoning, { enabled: false });
  assert.deepEqual(asked.value.toolChoice, { type: 'tool', name: 'read_file' });
  assert.deepEqual(features(asked.warnings), ['reasoning.forced_tool_choice']);
  assert.equal(fitRequestToModel(forced({ toolChoice: { type: 'auto' } }), v4).value.reasoning, undefined);
  assert.equal(fitRequestToModel(forced({ toolChoice: { type: 'tool', name: 'missing' } }), v4).value.reasoning, undefined, 'a choice no upstream receives forces nothing');
  const chat = facts('deepseek', 'deepseek-chat');
  assert.equal(fitRequestToModel(forced(), chat).value.reasoning, undefined, 'the legacy alias does not think by default');
  assert.deepEqual(fitRequestToModel(forced({ reasoning: { enabled: true } }), chat).value.reasoning, { enabled: false });
});

test('Qwen on DashScope: the open-source Qwen3 models and qwen3.5-plus think by default, the commercial ones when asked', () => {
  assert.deepEqual(fitRequestToModel(forced(), facts('alibaba', 'qwen3-32b')).value.reasoning, { enabled: false });
  assert.deepEqual(fitRequestToModel(forced(), facts('alibaba', 'qwen3.5-plus')).value.reasoning, { enabled: false });
  assert.equal(fitRequestToModel(forced(), facts('alibaba', 'qwen-plus')).value.reasoning, undefined);
  const asked = fitRequestToModel(forced({ reasoning: { enabled: true, budgetTokens: 4000 } }), facts('alibaba', 'qwen3.6-plus'));
  assert.deepEqual(asked.value.reasoning, { enabled: false });
  assert.deepEqual(features(asked.warnings), ['reasoning.forced_tool_choice']);
});

test('a model that refuses a forced call while it reasons and cannot stop reasoning gets the choice as auto', () => {
  const always: ModelFacts = { id: 'always-thinks', reasoning: { type: 'automatic' }, forcedToolChoiceRefusedWhileReasoning: 'unless-off' };
  const fitted = fitRequestToModel(forced(), always);
  assert.deepEqual(fitted.value.toolChoice, { type: 'auto' });
  assert.equal(fitted.value.reasoning, undefined);
  assert.deepEqual(features(fitted.warnings), ['tool_choice']);
});

test('Kimi K2.5 and K2.6: temperature and top_p are left out, a penalty other than 0 too; thinking goes off for a forced call', () => {
  for (const model of ['kimi-k2.5', 'kimi-k2.6']) {
    const fitted = fitRequestToModel(forced({ sampling: { temperature: 0.7, topP: 0.5, presencePenalty: 0.5, frequencyPenalty: 0, maxOutputTokens: 100 } }), facts('moonshot', model));
    assert.deepEqual(fitted.value.sampling, { frequencyPenalty: 0, maxOutputTokens: 100 }, model);
    assert.deepEqual(fitted.value.reasoning, { enabled: false }, model);
    assert.deepEqual(features(fitted.warnings), ['temperature', 'top_p', 'presence_penalty'], model);
  }
  assert.deepEqual(facts('moonshot', 'kimi-k2.6')?.reasoning, { type: 'effort', turnOff: 'disabled' });
  assert.equal(facts('moonshot', 'moonshot-v1-8k'), undefined, 'Moonshot v1 takes any sampling');
});

test('OpenAI: a user id longer than 64 characters goes as its SHA-256 digest, the same every time; a shorter one as it is', () => {
  const long = JSON.stringify({ device_id: 'ab'.repeat(32), account_uuid: '5b8c2a34-1f0e-4a77-9d1c-2e6f3b7a9c10', session_id: '0f6e8d2c-3b4a-4c5d-8e9f-a1b2c3d4e5f6' });
  const gpt = facts('openai', 'gpt-4o');
  const fitted = fitRequestToModel(request({ user: long }), gpt);
  assert.equal(fitted.value.user, createHash('sha256').update(long).digest('hex'));
  assert.equal(fitted.value.user?.length, 64);
  assert.equal(fitRequestToModel(request({ user: long }), gpt).value.user, fitted.value.user);
  assert.deepEqual(features(fitted.warnings), ['user']);
  const short = request({ user: 'u'.repeat(64) });
  assert.equal(fitRequestToModel(short, gpt).value, short);
  assert.equal(facts('openai', 'gpt-7-preview')?.maxUserLength, 64, 'a model newer than the catalog is still OpenAI’s');
  assert.equal(facts('openai', 'house-model'), undefined);
});

test('codex-mini-latest reads images, whatever the catalog lists: they are sent, not replaced', () => {
  assert.equal(facts('openai', 'codex-mini-latest')?.vision, true);
  assert.equal(facts('openai', 'o3-mini')?.vision, false);
});
