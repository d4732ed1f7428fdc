/**
 * `azure-openai-responses`: the Responses API where Azure OpenAI serves it, with OpenAI's body
 * (recorded: test/fixtures/recorded/azure-openai/fantasy-gpt5mini-responses-v1.*; Azure adds
 * `"content_filters": null` to the response object, which this codec passes over). A response
 * Azure's filter cut ends `incomplete` with `incomplete_details.reason: "content_filter"`, which
 * the Responses codec maps to the unified `content-filter`. Errors are Azure's
 * (../openai-family/azure-errors.ts); paths and authentication are the provider's
 * (src/providers/azure.ts).
 */
import type { Dialect } from '../../interlingua/dialect.js';
import { parseAzureHttpError } from '../openai-family/azure-errors.js';
import { openaiResponsesDialect } from './index.js';
import { providerOrigin, withProviderOrigin } from './provider-origins.js';

export const azureOpenaiResponsesDialectName = 'azure-openai-responses';

export const azureOpenaiResponsesDialect: Dialect = {
  ...openaiResponsesDialect,
  name: azureOpenaiResponsesDialectName,
  parseError: (status, body, headers) => parseAzureHttpError(status, body, headers, azureOpenaiResponsesDialectName),
};

/** The dialect spoken to one Azure provider, whose encrypted reasoning only it takes back (provider-origins.ts). */
export function azureOpenaiResponsesDialectFor(providerName: string): Dialect {
  return withProviderOrigin(azureOpenaiResponsesDialect, providerOrigin(azureOpenaiResponsesDialectName, providerName));
}
