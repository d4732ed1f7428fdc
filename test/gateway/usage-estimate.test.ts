/**
 * Usage the upstream did not count (src/gateway/usage-estimate.ts): missing figures are estimated
 * from the request and the text written, the vendor's own figures (zero included) stay, and an
 * unfinished stream's running output count gives way to the text it had written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimatedUsage, usageGap } from '../../src/gateway/usage-estimate.js';
import { KeptText } from '../../src/core/output-text.js';
import type { ChatRequest } from '../../src/interlingua/request.js';

const request: ChatRequest = {
  model: 'chat',
  system: [{ type: 'text', text: 'You are a helpful assistant.' }],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Write a short poem about the sea, in four lines.' }] }],
  stream: true,
} as ChatRequest;
const written = { texts: ['The sea rolls in ', 'with silver light,\n', 'it hums the shore ', 'to sleep at night.'] };

test('a finished answer whose usage the upstream gave in full has no gap', () => {
  assert.equal(usageGap({ inputTokens: 20, outputTokens: 2 }, 'finished'), false);
  assert.equal(usageGap({ inputTokens: 20 }, 'finished'), true);
  assert.equal(usageGap({ inputTokens: 20, outputTokens: 2 }, 'unfinished'), true);
});

test('an answer with no usage at all gets both figures estimated, and says so', async () => {
  const { usage, estimated } = await estimatedUsage({}, 'finished', request, written);
  assert.equal(estimated, true);
  assert.ok((usage.inputTokens ?? 0) > 10 && (usage.inputTokens ?? 0) < 60, `input ${usage.inputTokens}`);
  assert.ok((usage.outputTokens ?? 0) > 10 && (usage.outputTokens ?? 0) < 30, `output ${usage.outputTokens}`);
  assert.equal(usage.totalTokens, (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0));
});

test('zero is the vendor\'s figure, not a gap: it is kept', async () => {
  const { usage, estimated } = await estimatedUsage({ inputTokens: 0, outputTokens: 0 }, 'finished', request, written);
  assert.deepEqual({ usage, estimated }, { usage: { inputTokens: 0, outputTokens: 0 }, estimated: false });
});

test('an unfinished stream keeps the input the upstream counted and estimates the output it wrote', async () => {
  // Anthropic's message_start counts the input and says 1 output token until message_delta.
  const { usage, estimated } = await estimatedUsage({ inputTokens: 120, outputTokens: 1 }, 'unfinished', request, written);
  assert.equal(estimated, true);
  assert.equal(usage.inputTokens, 120);
  assert.ok((usage.outputTokens ?? 0) > 10, `output ${usage.outputTokens}`);
});

test('an unfinished stream whose running count is past the text seen, or near it, keeps it', async () => {
  for (const outputTokens of [500, 16]) {
    const { usage, estimated } = await estimatedUsage({ inputTokens: 120, outputTokens }, 'unfinished', request, written);
    assert.deepEqual({ usage, estimated }, { usage: { inputTokens: 120, outputTokens }, estimated: false });
  }
});

test('text kept only in part counts in proportion (scale)', async () => {
  const whole = await estimatedUsage({ inputTokens: 1 }, 'unfinished', request, written);
  const scaled = await estimatedUsage({ inputTokens: 1 }, 'unfinished', request, { ...written, scale: 3 });
  assert.equal(scaled.usage.outputTokens, (whole.usage.outputTokens ?? 0) * 3);
});

test('text past the kept limit is measured, not kept, and stands in the scale', () => {
  const kept = new KeptText(10);
  for (const delta of ['12345', '67890', 'abcde', 'fghij']) kept.observe({ type: 'text-delta', id: 't', delta });
  const soFar = kept.soFar();
  assert.deepEqual({ texts: soFar.texts, scale: soFar.scale }, { texts: ['12345', '67890'], scale: 2 });
});
