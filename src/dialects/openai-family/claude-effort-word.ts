/**
 * A Claude caller's effort word above `high` (Anthropic's `output_config.effort` `xhigh` or `max`,
 * https://platform.claude.com/docs/en/build-with-claude/effort#effort-levels, from an Anthropic or
 * a Bedrock Converse caller) for an OpenAI upstream. OpenAI spells the same words
 * (`ReasoningEffort` in node_modules/openai/resources/shared.d.ts: `xhigh`, `max`), and some of its
 * models take them: gpt-5.2 and gpt-5.1-codex-max `xhigh`, GPT-6 Astra and Sol `max` as well
 * (catalog/model-rules.ts). Where the model's catalog entry lists the word, it goes as written,
 * and the note the Claude parser recorded for other targets (the word sent as `high`) is taken
 * out of the vendor data; elsewhere, including a model the catalog does not list words for, it
 * goes as `high` with that note, as before. The words travel under core/claude-effort.ts's keys.
 */
import type { EffortBeyondScale } from '../../interlingua/dialect.js';
import type { VendorData } from '../../interlingua/vendor.js';
import { claudeVendorName, effortSpellingKey } from '../../core/claude-effort.js';
import { approximatePrefix } from '../../core/vendor-fields.js';
import { isRecord } from '../../core/is-record.js';

/** Where the Claude parsers record the approximation of a word above `high`. */
const claudeEffortNoteKey = `${approximatePrefix}output_config.effort`;
const wordsAboveHigh: ReadonlySet<string> = new Set<EffortBeyondScale>(['xhigh', 'max']);

export interface ClaudeEffortWord {
  /** The word to send, where the model takes it. */
  word?: string;
  /** The note taken out of `vendor` with it: to report after all where the target's reasoning setting does not write the word. */
  note?: { feature: string; message: string };
  /** The request's vendor data, without the note where the word is carried. */
  vendor: VendorData | undefined;
}

export function claudeEffortWord(vendor: VendorData | undefined, taken: readonly EffortBeyondScale[] | undefined): ClaudeEffortWord {
  const claude = vendor?.[claudeVendorName];
  const word = claude?.[effortSpellingKey];
  if (vendor === undefined || claude === undefined || typeof word !== 'string' || !wordsAboveHigh.has(word)) return { vendor };
  if (!(taken as readonly string[] | undefined)?.includes(word)) return { vendor };
  const { [claudeEffortNoteKey]: note, ...rest } = claude;
  const carried: ClaudeEffortWord = { word, vendor: { ...vendor, [claudeVendorName]: rest } };
  const message = isRecord(note) && typeof note['message'] === 'string' ? note['message'] : undefined;
  if (message !== undefined) carried.note = { feature: claudeEffortNoteKey.slice(approximatePrefix.length), message };
  return carried;
}
