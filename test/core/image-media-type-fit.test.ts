import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitImageMediaTypes } from '../../src/core/image-media-type-fit.js';
import { imageMediaTypeOfBase64 } from '../../src/core/image-signature.js';
import type { ImagePart } from '../../src/interlingua/content.js';
import type { ChatRequest } from '../../src/interlingua/request.js';

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');
const gif = Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1').toString('base64');
const webp = Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1').toString('base64');
const image = (mediaType: string, data: string): ImagePart => ({ type: 'image', source: { kind: 'base64', mediaType, data } });

const request = (user: ImagePart[], inResult: ImagePart[] = []): ChatRequest => ({
  model: 'm',
  system: [],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Look.' }, ...user] },
    { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'shot', arguments: '{}' }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', content: [{ type: 'text', text: 'Taken.' }, ...inResult] }] },
  ],
  sampling: {},
  stream: false,
});

test('the four formats are known by their first bytes; anything else is not', () => {
  assert.equal(imageMediaTypeOfBase64(png), 'image/png');
  assert.equal(imageMediaTypeOfBase64(jpeg), 'image/jpeg');
  assert.equal(imageMediaTypeOfBase64(gif), 'image/gif');
  assert.equal(imageMediaTypeOfBase64(webp), 'image/webp');
  assert.equal(imageMediaTypeOfBase64(Buffer.from('BM6\u0000').toString('base64')), undefined);
  assert.equal(imageMediaTypeOfBase64(''), undefined);
});

test('rightly labelled images, URLs and unknown formats leave the request as it was, the same object', () => {
  const asked = request([image('image/png', png), { type: 'image', source: { kind: 'url', url: 'https://example.com/a.jpg' } }, image('image/heic', 'AAAAGGZ0eXBoZWlj')], [image('image/jpeg', jpeg)]);
  const fitted = fitImageMediaTypes(asked);
  assert.equal(fitted.value, asked);
  assert.deepEqual(fitted.warnings, []);
});

test('an image the data contradicts is labelled by the data, in user turns and tool results, with a warning each', () => {
  const asked = request([image('image/jpeg', png), image('image/jpg', jpeg)], [image('image/png', webp)]);
  const fitted = fitImageMediaTypes(asked);
  const [user, assistant, tool] = fitted.value.messages;
  assert.ok(user?.role === 'user' && tool?.role === 'tool');
  assert.deepEqual(user.content.slice(1).map((part) => (part.type === 'image' && part.source.kind === 'base64' ? part.source.mediaType : undefined)), ['image/png', 'image/jpeg']);
  const inResult = tool.content[0]?.content[1];
  assert.equal(inResult?.type === 'image' && inResult.source.kind === 'base64' ? inResult.source.mediaType : undefined, 'image/webp');
  assert.equal(assistant, asked.messages[1], 'untouched turns are kept as they were');
  assert.deepEqual(fitted.warnings.map((warning) => warning.message), [
    'An image declared image/jpeg holds image/png data; it was sent as image/png.',
    'An image declared image/jpg holds image/jpeg data; it was sent as image/jpeg.',
    'An image declared image/png holds image/webp data; it was sent as image/webp.',
  ]);
  const original = asked.messages[0];
  assert.ok(original?.role === 'user');
  assert.equal(original.content[1]?.type === 'image' && original.content[1].source.kind === 'base64' ? original.content[1].source.mediaType : undefined, 'image/jpeg', 'the caller\'s request is not changed');
});
