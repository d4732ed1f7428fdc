/**
 * What an answer held that the caller's API has no place for (core/unported-output.ts), as
 * warnings. A whole answer's go into the `x-interlingua-warnings` header with the request's; a
 * stream's headers are gone by the time its `finish` event tells, so those are logged, as every
 * translation warning is (chat-pipeline.ts), under the request's id: the answer keeps the
 * caller's own dialect, with no field invented to say it in-band.
 */
import type { Dialect } from '../interlingua/dialect.js';
import type { FinishReason } from '../interlingua/finish-reason.js';
import type { VendorData } from '../interlingua/vendor.js';
import type { Warning } from '../interlingua/warning.js';
import { foreignUnportedOutput, unportedOutputWarnings } from '../core/unported-output.js';

export function answerOutputWarnings(vendor: VendorData | undefined, caller: Dialect): Warning[] {
  if (vendor === undefined) return [];
  return unportedOutputWarnings(foreignUnportedOutput(vendor, caller.name), caller.writesGeneratedImages === true, caller.writesUrlCitations === true, caller.writesDocumentCitations === true);
}

/** The upstream's reason for ending, where the caller's finish word cannot say it (Dialect.finishReasonLoss). */
export function finishReasonWarnings(reason: FinishReason, caller: Dialect): Warning[] {
  const loss = caller.finishReasonLoss?.(reason);
  return loss === undefined ? [] : [{ type: 'compatibility', feature: 'finish_reason', message: loss }];
}
