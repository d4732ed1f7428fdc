/**
 * Azure OpenAI's refusal of a prompt by its content filter: HTTP 400 with OpenAI's error shape,
 * `code: "content_filter"`, `param: "prompt"` and an `innererror` naming the filters —
 * `{"code": "ResponsibleAIPolicyViolation", "content_filter_result": {"self_harm": {"filtered":
 * true, "severity": "medium"}, …}}` (recorded: test/fixtures/recorded/azure-openai/mirascope-content-filter-400.response.json;
 * a custom blocklist: doc-content-filter-400-custom-blocklist.json, from
 * https://learn.microsoft.com/azure/ai-services/openai/how-to/use-blocklists).
 *
 * Read when the upstream answers (azure-errors.ts) and again, from the body the error keeps, when
 * an OpenAI-format caller is answered (error-codec.ts): clients tell this refusal by Azure's own
 * words, `if err["error"]["code"] == "content_filter"` and then
 * `err["error"]["innererror"]["content_filter_result"]` (openai/openai-cookbook
 * examples/azure/chat_cell21.py), so those reach the caller as Azure sent them.
 */
import { z } from 'zod';
import { readJsonBySchema } from '../../core/json-by-schema.js';

/** The `vendorType` an error of this refusal carries (azure-errors.ts), which `contentFilterFields` looks for. */
export const contentFilterType = 'content_filter';

const filterResultSchema = z.looseObject({
  filtered: z.boolean().optional().catch(undefined),
  severity: z.string().optional().catch(undefined),
  detected: z.boolean().optional().catch(undefined),
});

const contentFilterBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.literal(contentFilterType),
    innererror: z.record(z.string(), z.unknown()).optional().catch(undefined),
  }),
});

export interface AzureContentFilter {
  /** Azure's `innererror` as it came, when it came as an object. */
  innererror?: Record<string, unknown>;
}

/** The refusal in an Azure error body, or undefined for any other body. */
export function readContentFilter(body: string): AzureContentFilter | undefined {
  const refusal = readJsonBySchema(body, contentFilterBodySchema);
  if (refusal === undefined) return undefined;
  const innererror = refusal.error.innererror;
  return innererror === undefined ? {} : { innererror };
}

/** `self_harm (medium)`, `jailbreak (detected)`, `blocklist raiBlocklistName` for each filter that fired. */
export function firedFilters(innererror: Record<string, unknown> | undefined): string[] {
  const result = z.record(z.string(), z.unknown()).safeParse(innererror?.['content_filter_result']);
  const fired: string[] = [];
  for (const [category, value] of Object.entries(result.success ? result.data : {})) {
    if (category === 'custom_blocklists' && Array.isArray(value)) {
      for (const entry of value) {
        const list = z.looseObject({ filtered: z.boolean(), id: z.string() }).safeParse(entry);
        if (list.success && list.data.filtered) fired.push(`blocklist ${list.data.id}`);
      }
      continue;
    }
    const parsed = filterResultSchema.safeParse(value);
    if (!parsed.success || parsed.data.filtered !== true) continue;
    fired.push(parsed.data.severity !== undefined ? `${category} (${parsed.data.severity})` : parsed.data.detected === true ? `${category} (detected)` : category);
  }
  return fired;
}

/** What an error carries that this file reads. */
interface FilteredError {
  vendorType?: string;
  upstream?: { body: string };
}

/**
 * Azure's `code` and `innererror` for an OpenAI-format error body, when the error is this refusal
 * (its `vendorType`, with the upstream's body kept); undefined for any other error.
 */
export function contentFilterFields(error: FilteredError): { code: string; innererror?: Record<string, unknown> } | undefined {
  if (error.vendorType !== contentFilterType || error.upstream === undefined) return undefined;
  const filter = readContentFilter(error.upstream.body);
  if (filter === undefined) return undefined;
  return { code: contentFilterType, ...(filter.innererror === undefined ? {} : { innererror: filter.innererror }) };
}
