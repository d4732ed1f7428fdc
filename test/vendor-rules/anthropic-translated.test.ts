/**
 * Every caller request recorded from a real client (test/fixtures/recorded), parsed in its own
 * dialect and emitted for Anthropic, is one the Anthropic judge serves: whatever a caller may
 * send, the emitter turns it into a request Anthropic accepts. Requests the gateway itself refuses
 * (a missing field, an embeddings body) are left out, since they never reach an upstream.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dialects } from '../../src/dialects/registry.js';
import type { UpstreamDialectName } from '../../src/config/schema.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import { anthropicJudge } from '../support/vendor-rules/anthropic.js';
import { applyJudge } from '../support/vendor-rules/rule.js';

const recorded = join(process.cwd(), 'test/fixtures/recorded');
/** Fixture folders by the dialect their requests are written in. */
const folders: Record<string, UpstreamDialectName> = {
  'openai-chat': 'openai-chat',
  'openai-responses': 'openai-responses',
  gemini: 'gemini',
  ollama: 'ollama',
  anthropic: 'anthropic',
  deepseek: 'openai-chat',
  'openai-compat': 'openai-chat',
  'zhipu-glm': 'openai-chat',
};

test('every recorded caller request, translated to Anthropic, passes the Anthropic judge', () => {
  let judged = 0;
  for (const [folder, dialect] of Object.entries(folders)) {
    for (const name of readdirSync(join(recorded, folder)).filter((file) => file.endsWith('.request.json'))) {
      const body: unknown = JSON.parse(readFileSync(join(recorded, folder, name), 'utf8'));
      let request;
      try {
        request = dialects[dialect].parseRequest(body, { model: 'gemini-2.5-flash' }).request;
      } catch (error) {
        if (error instanceof InterlinguaError) continue;
        throw error;
      }
      const emitted = dialects.anthropic.emitRequest(request, { model: 'claude-sonnet-4-20250514', defaultMaxOutputTokens: 1024 });
      const refusal = applyJudge(anthropicJudge, { method: 'POST', url: '/v1/messages', headers: { 'anthropic-version': '2023-06-01' }, body: emitted.body });
      assert.equal(refusal?.message, undefined, `${folder}/${name} (${refusal?.rule ?? ''})`);
      judged++;
    }
  }
  assert.ok(judged >= 100, `judged ${judged} requests`);
});
