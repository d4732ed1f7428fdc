import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vendorOver } from '../../src/core/vendor-over.js';

test('the later vendor data stands key by key within each dialect, and keeps what only the earlier held', () => {
  const earlier = { 'openai-chat': { contentFilterResults: { hate: 'low' }, chunk: { system_fingerprint: 'fp' } }, anthropic: { kept: true } };
  const later = { 'openai-chat': { contentFilterResults: { sexual: 'low' } } };
  assert.deepEqual(vendorOver(earlier, later), { 'openai-chat': { contentFilterResults: { sexual: 'low' }, chunk: { system_fingerprint: 'fp' } }, anthropic: { kept: true } });
  assert.equal(vendorOver(undefined, later), later);
  assert.equal(vendorOver(earlier, undefined), earlier);
  assert.equal(vendorOver(undefined, undefined), undefined);
});
