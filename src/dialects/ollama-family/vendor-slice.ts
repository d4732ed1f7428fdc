/**
 * The `vendor.ollama` request slice, shared by both Ollama APIs (`/api/chat` and `/api/generate`).
 * Fields the two have in common (`keep_alive`, options such as `options.num_ctx`) are
 * the same server's settings, so a body parsed by either API keeps them here and an emitter for
 * either API merges them back; only fields one API alone has live in that API's own slice.
 *
 * Keys are dotted body paths merged back verbatim on emit, except keys starting with `@`, which
 * only record how a value the interlingua does carry was spelled (`@stopAsString`).
 */
import { z } from 'zod';
import type { VendorData } from '../../interlingua/vendor.js';
import { readOptional } from '../../core/read-optional.js';
import { spellingOnlyPrefix } from '../../core/vendor-fields.js';

export const ollamaVendorName = 'ollama';

/** `options.stop` came as one string rather than a list (docs/openapi.yaml allows both). */
export const stopAsStringKey = `${spellingOnlyPrefix}stopAsString`;

const requestVendorSchema = z.record(z.string(), z.unknown());

export interface VendorPath {
  path: string[];
  value: unknown;
}

/** Body paths of one vendor slice to merge back into an emitted request. */
export function readVendorPaths(vendor: VendorData | undefined, slice: string): VendorPath[] {
  const own = readOptional(requestVendorSchema, vendor?.[slice], {});
  const paths: VendorPath[] = [];
  for (const [key, value] of Object.entries(own)) {
    if (!key.startsWith(spellingOnlyPrefix) && value !== undefined) paths.push({ path: key.split('.'), value });
  }
  return paths;
}

/** The shared slice's body paths, and the spelling flags. */
export function readRequestVendor(vendor: VendorData | undefined): { paths: VendorPath[]; stopAsString: boolean } {
  const own = readOptional(requestVendorSchema, vendor?.[ollamaVendorName], {});
  return { paths: readVendorPaths(vendor, ollamaVendorName), stopAsString: own[stopAsStringKey] === true };
}
