import { GifReader } from 'omggif';
import { PNG } from 'pngjs';

/**
 * The largest canvas converted, in pixels (2048 × 2048): its RGBA frame takes 16 MiB, and the
 * decoding runs on the event loop. A GIF's header, and each frame's, may claim any size up to
 * 65535 × 65535 whatever its data, and the decoder allocates a frame's claimed size, so both
 * claims are checked before anything is allocated; a larger one is not converted.
 */
const maxPixels = 2048 * 2048;

/**
 * A GIF's first frame as a PNG, for upstreams that read no GIF (Gemini: "Unsupported MIME type:
 * image/gif"). The frame is drawn onto the image's full canvas, transparent where it does not
 * reach; an animation keeps its first frame only, as OpenAI reads "non-animated GIF" alone
 * (https://platform.openai.com/docs/guides/images-vision). The PNG is compressed off the event
 * loop (zlib's thread pool). Undefined when the data is not a GIF that decodes, or too large.
 */
export async function gifAsPng(base64: string): Promise<string | undefined> {
  let png: PNG;
  try {
    const reader = new GifReader(Buffer.from(base64, 'base64'));
    if (reader.numFrames() === 0 || reader.width * reader.height > maxPixels || reader.width === 0 || reader.height === 0) return undefined;
    const frame = reader.frameInfo(0);
    if (frame.width * frame.height > maxPixels || frame.x + frame.width > reader.width || frame.y + frame.height > reader.height) return undefined;
    png = new PNG({ width: reader.width, height: reader.height, deflateLevel: 6 });
    reader.decodeAndBlitFrameRGBA(0, png.data);
  } catch {
    return undefined;
  }
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    png
      .pack()
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .on('end', () => resolve(Buffer.concat(chunks).toString('base64')))
      .on('error', () => resolve(undefined));
  });
}
