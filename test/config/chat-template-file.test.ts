/**
 * loadChatTemplate: what a tokenizer_config.json says about its BOS travels with the template,
 * so the completions emitter knows whether the server's tokenizer adds one itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChatTemplate } from '../../src/config/chat-template-file.js';

function tokenizerConfig(fields: Record<string, unknown>): string {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-tokenizer-'));
  writeFileSync(join(directory, 'tokenizer_config.json'), JSON.stringify({ chat_template: '{{ bos_token }}{{ messages[0].content }}', bos_token: '<s>', ...fields }));
  return directory;
}

test('add_bos_token from tokenizer_config.json is kept with the template, an explicit setting winning', () => {
  const off = tokenizerConfig({ add_bos_token: false });
  assert.equal(loadChatTemplate({ file: 'tokenizer_config.json' }, 'test', off).addBosToken, false);
  assert.equal(loadChatTemplate({ file: 'tokenizer_config.json', addBosToken: true }, 'test', off).addBosToken, true);
  assert.equal(loadChatTemplate({ file: 'tokenizer_config.json' }, 'test', tokenizerConfig({ add_bos_token: true })).addBosToken, true);
});

test('a tokenizer_config.json without add_bos_token (Llama 3) leaves it unset, which counts as the server adding BOS', () => {
  const template = loadChatTemplate({ file: 'tokenizer_config.json' }, 'test', tokenizerConfig({}));
  assert.equal('addBosToken' in template, false);
  assert.equal(loadChatTemplate({ source: '{{ bos_token }}', addBosToken: false }, 'test', '.').addBosToken, false);
});
