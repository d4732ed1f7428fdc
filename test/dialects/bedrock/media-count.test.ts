/**
 * Bedrock's own count of a Claude request's images and documents, on Converse and InvokeModel: 20 for
 * Claude 3.x to 4.5, 100 for the 1M-token models (core/claude-image-count.ts). The judge
 * (test/support/vendor-rules/bedrock.ts, bedrock.claude.media-count) refuses a body past it in Bedrock's
 * words ("too many images and documents: 19 + 5 > 20", github.com/boto/boto3/issues/4632; "21 + 0 > 20",
 * github.com/cline/cline/issues/1844; "117 + 0 > 100", github.com/kirodotdev/Kiro/issues/8700), and the
 * emitters replace the earliest images past it with a note, so the judge takes what they send.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { bedrockAnthropicDialect } from '../../../src/dialects/anthropic/bedrock-platform.js';
import type { UserPart } from '../../../src/interlingua/content.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const sonnet45 = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const sonnet46 = 'global.anthropic.claude-sonnet-4-6';
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const pdf = Buffer.from('%PDF-1.4 a tiny document').toString('base64');
const note = '[An image was left out here.]';

function images(count: number): UserPart[] {
  return Array.from({ length: count }, () => ({ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: png } }) as const);
}

function documents(count: number): UserPart[] {
  return Array.from({ length: count }, (_, index) => ({ type: 'file', filename: `report ${index}.pdf`, source: { kind: 'base64', mediaType: 'application/pdf', data: pdf } }) as const);
}

function request(parts: UserPart[]): ChatRequest {
  return { model: 'smart', system: [], messages: [{ role: 'user', content: [...parts, { type: 'text', text: 'Count them.' }] }], sampling: {}, stream: false };
}

function judged(model: string, operation: 'converse' | 'invoke', body: unknown) {
  return judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(model)}/${operation}`, headers: { authorization: 'Bearer test-key' }, body });
}

/** The first message's blocks as each body shape writes them: images, documents and the notes left. */
function counted(body: unknown, operation: 'converse' | 'invoke'): { images: number; documents: number; notes: number; firstKept: number } {
  const content = (body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages[0]!.content;
  const isImage = (block: Record<string, unknown>) => (operation === 'converse' ? block['image'] !== undefined : block['type'] === 'image');
  const isDocument = (block: Record<string, unknown>) => (operation === 'converse' ? block['document'] !== undefined : block['type'] === 'document');
  return {
    images: content.filter(isImage).length,
    documents: content.filter(isDocument).length,
    notes: content.filter((block) => block['text'] === note).length,
    firstKept: content.findIndex(isImage),
  };
}

test('the judge refuses more than 20 images and documents to Claude 4.5 on Converse and InvokeModel, in Bedrock’s words, and not to a 1M-token model', () => {
  const converse = { messages: [{ role: 'user', content: [...Array.from({ length: 19 }, () => ({ image: { format: 'png', source: { bytes: png } } })), ...[0, 1, 2, 3, 4].map((index) => ({ document: { format: 'pdf', name: `doc ${index}`, source: { bytes: pdf } } })), { text: 'Count them.' }] }] };
  const refusal = judged(sonnet45, 'converse', converse);
  assert.equal(refusal?.rule, 'bedrock.claude.media-count');
  assert.equal(refusal?.message, 'The model returned the following errors: too many images and documents: 19 + 5 > 20');
  const invoke = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [{ role: 'user', content: [...Array.from({ length: 21 }, () => ({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } })), { type: 'text', text: 'Count them.' }] }] };
  assert.equal(judged(sonnet45, 'invoke', invoke)?.message, 'too many images and documents: 21 + 0 > 20');
  assert.equal(judged(sonnet46, 'invoke', invoke), undefined);
});

test('Converse to Claude 4.5: 25 images become the latest 20, the earliest five replaced by a note, with a warning', () => {
  const emitted = bedrockDialect.emitRequest(request(images(25)), { model: sonnet45, defaultMaxOutputTokens: 1024 });
  assert.deepEqual(counted(emitted.body, 'converse'), { images: 20, documents: 0, notes: 5, firstKept: 5 });
  assert.ok(emitted.warnings.some((warning) => warning.feature === 'image.count' && warning.message.includes('at most 20')));
  assert.equal(judged(sonnet45, 'converse', emitted.body), undefined);
});

test('documents count toward Converse’s 20: 19 images and 5 documents keep the 15 latest images', () => {
  const emitted = bedrockDialect.emitRequest(request([...images(19), ...documents(5)]), { model: sonnet45, defaultMaxOutputTokens: 1024 });
  assert.deepEqual(counted(emitted.body, 'converse'), { images: 15, documents: 5, notes: 4, firstKept: 4 });
  assert.equal(judged(sonnet45, 'converse', emitted.body), undefined);
});

test('InvokeModel to Claude 4.5 keeps the latest 20 images; to a 1M-token model the latest 100', () => {
  const four5 = bedrockAnthropicDialect.emitRequest(request(images(25)), { model: sonnet45, defaultMaxOutputTokens: 1024 });
  assert.deepEqual(counted(four5.body, 'invoke'), { images: 20, documents: 0, notes: 5, firstKept: 5 });
  assert.ok(four5.warnings.some((warning) => warning.feature === 'image.count'));
  assert.equal(judged(sonnet45, 'invoke', four5.body), undefined);
  const four6 = bedrockAnthropicDialect.emitRequest(request(images(120)), { model: sonnet46, defaultMaxOutputTokens: 1024 });
  assert.deepEqual(counted(four6.body, 'invoke'), { images: 100, documents: 0, notes: 20, firstKept: 20 });
  assert.equal(judged(sonnet46, 'invoke', four6.body), undefined);
  // The gateway does not refuse a request it can fit: InvokeModel names no count of its own for a known model.
  assert.equal(bedrockAnthropicDialect.capabilities.imageLimits?.(sonnet45)?.maxCount, undefined);
});

test('within the limit, and for models no source gives a limit for, the images go as they came', () => {
  for (const [model, count] of [
    [sonnet46, 25],
    [sonnet45, 20],
    ['us.amazon.nova-pro-v1:0', 25],
    ['anthropic.claude-future-9-v1:0', 25],
  ] as const) {
    const emitted = bedrockDialect.emitRequest(request(images(count)), { model, defaultMaxOutputTokens: 1024 });
    assert.equal(counted(emitted.body, 'converse').images, count, model);
    assert.ok(!emitted.warnings.some((warning) => warning.feature === 'image.count'), model);
  }
});
