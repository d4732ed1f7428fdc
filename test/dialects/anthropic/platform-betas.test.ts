/**
 * Which of the Anthropic codec's betas Claude on Bedrock and Vertex AI is sent: those the platform
 * has enabled; one it does not need is left out quietly, any other with a warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { betasForPlatform } from '../../../src/dialects/claude-family/platform-betas.js';
import type { Warning } from '../../../src/interlingua/warning.js';

test('the binding beta is sent to every Claude cloud endpoint; the 1-hour cache beta, which none needs, to none', () => {
  for (const platform of ['Bedrock', 'Bedrock Converse', 'Vertex AI'] as const) {
    const warnings: Warning[] = [];
    const header = { 'anthropic-beta': 'extended-cache-ttl-2025-04-11, thinking-binding-controls-2026-08-01' };
    assert.deepEqual(betasForPlatform(header, platform, warnings), ['thinking-binding-controls-2026-08-01']);
    assert.deepEqual(warnings, []);
    assert.deepEqual(betasForPlatform(undefined, platform, warnings), []);
  }
});

test('a beta the platform is not known to take is left out with a warning naming it and the platform', () => {
  const warnings: Warning[] = [];
  assert.deepEqual(betasForPlatform({ 'anthropic-beta': 'files-api-2025-04-14' }, 'Vertex AI', warnings), []);
  assert.deepEqual(warnings, [{ type: 'unsupported', feature: 'anthropic-beta', message: 'Claude on Vertex AI does not take the beta files-api-2025-04-14; it was left out.' }]);
});

test('betas both clouds enabled go to both; effort-2025-11-24, enabled on neither here, is reported', () => {
  const header = { 'anthropic-beta': 'interleaved-thinking-2025-05-14,context-1m-2025-08-07,effort-2025-11-24' };
  const bedrockWarnings: Warning[] = [];
  assert.deepEqual(betasForPlatform(header, 'Bedrock', bedrockWarnings), ['interleaved-thinking-2025-05-14', 'context-1m-2025-08-07']);
  assert.deepEqual(bedrockWarnings.map((warning) => warning.message), ['Claude on Bedrock does not take the beta effort-2025-11-24; it was left out.']);
  const vertexWarnings: Warning[] = [];
  assert.deepEqual(betasForPlatform(header, 'Vertex AI', vertexWarnings), ['interleaved-thinking-2025-05-14', 'context-1m-2025-08-07']);
  assert.deepEqual(vertexWarnings.map((warning) => warning.message), ['Claude on Vertex AI does not take the beta effort-2025-11-24; it was left out.']);
});
