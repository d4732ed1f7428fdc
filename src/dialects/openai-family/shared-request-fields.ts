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
 * - Chat's `web_search_options` is Responses' `web_search` tool, whose `user_location` holds the
 *   approximate place directly rather than under `approximate` (`WebSearchOptions` in
 *   chat/completions.d.ts, `WebSearchTool` in responses/responses.d.ts);
 * - the effort word: Chat's `reasoning_effort` and Responses' `reasoning.effort` take the same
 *   words (`ReasoningEffort` in shared.d.ts: `none`, `minimal`, `low`, `medium`, `high`, `xhigh`,
 *   `max`), so a word beyond the interlingua's scale (`xhigh`, `max`, `none`) that one dialect
 *   keeps as written goes to the other as written too, rather than as its nearest `high`. Every
 *   other target reports the word it was approximated from (`effortBeyondScaleNote`).
 * Dialect names and their vendor keys are spelled here because no dialect imports another.
 */
import type { VendorData } from '../../interlingua/vendor.js';
import { approximatePrefix, spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { isRecord } from '../../core/is-record.js';

const chatDialect = 'openai-chat';
const responsesDialect = 'openai-responses';
const sameFields = ['metadata', 'service_tier', 'safety_identifier'] as const;

/** Chat's effort word as written, where the interlingua holds it only approximately (openai-chat/vendor.ts). */
const chatEffortWordKey = `${spellingOnlyPrefix}reasoning_effort`;
/** Responses' `reasoning.effort` / `summary` words as written (openai-responses/vendor.ts). */
const responsesReasoningWordsKey = `${spellingOnlyPrefix}reasoning`;
/** The approximation each dialect's parser records for a word above `high`, which other targets report. */
export const chatEffortNoteKey = `${approximatePrefix}reasoning_effort`;
export const responsesEffortNoteKey = `${approximatePrefix}reasoning.effort`;

/**
 * The approximation a parser records for an effort word above the interlingua's highest
 * (`xhigh`, `max`, which it holds as `high`), so that a target other than the two OpenAI APIs says
 * which word the caller asked for rather than only the `high` it got (core/vendor-fields.ts), as
 * Anthropic's parser does for its own `output_config.effort`.
 */
export function effortBeyondScaleNote(word: string, sentAs: string): { message: string } {
  return { message: `Reasoning effort "${word}" is above the highest effort other upstreams share; it was sent as the highest they take, "${sentAs}".` };
}

export interface CarriedFields {
  /** Top-level fields to write into the target's body. */
  fields: Record<string, unknown>;
  /** The request's vendor data without what was carried, for reporting what is left. */
  vendor: VendorData | undefined;
  /** The other OpenAI dialect's effort word as its caller wrote it (`xhigh`), to write as the target's own. */
  effortWord?: string;
  /**
   * The approximation that word's parser recorded, taken out of `vendor` since the word is carried:
   * to report after all where the target's reasoning settings do not write the word.
   */
  effortNote?: { feature: string; message: string };
}

/** A Responses caller's fields for a Chat Completions upstream. */
export function responsesFieldsForChat(vendor: VendorData | undefined): CarriedFields {
  const source = vendor?.[responsesDialect];
  if (source === undefined) return { fields: {}, vendor };
  const { fields, rest } = takeSameFields(source);
  const words = rest[responsesReasoningWordsKey];
  const carried: CarriedFields = { fields, vendor: undefined };
  takeEffortWord(carried, isRecord(words) ? words['effort'] : undefined, rest, responsesEffortNoteKey);
  const text = rest['text'];
  if (isRecord(text) && text['verbosity'] != null) {
    fields['verbosity'] = text['verbosity'];
    const { verbosity: _carried, ...otherText } = text;
    if (Object.keys(otherText).length > 0) rest['text'] = otherText;
    else delete rest['text'];
  }
  carried.vendor = withSlice(vendor, responsesDialect, rest);
  return carried;
}

export interface ChatFieldsForResponses extends CarriedFields {
  /** Chat's `verbosity`, for `text.verbosity`. */
  verbosity?: unknown;
  /** Chat's `web_search_options` as a Responses `web_search` tool. */
  webSearchTool?: Record<string, unknown>;
}

/** A Chat Completions caller's fields for a Responses upstream. */
export function chatFieldsForResponses(vendor: VendorData | undefined): ChatFieldsForResponses {
  const source = vendor?.[chatDialect];
  if (source === undefined) return { fields: {}, vendor };
  const { fields, rest } = takeSameFields(source);
  const carried: ChatFieldsForResponses = { fields, vendor: undefined };
  takeEffortWord(carried, rest[chatEffortWordKey], rest, chatEffortNoteKey);
  if (rest['verbosity'] != null) {
    carried.verbosity = rest['verbosity'];
    delete rest['verbosity'];
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

/** The effort word for the other OpenAI dialect, and the approximation its parser recorded for other targets. */
function takeEffortWord(carried: CarriedFields, word: unknown, rest: Record<string, unknown>, noteKey: string): void {
  if (typeof word !== 'string') return;
  carried.effortWord = word;
  const note = rest[noteKey];
  if (isRecord(note) && typeof note['message'] === 'string') carried.effortNote = { feature: noteKey.slice(approximatePrefix.length), message: note['message'] };
  delete rest[noteKey];
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
