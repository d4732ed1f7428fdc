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
export function foreignVendorWarnings(vendor: VendorData | undefined, targetDialect: string): Warning[] {
  if (vendor === undefined) return [];
  const warnings: Warning[] = [];
  for (const [dialect, fields] of Object.entries(vendor)) {
    if (dialect === targetDialect) continue;
    for (const field of Object.keys(fields)) {
      if (field.startsWith(spellingOnlyPrefix)) continue;
      warnings.push({
        type: 'unsupported',
        feature: field,
        message: `"${field}" (${dialect}) has no equivalent in ${targetDialect} and was left out.`,
      });
    }
  }
  return warnings;
}
