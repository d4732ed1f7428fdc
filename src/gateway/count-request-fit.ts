/**
 * A token count is asked of the upstream with the request fitted as a chat request to the same
 * deployment is (http-transport.ts write()): what the model refuses left out (catalog/fit-request.ts),
 * images and documents in a form the upstream reads, tool names it takes, reasoning asked the way
 * the model takes it. Counted as the caller wrote it, a request the chat path would have sent is
 * refused instead: a Gemini `:countTokens` with a tool named `get.weather` ("tools.0.custom.name:
 * String should match pattern"), a thinking budget to Claude Opus 4.7 ("\"thinking.type.enabled\"
 * is not supported for this model"), thinking to Claude Haiku 3.5 ("'claude-3-5-haiku-20241022' does
 * not support thinking.", https://github.com/anthropics/claude-code/issues/11388). Warnings are not
 * kept: a count has no answer to carry them.
 */
import type { CountRequestOptions } from '../interlingua/count-tokens.js';
import type { Dialect } from '../interlingua/dialect.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { ModelFacts } from '../catalog/model-facts.js';
import { fitRequestToModel } from '../catalog/fit-request.js';
import { withoutDocumentUrls } from '../core/document-url-fit.js';
import { fitToolNames } from '../core/tool-name-fit.js';
import { readableImages, reasoningOptions } from './http-transport.js';

export async function fittedCountRequest(asked: ChatRequest, dialect: Dialect, model: string, facts: ModelFacts | undefined): Promise<{ request: ChatRequest; options: CountRequestOptions }> {
  const readable = readableImages(asked, dialect, model);
  const images = (readable instanceof Promise ? await readable : readable).value;
  const documents = dialect.capabilities.documentUrls === false ? withoutDocumentUrls(images, dialect.name).value : images;
  const fitted = fitRequestToModel(documents, facts).value;
  const request = dialect.capabilities.toolNames === undefined ? fitted : fitToolNames(fitted, dialect.capabilities.toolNames).request;
  return { request, options: { model, ...reasoningOptions(facts?.reasoning) } };
}
