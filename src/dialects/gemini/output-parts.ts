/**
 * The answer parts a Gemini caller gets back from the unported output an answer's vendor data
 * lists (core/unported-output.ts), in the order listed: a part this dialect kept whole (`wire` in
 * its own slice: code execution, a draft image drawn while thinking, a file; unported-output.ts),
 * or an image any dialect listed (generated-images.ts). Another dialect's `wire` is its own wire
 * format (a Claude block), not a Gemini part, so it is not written here.
 */
import type { VendorData } from '../../interlingua/vendor.js';
import { listedUnportedOutput } from '../../core/unported-output.js';
import { generatedImagePart } from './generated-images.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { dialectName } from './vendor.js';

export interface ListedPart {
  /** The answer part. */
  part: JsonObject;
  /** How many of the answer's content parts came before it, when the listing tells. */
  at?: number;
}

export function listedOutputParts(vendor: VendorData | undefined): ListedPart[] {
  if (vendor === undefined) return [];
  return Object.entries(vendor).flatMap(([dialect, fields]) =>
    listedUnportedOutput(fields).flatMap((entry) => {
      const part = dialect === dialectName && isJsonObject(entry.wire) ? entry.wire : generatedImagePart(entry);
      if (part === undefined) return [];
      return [entry.at === undefined ? { part } : { part, at: entry.at }];
    }),
  );
}
