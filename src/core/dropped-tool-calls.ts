/**
 * Tool calls a model without native tool calling wrote where the request took none, or no more
 * than one: read from its text, so that their markup never reaches the caller, and then dropped.
 * Each dropped call is listed as output the caller gets nothing of (unported-output.ts) under a
 * source that is no dialect, so every caller is warned as for other lost output (a whole answer's
 * warnings header, a stream's log line). The plugin loop reads the listing too: a call at its last
 * step, sent with `tool_choice: none`, ends the loop at its step limit.
 */
import type { VendorData } from '../interlingua/vendor.js';
import { listedUnportedOutput, unportedOutputKey, type UnportedOutput } from './unported-output.js';

/** The vendor-data key the entries are listed under. */
export const droppedCallsSource = 'tool-emulation';

/** The warning feature of a call written under `tool_choice: none`. */
export const callUnderNoneFeature = 'tool_choice.none';

/** The warning feature of a call beyond the first under `parallel_tool_calls: false`. */
export const extraCallFeature = 'parallel_tool_calls';

/** `name` is undefined for a call written too wrongly to read, which is dropped without a repair. */
export function droppedCallEntry(feature: typeof callUnderNoneFeature | typeof extraCallFeature, name: string | undefined): UnportedOutput {
  const why = feature === callUnderNoneFeature ? 'the request allowed no tool calls (tool_choice "none")' : 'the request allowed one tool call per reply (parallel_tool_calls false)';
  const call = name === undefined ? 'a tool call' : `a call of the tool "${name}"`;
  return { feature, message: `The model wrote ${call}, which was dropped: ${why}.` };
}

/** Vendor data listing the entries, or undefined when there are none. */
export function droppedCallsVendor(entries: readonly UnportedOutput[]): VendorData | undefined {
  return entries.length === 0 ? undefined : { [droppedCallsSource]: { [unportedOutputKey]: [...entries] } };
}

/** Whether the vendor data lists a call dropped under `tool_choice: none`. */
export function listsCallUnderNone(vendor: VendorData | undefined): boolean {
  return listedUnportedOutput(vendor?.[droppedCallsSource]).some((entry) => entry.feature === callUnderNoneFeature);
}

/** The vendor data without its calls dropped under `tool_choice: none` (told another way). */
export function withoutCallsUnderNone(vendor: VendorData | undefined): VendorData | undefined {
  const fields = vendor?.[droppedCallsSource];
  if (vendor === undefined || fields === undefined) return vendor;
  const { [droppedCallsSource]: _listed, ...others } = vendor;
  const rest = listedUnportedOutput(fields).filter((entry) => entry.feature !== callUnderNoneFeature);
  return rest.length === 0 ? others : { ...others, [droppedCallsSource]: { ...fields, [unportedOutputKey]: rest } };
}
