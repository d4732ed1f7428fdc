/**
 * The dialect's own entries in the `vendor.gemini` escape hatch. Vendor data reaches the
 * emitters from anywhere (a caller, a cache), so every read goes through a schema.
 *
 * On a request, keys are either dotted body paths merged back verbatim on emit
 * (`safetySettings`, `generationConfig.responseModalities`; with the spelling-only prefix when the
 * interlingua carries their meaning, `@generationConfig.thinkingConfig.thinkingLevel`) or one of
 * the bookkeeping keys below, which remember a Gemini caller's wire choices so a Gemini → Gemini
 * pass-through is exact.
 */
import { z } from 'zod';
import type { ReasoningPart } from '../../interlingua/content.js';
import type { VendorData } from '../../interlingua/vendor.js';
import type { JsonObject } from './json-value.js';
import { approximatePrefix, spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { readOptional } from '../../core/read-optional.js';

export const dialectName = 'gemini';

/** Request bookkeeping keys; every other request key is a body path. */
export const requestBookkeeping = {
  /**
   * Non-function tools (googleSearch, codeExecution, …), sent back as they came. The parser reports
   * each by name (`tools.googleSearch`) for other upstreams, so the key is not reported again as a
   * bare "tools" left out, which reads as if the function tools were lost too.
   */
  tools: `${spellingOnlyPrefix}builtInTools`,
  /** The key the built-in tools had before, still read so vendor data kept under it is not sent as a body path. */
  legacyTools: 'tools',
  /** Names of functions declared with `parametersJsonSchema` rather than `parameters` (spelling only). */
  parametersJsonSchema: `${spellingOnlyPrefix}parametersJsonSchema`,
  /** The response schema came as `responseJsonSchema` rather than `responseSchema` (spelling only). */
  responseJsonSchema: `${spellingOnlyPrefix}responseJsonSchema`,
  /** Declaration fields beyond name/description/parameters (`response`, `behavior`), by function name. */
  functionDeclarationExtras: 'functionDeclarationExtras',
  /** A Gemini caller asked for token log probabilities itself (logprobs-ask.ts), so a Gemini upstream is asked too. */
  logprobsAsked: `${spellingOnlyPrefix}logprobsAsked`,
} as const;

const bookkeepingKeys: ReadonlySet<string> = new Set(Object.values(requestBookkeeping));

export function geminiVendor(vendor: VendorData | undefined): JsonObject | undefined {
  const own = vendor?.[dialectName];
  return own !== null && typeof own === 'object' ? own : undefined;
}

export function withGeminiVendor(fields: JsonObject | undefined): { vendor: VendorData } | Record<string, never> {
  if (fields === undefined || Object.keys(fields).length === 0) return {};
  return { vendor: { [dialectName]: fields } };
}

export interface RequestVendor {
  bodyPaths: Array<{ path: string[]; value: unknown }>;
  tools: unknown[];
  parametersJsonSchema: ReadonlySet<string>;
  responseJsonSchema: boolean;
  functionDeclarationExtras: Record<string, JsonObject>;
  logprobsAsked: boolean;
}

const stringList = z.array(z.string());
const extrasByName = z.record(z.string(), z.record(z.string(), z.unknown()));

export function readRequestVendor(vendor: VendorData | undefined): RequestVendor {
  const own = geminiVendor(vendor) ?? {};
  const bodyPaths: RequestVendor['bodyPaths'] = [];
  for (const [key, value] of Object.entries(own)) {
    // `~` keys say how another upstream approximates a value (core/vendor-fields.ts): not a body path.
    if (bookkeepingKeys.has(key) || key.startsWith(approximatePrefix) || value === undefined) continue;
    const path = key.startsWith(spellingOnlyPrefix) ? key.slice(spellingOnlyPrefix.length) : key;
    bodyPaths.push({ path: path.split('.'), value });
  }
  return {
    bodyPaths,
    tools: readOptional(z.array(z.unknown()), own[requestBookkeeping.tools] ?? own[requestBookkeeping.legacyTools], []),
    parametersJsonSchema: new Set(readOptional(stringList, own[requestBookkeeping.parametersJsonSchema], [])),
    responseJsonSchema: own[requestBookkeeping.responseJsonSchema] === true,
    functionDeclarationExtras: readOptional(extrasByName, own[requestBookkeeping.functionDeclarationExtras], {}),
    logprobsAsked: own[requestBookkeeping.logprobsAsked] === true,
  };
}

/** Part-level entries: the thought signature a part carried, and whether its call id was made up here. */
const partVendorSchema = z.looseObject({
  thoughtSignature: z.string().optional(),
  idSynthesized: z.boolean().optional(),
  fileMimeType: z.string().optional(),
  /** An empty reasoning part that was a real thought part, not a text part's signature. */
  thought: z.boolean().optional(),
  /** Unmodelled fields of the wire part (`videoMetadata`, `partMetadata`). */
  extra: z.record(z.string(), z.unknown()).optional(),
  /** Unmodelled fields inside `functionCall` / `functionResponse`. */
  innerExtra: z.record(z.string(), z.unknown()).optional(),
});
export type PartVendor = z.output<typeof partVendorSchema>;

export function readPartVendor(vendor: VendorData | undefined): PartVendor {
  return readOptional(partVendorSchema, geminiVendor(vendor), {});
}

/**
 * A Gemini thought part. An empty one is marked `thought` so the emitters can tell it from the
 * empty signed block that stands for a text part's signature in a stream (see stream-decode.ts).
 */
export function thoughtPart(text: string, signature: string | undefined, extra: JsonObject | undefined): ReasoningPart {
  const part: ReasoningPart = { type: 'reasoning', text, signatureOrigin: dialectName };
  if (signature !== undefined) part.signature = signature;
  const fields: JsonObject = {};
  if (text === '') fields['thought'] = true;
  if (extra !== undefined) fields['extra'] = extra;
  if (Object.keys(fields).length > 0) part.vendor = { [dialectName]: fields };
  return part;
}

/** Wire parts the interlingua has no type for (executableCode, a PDF), kept at their position. */
const unmappedPartsSchema = z.array(z.object({ position: z.number().int().nonnegative(), part: z.record(z.string(), z.unknown()) }));
export type UnmappedPart = z.output<typeof unmappedPartsSchema>[number];

export function readUnmappedParts(vendor: VendorData | undefined): UnmappedPart[] {
  return readOptional(unmappedPartsSchema, geminiVendor(vendor)?.['unmappedParts'], []);
}

/** Puts unmapped wire parts back where they were among the mapped ones. */
export function restoreUnmappedParts(parts: JsonObject[], unmapped: readonly UnmappedPart[]): JsonObject[] {
  if (unmapped.length === 0) return parts;
  const result = [...parts];
  for (const { position, part } of [...unmapped].sort((left, right) => left.position - right.position)) {
    result.splice(Math.min(position, result.length), 0, part);
  }
  return result;
}
