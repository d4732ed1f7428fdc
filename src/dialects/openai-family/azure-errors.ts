/**
 * Azure OpenAI's errors: OpenAI's shape (../openai-family/error-codec.ts) with Azure's additions.
 * A prompt its content filter refuses comes back as HTTP 400 with `code: "content_filter"`,
 * `param: "prompt"` and an `innererror` naming the filter that fired — "The response was filtered
 * due to the prompt triggering Azure OpenAI's content management policy", `innererror:
 * {code: "ResponsibleAIPolicyViolation", content_filter_result: {self_harm: {filtered: true,
 * severity: "medium"}, …}}` (recorded: test/fixtures/recorded/azure-openai/mirascope-content-filter-400.response.json;
 * a custom blocklist: doc-content-filter-400-custom-blocklist.json, from
 * https://learn.microsoft.com/azure/ai-services/openai/how-to/use-blocklists). The same 400 comes
 * for a streamed request; no stream is opened. The caller is told which filter fired, in its
 * own dialect, rather than only that the request was bad.
 */
import { z } from 'zod';
import { InterlinguaError } from '../../interlingua/error.js';
import { parseOpenaiHttpError } from './error-codec.js';

const filterResultSchema = z.looseObject({
  filtered: z.boolean().optional().catch(undefined),
  severity: z.string().optional().catch(undefined),
  detected: z.boolean().optional().catch(undefined),
});

const contentFilterBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.literal('content_filter'),
    innererror: z
      .looseObject({
        code: z.string().optional().catch(undefined),
        content_filter_result: z.record(z.string(), z.unknown()).optional().catch(undefined),
      })
      .optional()
      .catch(undefined),
  }),
});

/** `self_harm (medium)`, `jailbreak (detected)`, `blocklist raiBlocklistName` for each filter that fired. */
export function firedFilters(result: Record<string, unknown> | undefined): string[] {
  const fired: string[] = [];
  for (const [category, value] of Object.entries(result ?? {})) {
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

function readContentFilter(body: string): z.output<typeof contentFilterBodySchema>['error'] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = contentFilterBodySchema.safeParse(json);
  return parsed.success ? parsed.data.error : undefined;
}

/** An Azure OpenAI error answer; a content-filter refusal says which filters fired. */
export function parseAzureHttpError(status: number, body: string, headers: Record<string, string>, dialect: string): InterlinguaError {
  const error = parseOpenaiHttpError(status, body, headers, dialect);
  const filter = readContentFilter(body);
  if (filter === undefined) return error;
  const fired = firedFilters(filter.innererror?.content_filter_result);
  const which = fired.length > 0 ? ` (${fired.join(', ')})` : '';
  return new InterlinguaError(error.code, `Azure OpenAI's content filter refused the prompt${which}. ${error.message}`, {
    status: error.status,
    retryable: false,
    vendorType: 'content_filter',
    param: error.param ?? 'prompt',
    ...(error.upstream !== undefined ? { upstream: error.upstream } : {}),
  });
}
