/**
 * How many of the calls read from a reply reach the caller. A model that reads its tools from the
 * prompt can only be asked to call none, or one at a time; it is held to that here, where its
 * calls are read: under `tool_choice: none` no call passes, and with `parallel_tool_calls: false`
 * only the first does ("ensures exactly zero or one tool is called",
 * https://platform.openai.com/docs/guides/function-calling#parallel-function-calling). A call
 * dropped is listed for the caller's warnings (core/dropped-tool-calls.ts).
 */
import type { VendorData } from '../interlingua/vendor.js';
import type { UnportedOutput } from '../core/unported-output.js';
import { callUnderNoneFeature, droppedCallEntry, droppedCallsVendor, extraCallFeature } from '../core/dropped-tool-calls.js';

/** None (`tool_choice: none`), one per reply (`parallel_tool_calls: false`), or any number. */
export type CallsTaken = 'none' | 'one' | 'any';

export class CallKeeper {
  private kept = 0;
  private readonly dropped: UnportedOutput[] = [];

  constructor(private readonly taken: CallsTaken) {}

  /** Whether the call reaches the caller; one that does not is listed as dropped. */
  keep(name: string | undefined): boolean {
    if (!this.full) {
      this.kept++;
      return true;
    }
    this.dropped.push(droppedCallEntry(this.taken === 'none' ? callUnderNoneFeature : extraCallFeature, name));
    return false;
  }

  /** Whether no further call would reach the caller: a call that could not be read then needs no repair. */
  get full(): boolean {
    return this.taken === 'none' || (this.taken === 'one' && this.kept > 0);
  }

  /** An answer's vendor data with the dropped calls listed beside what it held. */
  vendorWith(vendor: VendorData | undefined): VendorData | undefined {
    const listed = droppedCallsVendor(this.dropped);
    return listed === undefined ? vendor : { ...vendor, ...listed };
  }
}
