/**
 * Output the interlingua has no part for (core/unported-output.ts) in `interlingua.v1` answers: an
 * image the model drew is a `generated_image` part (whole answer) or event (stream) in the place it
 * came, its bytes as bytes; everything else such an answer held (code Gemini ran, URL citations,
 * which this API has no field for) becomes a warning, so nothing is dropped without a word.
 */
import { foreignUnportedOutput, unportedOutputKey, unportedOutputWarnings, type UnportedOutput } from '../../core/unported-output.js';
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning } from '../../interlingua/warning.js';
import type { WireContentPart, WireGeneratedImage } from './wire-types.js';

/** No dialect is named so: this API reads every dialect's list, being none of them. */
const noDialect = 'interlingua.v1';

export function unportedOutputIn(vendor: VendorData | undefined): UnportedOutput[] {
  return foreignUnportedOutput(vendor, noDialect);
}

function imageToWire(image: NonNullable<UnportedOutput['image']>): WireGeneratedImage {
  return { data: Buffer.from(image.data, 'base64'), media_type: image.mediaType };
}

/** What of these entries this API has no place for: all but the images. */
export function lostOutputWarnings(entries: readonly UnportedOutput[]): Warning[] {
  return unportedOutputWarnings(entries, true, false);
}

/**
 * The answer's parts with each generated image inserted where it came (`at` counts the interlingua
 * parts before it); an image the upstream dialect did not place follows the other parts.
 */
export function withGeneratedImages(content: readonly WireContentPart[], entries: readonly UnportedOutput[]): WireContentPart[] {
  const parts = [...content];
  let inserted = 0;
  const unplaced: WireContentPart[] = [];
  for (const entry of entries) {
    if (entry.image === undefined) continue;
    const part: WireContentPart = { generated_image: imageToWire(entry.image) };
    if (entry.at === undefined) unplaced.push(part);
    else {
      parts.splice(Math.min(entry.at + inserted, parts.length), 0, part);
      inserted += 1;
    }
  }
  return [...parts, ...unplaced];
}

/**
 * The vendor data without the unported-output lists, which the parts and warnings now carry: an
 * image would otherwise travel twice, once as base64 inside `vendor_json`.
 */
export function withoutUnportedOutput(vendor: VendorData | undefined): VendorData | undefined {
  if (vendor === undefined) return undefined;
  const kept: VendorData = {};
  for (const [dialect, fields] of Object.entries(vendor)) {
    const { [unportedOutputKey]: _listed, ...rest } = fields;
    if (Object.keys(rest).length > 0) kept[dialect] = rest;
  }
  return kept;
}

/**
 * A stream's images: each written when a `vendor-output` event tells where it came; at `finish`,
 * those it lists that no event placed (an upstream that tells them only at the end), and the
 * warnings for the rest of what it lists.
 */
export class StreamedGeneratedOutput {
  private placedImages = 0;

  placed(vendor: VendorData): WireGeneratedImage[] {
    const images = this.imagesIn(vendor);
    this.placedImages += images.length;
    return images;
  }

  atFinish(vendor: VendorData | undefined): { images: WireGeneratedImage[]; warnings: Warning[] } {
    const entries = unportedOutputIn(vendor);
    return { images: imagesOf(entries).slice(this.placedImages), warnings: lostOutputWarnings(entries) };
  }

  private imagesIn(vendor: VendorData): WireGeneratedImage[] {
    return imagesOf(unportedOutputIn(vendor));
  }
}

function imagesOf(entries: readonly UnportedOutput[]): WireGeneratedImage[] {
  return entries.flatMap((entry) => (entry.image === undefined ? [] : [imageToWire(entry.image)]));
}
