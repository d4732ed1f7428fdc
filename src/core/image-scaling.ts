import type { Sharp } from 'sharp';
import type { ImagePixels } from './image-size.js';
import { loadSharp } from './sharp-loader.js';

/** What an image must fit: pixels on its longer side, and characters of its base64 text. */
export interface ImageTarget {
  maxSide: number;
  maxBase64Length: number;
}

export interface ScaledImage {
  data: string;
  mediaType: string;
  pixels: ImagePixels;
}

/** Tries at smaller sizes when an image is still too heavy at the size its sides allow. */
const attempts = 5;

/**
 * The largest image scaled, in pixels (a 10000 × 10000 photo, a page 1440 px wide and 69000 tall), and
 * the longest one pass may take: a small file may claim a vast image, and libvips works on the four
 * threads of libuv's pool that file and DNS work shares, so a larger or slower one is left as it came.
 */
const maxInputPixels = 100_000_000;
const passTimeoutSeconds = 10;

/**
 * The image scaled down, its aspect kept, to fit the target, in its own format (a GIF as a PNG of
 * its first frame; JPEG and WebP at quality 85). Too heavy at the size its sides allow, it is
 * scaled further by the excess in area, with a margin. The same input gives the same output, so a
 * conversation that sends the image again gets the same bytes and its prompt cache still holds.
 * Undefined when it does not decode or will not fit.
 */
export async function scaledToFit(base64: string, mediaType: string, pixels: ImagePixels, target: ImageTarget): Promise<ScaledImage | undefined> {
  const sharp = await loadSharp();
  const input = Buffer.from(base64, 'base64');
  let scale = Math.min(1, target.maxSide / Math.max(pixels.width, pixels.height));
  for (let attempt = 0; attempt < attempts; attempt++) {
    const width = Math.max(1, Math.floor(pixels.width * scale));
    const height = Math.max(1, Math.floor(pixels.height * scale));
    let output: Buffer;
    try {
      const resized = sharp(input, { limitInputPixels: maxInputPixels }).timeout({ seconds: passTimeoutSeconds }).resize({ width, height, fit: 'fill' });
      output = await encoded(resized, mediaType).toBuffer();
    } catch {
      return undefined;
    }
    const length = base64Length(output.length);
    if (length <= target.maxBase64Length) return { data: output.toString('base64'), mediaType: outputMediaType(mediaType), pixels: { width, height } };
    scale *= Math.sqrt(target.maxBase64Length / length) * 0.9;
  }
  return undefined;
}

function encoded(image: Sharp, mediaType: string): Sharp {
  if (mediaType === 'image/jpeg') return image.jpeg({ quality: 85 });
  if (mediaType === 'image/webp') return image.webp({ quality: 85 });
  return image.png({ compressionLevel: 9 });
}

function outputMediaType(mediaType: string): string {
  return mediaType === 'image/jpeg' || mediaType === 'image/webp' ? mediaType : 'image/png';
}

/** The length of the base64 text of `bytes` bytes. */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}
