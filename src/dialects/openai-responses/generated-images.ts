/**
 * Images another vendor's model generated (a Gemini image model's `inlineData` answer parts, listed
 * as core/unported-output.ts entries), written as the item OpenAI returns a generated image in:
 * `{type: "image_generation_call", id, status, result}`, `result` being the image in base64
 * (`ResponseOutputItem.ImageGenerationCall` in node_modules/openai/resources/responses/responses.d.ts:
 * "The generated image encoded in base64"; OpenAI's ids are `ig_…`:
 * https://github.com/openai-php/client/pull/742). The image is an item of its own in `output`,
 * as OpenAI's are, so text before and after it are two `message` items: a message's content holds
 * only `output_text` and `refusal` parts (`ResponseOutputMessage` in the same file).
 */
import type { VendorData } from '../../interlingua/vendor.js';
import { foreignUnportedOutput } from '../../core/unported-output.js';
import { generateId } from '../../core/ids.js';
import { dialectName } from './vendor.js';
import type { WireItem } from './items-emit.js';

export interface GeneratedImage {
  /** Base64. */
  data: string;
  /** How many of the answer's content parts came before it, when the upstream dialect told. */
  at?: number;
}

/** The generated images another dialect listed in this vendor data, in the order they came. */
export function generatedImagesIn(vendor: VendorData | undefined): GeneratedImage[] {
  return foreignUnportedOutput(vendor, dialectName).flatMap((entry) =>
    entry.image === undefined ? [] : [entry.at === undefined ? { data: entry.image.data } : { data: entry.image.data, at: entry.at }],
  );
}

/** A new `image_generation_call` item's id. */
export function imageGenerationCallId(): string {
  return generateId('ig_');
}

/** The finished item. */
export function imageGenerationCall(id: string, data: string): WireItem {
  return { id, type: 'image_generation_call', status: 'completed', result: data };
}
