/**
 * An Ollama `POST /api/generate` body → interlingua request: `system` becomes the system prompt,
 * `prompt` and its `images` one user message. `options`, `format` and `think` are read as
 * `/api/chat` reads them (../ollama-family/model-options-parse.ts). Generate streams unless told
 * not to, like chat (docs/api.md: "stream: if false the response will be returned as a single
 * response object").
 *
 * `suffix`, `template`, `raw` and `context` steer how Ollama itself builds the prompt; no other
 * API has them, so they travel in `vendor['ollama-generate']` to a generate upstream and are
 * reported as left out everywhere else. Other fields (`keep_alive`, unknown ones) are settings of
 * the Ollama server both APIs share and go to `vendor.ollama`; the ask for token log probabilities
 * (`logprobs`, `top_logprobs`) is the interlingua's (../ollama-family/logprobs.ts).
 * Reference: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-completion
 */
import type { ParsedRequest, ParseRequestContext } from '../../interlingua/dialect.js';
import type { UserPart } from '../../interlingua/content.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning } from '../../interlingua/warning.js';
import { parseImage } from '../ollama-family/images.js';
import { parseWire, setField, type JsonObject } from '../ollama-family/json-value.js';
import { parseFormat, parseSampling, parseThink } from '../ollama-family/model-options-parse.js';
import { ollamaVendorName } from '../ollama-family/vendor-slice.js';
import { takeLogprobsAsk } from '../ollama-family/logprobs.js';
import { dialectName, rawFalseKey } from './vendor.js';
import { modelledRequestFields, wireGenerateRequestSchema, type WireGenerateRequest } from './wire-schema.js';
import { extraFields } from '../../wire/extra-fields.js';

export function parseGenerateRequest(body: unknown, _context: ParseRequestContext): ParsedRequest {
  const wire = parseWire(wireGenerateRequestSchema, body, 'invalid_request');
  const warnings: Warning[] = [];
  const shared: JsonObject = {};
  const request: ChatRequest = {
    model: wire.model,
    system: wire.system != null && wire.system !== '' ? [{ type: 'text', text: wire.system }] : [],
    messages: [{ role: 'user', content: userContent(wire, warnings) }],
    sampling: parseSampling(wire.options, shared),
    stream: wire.stream ?? true,
    // Every Ollama answer, streamed or not, ends with its token counts.
    streamUsage: true,
  };
  const responseFormat = parseFormat(wire.format);
  if (responseFormat !== undefined) request.responseFormat = responseFormat;
  const reasoning = parseThink(wire.think);
  if (reasoning !== undefined) request.reasoning = reasoning;
  for (const [key, value] of Object.entries(extraFields(wire, modelledRequestFields) ?? {})) setField(shared, key, value);
  takeLogprobsAsk(shared, request);
  const vendor: VendorData = {};
  if (Object.keys(shared).length > 0) vendor[ollamaVendorName] = shared;
  const own = generateOnlyFields(wire);
  if (Object.keys(own).length > 0) vendor[dialectName] = own;
  if (Object.keys(vendor).length > 0) request.vendor = vendor;
  return { request, warnings };
}

/** The prompt's text, then its images, as Ollama places them in the prompt. */
function userContent(wire: WireGenerateRequest, warnings: Warning[]): UserPart[] {
  const content: UserPart[] = [{ type: 'text', text: wire.prompt ?? '' }];
  (wire.images ?? []).forEach((image, index) => content.push(parseImage(image, `images[${index}]`, warnings)));
  return content;
}

function generateOnlyFields(wire: WireGenerateRequest): JsonObject {
  const own: JsonObject = {};
  if (wire.suffix != null) own['suffix'] = wire.suffix;
  if (wire.template != null) own['template'] = wire.template;
  if (wire.context != null) own['context'] = wire.context;
  // `raw: false` is the server's default: kept for the round trip, lost nowhere.
  if (wire.raw === true) own['raw'] = true;
  else if (wire.raw === false) own[rawFalseKey] = true;
  return own;
}
