import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { imageSize } from 'image-size';
import { fitImageSizes } from '../../src/core/image-size-fit.js';
import { imagePixelsOfBase64 } from '../../src/core/image-size.js';
import type { ImagePart } from '../../src/interlingua/content.js';
import type { ImageLimits } from '../../src/interlingua/dialect.js';
import type { ChatRequest } from '../../src/interlingua/request.js';

const limits: ImageLimits = { maxSide: 8000, manyImages: { count: 20, maxSide: 2000 }, maxBase64Length: 5 * 1024 * 1024 };
const image = (mediaType: string, data: string): ImagePart => ({ type: 'image', source: { kind: 'base64', mediaType, data } });
const request = (images: ImagePart[]): ChatRequest => ({ model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Look.' }, ...images] }], sampling: {}, stream: false });
const sentImages = (fitted: ChatRequest): ImagePart[] => fitted.messages.flatMap((message) => (message.role === 'user' ? message.content.filter((part): part is ImagePart => part.type === 'image') : []));
const dataOf = (part: ImagePart | undefined): string => (part?.source.kind === 'base64' ? part.source.data : '');

async function flat(width: number, height: number, format: 'png' | 'webp' | 'gif' | 'jpeg'): Promise<string> {
  return (await sharp({ create: { width, height, channels: 3, background: '#336699' } }).toFormat(format).toBuffer()).toString('base64');
}

test('each format is scaled within the longest side it may have, in its own format; a GIF becomes a PNG', async () => {
  const inputs = await Promise.all([flat(9000, 300, 'png'), flat(300, 9000, 'webp'), flat(9000, 300, 'gif'), flat(9000, 300, 'jpeg')]);
  const fitted = await fitImageSizes(request([image('image/png', inputs[0]!), image('image/webp', inputs[1]!), image('image/gif', inputs[2]!), image('image/jpeg', inputs[3]!)]), limits);
  const sent = sentImages(fitted.value);
  assert.deepEqual(
    sent.map((part) => (part.source.kind === 'base64' ? part.source.mediaType : '')),
    ['image/png', 'image/webp', 'image/png', 'image/jpeg'],
  );
  assert.deepEqual(
    sent.map((part) => { const { width, height } = imageSize(Buffer.from(dataOf(part), 'base64')); return [width, height]; }),
    [[8000, 266], [266, 8000], [8000, 266], [8000, 266]],
  );
  assert.equal(fitted.warnings.length, 4);
});

test('the same image scales to the same bytes every time, so a conversation that sends it again keeps its prompt cache', async () => {
  const tall = await flat(1000, 9000, 'png');
  const [first, second] = await Promise.all([fitImageSizes(request([image('image/png', tall)]), limits), fitImageSizes(request([image('image/png', tall)]), limits)]);
  assert.equal(dataOf(sentImages(first.value)[0]), dataOf(sentImages(second.value)[0]));
});

test('a request within the limits, and data that is no image, come back as the same object without warnings', async () => {
  const small = request([image('image/png', await flat(800, 600, 'png')), image('image/png', 'AAAA'), { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } }]);
  const fitted = await fitImageSizes(small, limits);
  assert.equal(fitted.value, small);
  assert.deepEqual(fitted.warnings, []);
});

test("a JPEG whose size comes after more than the header's 64 KiB of metadata is still read", async () => {
  const withExif = await sharp({ create: { width: 1200, height: 700, channels: 3, background: '#fff' } })
    .withExif({ IFD0: { ImageDescription: 'x'.repeat(60_000) } })
    .withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/">${'y'.repeat(40_000)}</x:xmpmeta>`)
    .jpeg()
    .toBuffer();
  // The frame header (SOF0) comes after both metadata segments, past the first 64 KiB.
  assert.ok(withExif.indexOf(Buffer.from([0xff, 0xc0])) > 64 * 1024);
  assert.deepEqual(imagePixelsOfBase64(withExif.toString('base64')), { width: 1200, height: 700 });
});

test('any other image is measured from its header alone: past it, HEIF boxes are left unread', () => {
  /** An ISO base media box: its length, its type, its body. */
  const sized = (type: string, body: Buffer) => {
    const made = Buffer.concat([Buffer.alloc(4), Buffer.from(type, 'latin1'), body]);
    made.writeUInt32BE(made.length, 0);
    return made;
  };
  // An ISO base media file (ftyp brand heic) whose image spatial extents (ispe) say 4000×3000.
  const ftyp = sized('ftyp', Buffer.from('heic\0\0\0\0mif1heic', 'latin1'));
  const extents = Buffer.alloc(12);
  extents.writeUInt32BE(4000, 4);
  extents.writeUInt32BE(3000, 8);
  const meta = sized('meta', Buffer.concat([Buffer.alloc(4), sized('iprp', sized('ipco', sized('ispe', extents)))]));
  const early = Buffer.concat([ftyp, meta]);
  const late = Buffer.concat([ftyp, sized('free', Buffer.alloc(70_000)), meta]);
  assert.equal(imageSize(late).width, 4000, 'the library would read it, searching the whole file');
  assert.deepEqual(imagePixelsOfBase64(early.toString('base64')), { width: 4000, height: 3000 });
  assert.equal(imagePixelsOfBase64(late.toString('base64')), undefined);
});

test('an image of more than 100 million pixels, which a small file may claim, is left as it came', async () => {
  const vast = await flat(12_000, 9_000, 'png');
  const fitted = await fitImageSizes(request([image('image/png', vast)]), limits);
  assert.equal(dataOf(sentImages(fitted.value)[0]), vast);
  assert.deepEqual(fitted.warnings, []);
});
