/**
 * Azure OpenAI's errors: OpenAI's shape (../openai-family/error-codec.ts) with Azure's additions.
 * A prompt its content filter refuses comes back as HTTP 400 with `code: "content_filter"`,
 * `param: "prompt"` and an `innererror` naming the filter that fired — "The response was filtered
 * due to the prompt triggering Azure OpenAI's content management policy", `innererror:
 * {code: "ResponsibleAIPolicyViolation", content_filter_result: {self_harm: {filtered: true,
 * severity: "medium"}, …}}` (azure-content-filter.ts). The same 400 comes for a streamed request;
 * no stream is opened. The caller is told which filter fired, in its own dialect, rather than
 * only that the request was bad; an OpenAI-format caller also gets Azure's `code` and
 * `innererror` (error-codec.ts `openaiErrorBody`), read again from the body the error keeps.
 */
import { InterlinguaError } from '../../interlingua/error.js';
import { parseOpenaiHttpError } from './error-codec.js';
import { contentFilterType, firedFilters, readContentFilter } from './azure-content-filter.js';

/** An Azure OpenAI error answer; a content-filter refusal says which filters fired. */
export function parseAzureHttpError(status: number, body: string, headers: Record<string, string>, dialect: string): InterlinguaError {
  const error = parseOpenaiHttpError(status, body, headers, dialect);
  const filter = readContentFilter(body);
  if (filter === undefined) return error;
  const fired = firedFilters(filter.innererror);
  const which = fired.length > 0 ? ` (${fired.join(', ')})` : '';
  return new InterlinguaError(error.code, `Azure OpenAI's content filter refused the prompt${which}. ${error.message}`, {
    status: error.status,
    retryable: false,
    vendorType: contentFilterType,
    param: error.param ?? 'prompt',
    // The body goes with the error whole: a caller of an OpenAI format gets its `innererror` from it.
    upstream: error.upstream ?? { url: '', status, headers, body, dialect },
  });
}
