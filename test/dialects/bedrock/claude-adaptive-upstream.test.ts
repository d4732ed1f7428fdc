/**
 * A caller that asks Claude for adaptive thinking in Claude's own words (an Anthropic caller's
 * `thinking: {type: "adaptive"}` with `output_config.effort`, or a Converse caller's in
 * `additionalModelRequestFields`) gets it from Claude on Bedrock Converse too, its effort word as
 * written, rather than budgeted thinking sized from the effort (src/dialects/bedrock/thinking.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';

const model = 'us.anthropic.claude-sonnet-4-6';

function sent(request: ChatRequest): Record<string, unknown> {
  const emitted = bedrockDialect.emitRequest(request, { model, defaultMaxOutputTokens: 4096 });
  return (emitted.body as { additionalModelRequestFields?: Record<string, unknown> }).additionalModelRequestFields ?? {};
}

test('an Anthropic caller’s adaptive thinking and effort reach Claude on Converse as written', () => {
  const { request } = anthropicDialect.parseRequest(
    { model: 'claude', max_tokens: 4096, thinking: { type: 'adaptive' }, output_config: { effort: 'max' }, messages: [{ role: 'user', content: 'Think hard.' }] },
    {},
  );
  assert.deepEqual(sent(request), { thinking: { type: 'adaptive' }, output_config: { effort: 'max' } });
});

test('a Converse caller’s adaptive thinking goes back to Converse as adaptive', () => {
  const { request } = bedrockDialect.parseRequest(
    { messages: [{ role: 'user', content: [{ text: 'Think.' }] }], additionalModelRequestFields: { thinking: { type: 'adaptive' }, output_config: { effort: 'low' } } },
    { model },
  );
  assert.deepEqual(sent(request), { thinking: { type: 'adaptive' }, output_config: { effort: 'low' } });
});

test('budgeted thinking stays budgeted', () => {
  const { request } = anthropicDialect.parseRequest(
    { model: 'claude', max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'Think.' }] },
    {},
  );
  assert.deepEqual(sent(request), { thinking: { type: 'enabled', budget_tokens: 2048 } });
});
