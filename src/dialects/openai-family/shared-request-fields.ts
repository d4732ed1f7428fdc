/**
 * Request fields that Chat Completions and the Responses API both take but the interlingua does
 * not model, so each dialect keeps them in its own vendor slice. Between the two OpenAI dialects
 * they are carried across, as `user` and `prompt_cache_key` are through the interlingua, instead of
 * being reported as having "no equivalent":
 * - `metadata`, `service_tier`, `safety_identifier`: the same name and meaning in both
 *   (`ChatCompletionCreateParamsBase` and `ResponseCreateParamsBase` in node_modules/openai;
 *   https://platform.openai.com/docs/api-reference/chat/create and
 *   https://platform.openai.com/docs/api-reference/responses/create), though Chat takes `metadata`
 *   only with `store: true` (openai-chat/request-emit.ts leaves it out otherwise);
 * - verbosity: Chat's top-level `verbosity` is Responses' `text.verbosity` (both `low|medium|high`);
 * - Responses' `top_logprobs` is Chat's `top_logprobs`, which Chat takes only with `logprobs: true`,
 *   and so is the `message.output_text.logprobs` includable, which asks for them; the other way, Chat's `logprobs: true` is Responses' `message.output_text.logprobs` includable,
 *   without which a Responses answer has no logprobs, and its `top_logprobs` goes as it is
 *   (https://platform.openai.com/docs/api-reference/responses/create#responses-create-include);
 * - Chat's `web_search_options` is Responses' `web_search` tool, whose `user_location` holds the
 *   approximate place directly rather than under `approximate` (`WebSearchOptions` in
 *   chat/completions.d.ts, `WebSearchTool` in responses/responses.d.ts).
 * Dialect names are spelled here because no dialect imports another.
 */
import type { VendorData } from '../../interlingua/vendor.js';

const chatDialect = 'openai-chat';
const responsesDialect = 'openai-responses';
const sameFields = ['metadata', 'service_tier', 'safety_identifier'] as const;
/** The Responses includable that asks for logprobs (https://platform.openai.com/docs/api-reference/responses/create#responses-create-include). */
export const logprobsIncludable = 'message.output_text.logprobs';

export interface CarriedFields {
  /** Top-level fields to write into the target's body. */
  fields: Record<string, unknown>;
  /** The request's vendor data without what was carried, for reporting what is left. */
  vendor: VendorData | undefined;
}

/** A Responses caller's fields for a Chat Completions upstream. */
export function responsesFieldsForChat(vendor: VendorData | undefined): CarriedFields {
  const source = vendor?.[responsesDialect];
  if (source === undefined) return { fields: {}, vendor };
  const { fields, rest } = takeSameFields(source);
  const text = rest['text'];
  if (isRecord(text) && text['verbosity'] != null) {
    fields['verbosity'] = text['verbosity'];
    const { verbosity: _carried, ...otherText } = text;
    if (Object.keys(otherText).length > 0) rest['text'] = otherText;
    else delete rest['text'];
  }
  if (typeof rest['top_logprobs'] === 'number') {
    fields['logprobs'] = true;
    fields['top_logprobs'] = rest['top_logprobs'];
    delete rest['top_logprobs'];
  }
  // `include` holds the values no other dialect takes (openai-responses/reasoning-carrier.ts); this one Chat does.
  const include = rest['include'];
  if (Array.isArray(include) && include.includes(logprobsIncludable)) {
    fields['logprobs'] = true;
    const others = include.filter((value) => value !== logprobsIncludable);
    if (others.length > 0) rest['include'] = others;
    else delete rest['include'];
  }
  return { fields, vendor: withSlice(vendor, responsesDialect, rest) };
}

export interface ChatFieldsForResponses extends CarriedFields {
  /** Chat's `verbosity`, for `text.verbosity`. */
  verbosity?: unknown;
  /** Chat's `web_search_options` as a Responses `web_search` tool. */
  webSearchTool?: Record<string, unknown>;
  /** Chat's `logprobs: true`: `include` must name `message.output_text.logprobs`. */
  includeLogprobs?: boolean;
}

/** A Chat Completions caller's fields for a Responses upstream. */
export function chatFieldsForResponses(vendor: VendorData | undefined): ChatFieldsForResponses {
  const source = vendor?.[chatDialect];
  if (source === undefined) return { fields: {}, vendor };
  const { fields, rest } = takeSameFields(source);
  const carried: ChatFieldsForResponses = { fields, vendor: undefined };
  if (rest['verbosity'] != null) {
    carried.verbosity = rest['verbosity'];
    delete rest['verbosity'];
  }
  if (rest['logprobs'] === true) {
    carried.includeLogprobs = true;
    if (typeof rest['top_logprobs'] === 'number') fields['top_logprobs'] = rest['top_logprobs'];
    delete rest['logprobs'];
    delete rest['top_logprobs'];
  }
  const options = rest['web_search_options'];
  if (isRecord(options)) {
    carried.webSearchTool = webSearchTool(options);
    delete rest['web_search_options'];
  }
  carried.vendor = withSlice(vendor, chatDialect, rest);
  return carried;
}

function webSearchTool(options: Record<string, unknown>): Record<string, unknown> {
  const tool: Record<string, unknown> = { type: 'web_search' };
  if (options['search_context_size'] != null) tool['search_context_size'] = options['search_context_size'];
  const location = options['user_location'];
  if (isRecord(location)) {
    const approximate = isRecord(location['approximate']) ? location['approximate'] : {};
    tool['user_location'] = { type: 'approximate', ...approximate };
  }
  return tool;
}

function takeSameFields(source: Record<string, unknown>): { fields: Record<string, unknown>; rest: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  const rest: Record<string, unknown> = { ...source };
  for (const name of sameFields) {
    if (rest[name] == null) continue;
    fields[name] = rest[name];
    delete rest[name];
  }
  return { fields, rest };
}

function withSlice(vendor: VendorData | undefined, dialect: string, slice: Record<string, unknown>): VendorData | undefined {
  if (vendor === undefined) return undefined;
  const { [dialect]: _replaced, ...others } = vendor;
  return Object.keys(slice).length === 0 ? others : { ...others, [dialect]: slice };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
