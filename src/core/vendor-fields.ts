import { z } from 'zod';
import type { VendorData } from '../interlingua/vendor.js';
import type { Warning } from '../interlingua/warning.js';

/**
 * Convention for request-level fields the interlingua has no place for: the parsing dialect
 * keeps them under `vendor[<its name>]`; its own emitter merges them back (lossless
 * pass-through) and every other emitter reports each one as `unsupported` through this helper.
 * A key starting with `@` records only how a value the interlingua does carry was spelled on
 * the wire (Gemini `responseJsonSchema` rather than `responseSchema`): nothing is lost when
 * another dialect ignores it, so it is not reported.
 */
export const spellingOnlyPrefix = '@';
/**
 * A key starting with `~` records how a value was put into an approximate interlingua form (a
 * Responses freeform tool declared as a function with one string argument): the parsing
 * dialect's emitter restores it, and every other emitter reports it as `compatibility`, with the
 * value's `message`, once per tool it names, so reports group it per tool (core/warning-groups.ts).
 */
export const approximatePrefix = '~';
const approximationSchema = z.object({ message: z.string(), tools: z.array(z.string()).optional() });
/**
 * Request key listing the wire paths (`messages[2].name`) of fields the parsing dialect keeps in a
 * message's own vendor data, where only its own emitter looks: every other emitter reports each
 * path as `unsupported`, as it does a request-level field. Kept at the request level because every
 * emitter already reports what is here, and because only the parser knows the paths as the caller
 * counted them (leading system messages and merged tool messages shift the interlingua's indices).
 * The parsing dialect's own emitter never writes this key.
 */
export const messageFieldPathsKey = '^message_fields';
const pathsSchema = z.array(z.string());

export function foreignVendorWarnings(vendor: VendorData | undefined, targetDialect: string): Warning[] {
  if (vendor === undefined) return [];
  const warnings: Warning[] = [];
  for (const [dialect, fields] of Object.entries(vendor)) {
    if (dialect === targetDialect) continue;
    for (const [field, value] of Object.entries(fields)) {
      if (field === messageFieldPathsKey) {
        for (const path of pathsSchema.safeParse(value).data ?? []) warnings.push(leftOut(path, dialect, targetDialect));
        continue;
      }
      if (field.startsWith(spellingOnlyPrefix)) continue;
      if (field.startsWith(approximatePrefix)) {
        const approximation = approximationSchema.safeParse(value);
        if (!approximation.success) continue;
        const feature = field.slice(approximatePrefix.length);
        const { message, tools } = approximation.data;
        if (tools === undefined) warnings.push({ type: 'compatibility', feature, message });
        else for (const tool of tools) warnings.push({ type: 'compatibility', feature, message, tool });
        continue;
      }
      warnings.push(leftOut(field, dialect, targetDialect));
    }
  }
  return warnings;
}

function leftOut(field: string, dialect: string, targetDialect: string): Warning {
  return { type: 'unsupported', feature: field, message: `"${field}" (${dialect}) has no equivalent in ${targetDialect} and was left out.` };
}
