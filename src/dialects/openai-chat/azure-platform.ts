/**
 * `azure-openai`: Chat Completions on Azure OpenAI / Foundry. The body is OpenAI's unchanged —
 * Azure serves the same Chat Completions (recorded: test/fixtures/recorded/azure-openai,
 * fantasy-gpt5mini-chat-tool.*) — and Azure's additions, `prompt_filter_results` and per-choice
 * `content_filter_results`, are kept in a whole answer's vendor fields, and a stream's filter chunks
 * go on `vendor-output` events (azure-filter-chunks.ts); a completion Azure's filter cut ends
 * with `finish_reason: "content_filter"`, which maps to the unified `content-filter`
 * (doc-chat-finish-content-filter-blocklist.response.json). Errors are Azure's
 * (../openai-family/azure-errors.ts); paths and authentication are the provider's
 * (src/providers/azure.ts).
 */
import type { Dialect } from '../../interlingua/dialect.js';
import { parseAzureHttpError } from '../openai-family/azure-errors.js';
import { createOpenaiChatDialect, type OpenaiChatQuirks } from './index.js';

export const azureOpenaiDialectName = 'azure-openai';

/** With the quirks of an older api-version (azure-api-versions.ts), or none. */
export function createAzureOpenaiDialect(quirks: Partial<OpenaiChatQuirks> = {}): Dialect {
  return {
    // OpenAI's models, OpenAI's Chat Completions: no reasoning text, whatever the api-version.
    // Azure's asynchronous filter may annotate the answer after its usage chunk: its stream ends at `[DONE]` (azure-filter-chunks.ts).
    ...createOpenaiChatDialect({ reasoningText: false, ...quirks, finishAtDone: true }),
    name: azureOpenaiDialectName,
    parseError: (status, body, headers) => parseAzureHttpError(status, body, headers, azureOpenaiDialectName),
  };
}

export const azureOpenaiDialect: Dialect = createAzureOpenaiDialect();
