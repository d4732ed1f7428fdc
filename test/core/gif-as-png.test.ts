import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GifWriter } from 'omggif';
import { PNG } from 'pngjs';
import { gifAsPng } from '../../src/core/gif-as-png.js';
import { fitImageFormats } from '../../src/core/image-format-fit.js';
import type { ChatRequest } from '../../src/interlingua/request.js';

/** A GIF of the given frames, each a list of palette indexes over the whole canvas (palette: red, green, blue, black). */
function gif(width: number, height: number, frames: number[][]): string {
  const buffer = Buffer.alloc(1024 + width * height * 2 * frames.length);
  const writer = new GifWriter(buffer, width, height, { palette: [0xff0000, 0x00ff00, 0x0000ff, 0x000000], ...(frames.length > 1 ? { loop: 0 } : {}) });
  for (const pixels of frames) writer.addFrame(0, 0, width, height, pixels);
  return buffer.subarray(0, writer.end()).toString('base64');
}

function pixelsOf(base64: string): { width: number; height: number; rgba: number[] } {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  return { width: png.width, height: png.height, rgba: [...png.data] };
}

test('a GIF becomes a PNG of the same pixels', async () => {
  const png = await gifAsPng(gif(2, 1, [[0, 2]]));
  assert.ok(png !== undefined);
  assert.deepEqual(pixelsOf(png), { width: 2, height: 1, rgba: [255, 0, 0, 255, 0, 0, 255, 255] });
});

test('an animation keeps its first frame', async () => {
  const png = await gifAsPng(gif(1, 1, [[1], [2], [3]]));
  assert.deepEqual(pixelsOf(png ?? '').rgba, [0, 255, 0, 255]);
});

test('not a GIF, or a canvas larger than 4096 × 4096, is not converted; sizes claimed beyond the data are not allocated', async () => {
  assert.equal(await gifAsPng(Buffer.from('not a gif at all').toString('base64')), undefined);
  // Another format is not converted, even labelled a GIF.
  assert.equal(await gifAsPng(PNG.sync.write(new PNG({ width: 1, height: 1 })).toString('base64')), undefined);
  const { default: sharp } = await import('sharp');
  const large = await sharp({ create: { width: 4097, height: 4097, channels: 3, background: '#000' } }).gif().toBuffer();
  assert.equal(await gifAsPng(large.toString('base64')), undefined);
  // A header claiming a 65535 × 65535 canvas over one pixel of data (4 GiB if allocated as claimed): the pixel that is
  // there comes out. A frame claiming as much is refused before anything is decoded.
  const canvasClaim = Buffer.from(gif(1, 1, [[0]]), 'base64');
  canvasClaim.writeUInt16LE(65535, 6);
  canvasClaim.writeUInt16LE(65535, 8);
  const frameClaim = Buffer.from(gif(1, 1, [[0]]), 'base64');
  const descriptor = frameClaim.indexOf(0x2c, 13 + 4 * 3);
  frameClaim.writeUInt16LE(65535, descriptor + 5);
  frameClaim.writeUInt16LE(65535, descriptor + 7);
  assert.deepEqual(pixelsOf((await gifAsPng(canvasClaim.toString('base64'))) ?? '').rgba, [255, 0, 0, 255]);
  assert.equal(await gifAsPng(frameClaim.toString('base64')), undefined);
});

test('only GIFs go as PNG, only for an upstream that reads none, each with a warning', async () => {
  const picture = gif(1, 1, [[2]]);
  const request: ChatRequest = {
    model: 'm',
    system: [],
    messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/gif', data: picture } }, { type: 'text', text: 'What colour?' }] }],
    sampling: {},
    stream: false,
  };
  const geminiTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];
  const fitted = await fitImageFormats(request, geminiTypes);
  const image = fitted.value.messages[0]?.content[0];
  assert.ok(image?.type === 'image' && image.source.kind === 'base64');
  assert.equal(image.source.mediaType, 'image/png');
  assert.deepEqual(pixelsOf(image.source.data).rgba, [0, 0, 255, 255]);
  assert.deepEqual(fitted.warnings.map((warning) => warning.feature), ['image.media_type']);
  const untouched = await fitImageFormats(request, [...geminiTypes, 'image/gif']);
  assert.equal(untouched.value, request);
  assert.deepEqual(untouched.warnings, []);
});
