/**
 * The Converse answer fields kept for Bedrock callers alone (vendor-data.ts `answerPassThroughFields`:
 * `trace`, `performanceConfig`, `serviceTier`), listed for the callers of every other API, which
 * have no place for them, as output they do not get (core/unported-output.ts). A Bedrock caller's
 * own answer writes the fields back and skips the listing, which sits in this dialect's vendor data.
 */
import { unportedOutputKey, type UnportedOutput } from '../../core/unported-output.js';
import { answerPassThroughFields } from './vendor-data.js';

/** What each field is, said for a caller that does not get it. */
const described: Record<(typeof answerPassThroughFields)[number], string> = {
  trace: 'the guardrail and prompt-router trace',
  performanceConfig: 'the latency setting (performanceConfig) that served the answer',
  serviceTier: 'the service tier (serviceTier) that served the answer',
};

/** One entry per answer field `fields` holds. */
function answerFieldEntries(fields: Record<string, unknown>): UnportedOutput[] {
  return answerPassThroughFields
    .filter((field) => fields[field] !== undefined)
    .map((field) => ({ feature: `output.${field}`, message: `Bedrock's answer carried ${described[field]}; only Bedrock Converse answers have a place for it, so it was left out.` }));
}

/**
 * The listing for a whole answer or a stream's `finish`: the answer fields' entries after `others`
 * (the citations' entries, citations.ts), or undefined when there are none.
 */
export function unportedListing(fields: Record<string, unknown>, others: Record<string, UnportedOutput[]> | undefined): Record<string, UnportedOutput[]> | undefined {
  const entries = [...(others?.[unportedOutputKey] ?? []), ...answerFieldEntries(fields)];
  return entries.length === 0 ? undefined : { [unportedOutputKey]: entries };
}
