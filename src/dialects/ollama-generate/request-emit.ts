/**
 * Interlingua request → Ollama `POST /api/generate` body, for a provider configured with
 * `dialect: ollama-generate`: the system prompt becomes `system`, the one user turn `prompt` and
 * `images`. This is how fill-in-the-middle (`suffix`), custom `template`s and `raw` prompts reach
 * an Ollama server; `/api/chat` has none of them.
 *
 * Generate takes one prompt, not a conversation: a request with earlier turns (assistant
 * answers, tool results) is refused with `invalid_request` rather than flattened into a prompt
 * the model was not trained on; a `dialect: ollama` provider serves conversations. Tools have no
 * place in generate and are reported as left out. `stream` is always written, since Ollama
 * streams when it is absent. Reference: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-completion
 */
import type { EmitRequestOptions, EmittedRequest } from '../../interlingua/dialect.js';
import type { TextPart, UserPart } from '../../interlingua/content.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { foreignVendorWarnings } from '../../core/vendor-fields.js';
import { promptCacheKeyWarnings } from '../../core/prompt-cache-key.js';
import { emitImage } from '../ollama-family/images.js';
import { setPathIfAbsent } from '../ollama-family/json-value.js';
import { emitFormat, emitOptions, emitThink } from '../ollama-family/model-options-emit.js';
import { ollamaVendorName, readRequestVendor, readVendorPaths } from '../ollama-family/vendor-slice.js';
import { dialectName, ownVendor, rawFalseKey } from './vendor.js';
import type { WireGenerateRequestOut } from './wire-types.js';
import { pushAll } from '../../core/push-all.js';
import { logprobsFields } from '../ollama-family/logprobs.js';

export function emitGenerateRequest(request: ChatRequest, options: EmitRequestOptions): EmittedRequest {
  const warnings: Warning[] = [];
  const { system, user } = splitPrompt(request, warnings);
  const body: WireGenerateRequestOut = { model: options.model, prompt: joinText(user), stream: request.stream };
  if (system !== '') body.system = system;
  const images = user.flatMap((part) => (part.type === 'image' ? (emitImage(part, warnings, 'images') ?? []) : []));
  if (images.length > 0) body.images = images;
  if (request.tools !== undefined && request.tools.length > 0) {
    const names = request.tools.map((tool) => `"${tool.name}"`).join(', ');
    warnings.push({ type: 'unsupported', feature: 'tools', message: `Ollama's /api/generate takes no tools; ${names} were left out.` });
  }
  const format = emitFormat(request.responseFormat, warnings);
  if (format !== undefined) body.format = format;
  const shared = readRequestVendor(request.vendor);
  const modelOptions = emitOptions(request, shared.stopAsString, warnings);
  if (Object.keys(modelOptions).length > 0) body.options = modelOptions;
  const think = emitThink(request.reasoning, warnings);
  if (think !== undefined) body.think = think;
  if (request.user !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'user', message: 'Ollama has no end-user id; "user" was left out.' });
  }
  // The ask for token log probabilities, from a caller of any dialect (../ollama-family/logprobs.ts).
  Object.assign(body, logprobsFields(request, request.vendor, warnings));
  for (const { path, value } of [...readVendorPaths(request.vendor, dialectName), ...shared.paths]) setPathIfAbsent(body, path, value);
  if (ownVendor(request.vendor)[rawFalseKey] === true) setPathIfAbsent(body, ['raw'], false);
  pushAll(warnings, foreignVendorWarnings(withoutOllamaSlices(request.vendor), dialectName));
  pushAll(warnings, promptCacheKeyWarnings(request, 'Ollama'));
  return { body, warnings };
}

/**
 * The system prompt and the one user turn. System messages before that turn join the system
 * prompt (with a warning when they sat in the conversation); anything else is a conversation.
 */
function splitPrompt(request: ChatRequest, warnings: Warning[]): { system: string; user: UserPart[] } {
  const systemParts: TextPart[] = [...request.system];
  let user: UserPart[] | undefined;
  for (const message of request.messages) {
    if (message.role === 'system' && user === undefined) {
      pushAll(systemParts, message.content);
      warnings.push({
        type: 'compatibility',
        feature: 'system_message',
        message: "Ollama's /api/generate takes one system prompt; a system message in the conversation was added to it.",
      });
    } else if (message.role === 'user' && user === undefined) {
      user = message.content;
    } else {
      throw new InterlinguaError(
        'invalid_request',
        `Ollama's /api/generate takes one prompt, not a conversation of ${request.messages.length} messages; use an Ollama /api/chat upstream (dialect: ollama) for conversations.`,
        { param: 'messages' },
      );
    }
  }
  return { system: systemParts.map((part) => part.text).join('\n\n'), user: user ?? [] };
}

function joinText(parts: readonly UserPart[]): string {
  let text = '';
  for (const part of parts) if (part.type === 'text') text += part.text;
  return text;
}

/** The vendor data without the two Ollama slices, which this emitter has merged. */
function withoutOllamaSlices(vendor: VendorData | undefined): VendorData | undefined {
  if (vendor === undefined) return undefined;
  const rest: VendorData = {};
  for (const [slice, fields] of Object.entries(vendor)) if (slice !== ollamaVendorName) rest[slice] = fields;
  return rest;
}
