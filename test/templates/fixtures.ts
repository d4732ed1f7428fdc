/**
 * The published chat templates in test/fixtures/chat-templates/ (see its README.md for the source
 * of each), with the bos/eos and stop tokens listed in its templates.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ChatTemplate } from '../../src/templates/chat-template.js';

/** The compiled test runs from build/test/…; the fixtures stay in the source tree. */
function findTemplatesFolder(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    const candidate = join(directory, 'test', 'fixtures', 'chat-templates');
    if (existsSync(join(candidate, 'templates.json'))) return candidate;
    directory = dirname(directory);
  }
  throw new Error('test/fixtures/chat-templates not found');
}

const folder = findTemplatesFolder();

const entrySchema = z.object({
  file: z.string(),
  model: z.string(),
  bosToken: z.string(),
  eosToken: z.string(),
  stopTokens: z.array(z.string()),
});
const indexSchema = z.record(z.string(), entrySchema);

export type TemplateName = 'qwen2.5-7b-instruct' | 'llama-3.2-3b-instruct' | 'mistral-nemo-instruct-2407';

export interface PublishedTemplate {
  template: ChatTemplate;
  stopTokens: string[];
  model: string;
}

export function publishedTemplate(name: TemplateName): PublishedTemplate {
  const index = indexSchema.parse(JSON.parse(readFileSync(join(folder, 'templates.json'), 'utf8')));
  const entry = index[name];
  if (entry === undefined) throw new Error(`no template ${name} in templates.json`);
  const source = readFileSync(join(folder, entry.file), 'utf8');
  return { template: { source, bosToken: entry.bosToken, eosToken: entry.eosToken }, stopTokens: entry.stopTokens, model: entry.model };
}
