import { loadSharp } from './sharp-loader.js';

/**
 * The largest canvas converted, in pixels (4096 × 4096, 64 MiB decoded): a GIF's header may claim
 * any size up to 65535 × 65535 whatever its data, and libvips checks the claim before it decodes.
 */
const maxPixels = 4096 * 4096;

/**
 * A GIF's first frame as a PNG, for upstreams that read no GIF (Gemini: "Unsupported MIME type:
 * image/gif"), transparent where the frame does not reach; an animation keeps its first frame only,
 * as OpenAI reads "non-animated GIF" alone (https://platform.openai.com/docs/guides/images-vision).
 * Undefined when the data is not a GIF that decodes, or too large.
 */
export async function gifAsPng(base64: string): Promise<string | undefined> {
  const sharp = await loadSharp();
  try {
    const gif = sharp(Buffer.from(base64, 'base64'), { limitInputPixels: maxPixels });
    if ((await gif.metadata()).format !== 'gif') return undefined;
    return (await gif.png().toBuffer()).toString('base64');
  } catch {
    return undefined;
  }
}
