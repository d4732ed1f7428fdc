import { readFileSync } from 'node:fs';
import { extname, isAbsolute, join } from 'node:path';
import type { ChatTemplate } from '../templates/chat-template.js';
import { ConfigError } from './config-error.js';

/** A configured chat template as written: inline, or a file path relative to the config file. */
export interface ChatTemplateSetting {
  source?: string | undefined;
  file?: string | undefined;
  bosToken?: string | undefined;
  eosToken?: string | undefined;
  addBosToken?: boolean | undefined;
  addGenerationPrompt?: boolean | undefined;
  variables?: Record<string, unknown> | undefined;
}

/**
 * Reads a chat template: a `.jinja` file holds the template itself; a `.json` file is the model's
 * tokenizer_config.json, whose `chat_template`, `bos_token`, `eos_token` and `add_bos_token` are
 * taken (explicit settings win). Token values there may be strings or `{content}` objects (older tokenizers).
 */
export function loadChatTemplate(setting: ChatTemplateSetting, where: string, baseDirectory: string): ChatTemplate {
  let source = setting.source;
  let fromFile: TokenizerSettings = {};
  if (setting.file !== undefined) {
    const path = isAbsolute(setting.file) ? setting.file : join(baseDirectory, setting.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`${where}.file: cannot read ${path}: ${(error as Error).message}`);
    }
    if (extname(path) === '.json') {
      const tokenizer = parseTokenizerConfig(text, `${where}.file`);
      source = tokenizer.chatTemplate;
      fromFile = tokenizer;
    } else source = text;
  }
  if (source === undefined || source === '') throw new ConfigError(`${where}: no template text`);
  const template: ChatTemplate = { source };
  const bosToken = setting.bosToken ?? fromFile.bosToken;
  const eosToken = setting.eosToken ?? fromFile.eosToken;
  if (bosToken !== undefined) template.bosToken = bosToken;
  if (eosToken !== undefined) template.eosToken = eosToken;
  const addBosToken = setting.addBosToken ?? fromFile.addBosToken;
  if (addBosToken !== undefined) template.addBosToken = addBosToken;
  if (setting.addGenerationPrompt !== undefined) template.addGenerationPrompt = setting.addGenerationPrompt;
  if (setting.variables !== undefined) template.variables = setting.variables;
  return template;
}

/** What a tokenizer_config.json says beside its template; `addBosToken` only where it says so (Llama 3's does not). */
interface TokenizerSettings {
  bosToken?: string;
  eosToken?: string;
  addBosToken?: boolean;
}

function parseTokenizerConfig(text: string, where: string): TokenizerSettings & { chatTemplate: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${where}: not JSON: ${(error as Error).message}`);
  }
  const record = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  const chatTemplate = record['chat_template'];
  if (typeof chatTemplate !== 'string') throw new ConfigError(`${where}: no "chat_template" string (a list of named templates is not supported)`);
  const token = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (value !== null && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') return (value as { content: string }).content;
    return undefined;
  };
  const result: TokenizerSettings & { chatTemplate: string } = { chatTemplate };
  const bos = token(record['bos_token']);
  const eos = token(record['eos_token']);
  if (bos !== undefined) result.bosToken = bos;
  if (eos !== undefined) result.eosToken = eos;
  if (typeof record['add_bos_token'] === 'boolean') result.addBosToken = record['add_bos_token'];
  return result;
}
