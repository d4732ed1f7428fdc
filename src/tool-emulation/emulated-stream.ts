/**
 * A streamed answer's text → text and tool-call lifecycles, as the text arrives: the reader
 * holds back only what may be a call, so ordinary answers still stream word by word. A call
 * written wrongly is repaired once, without streaming, when the upstream has finished; the
 * finish reason becomes tool calls when any were made. The repair's tokens join the finish's
 * usage; when the repair fails, the tokens of both calls go out in a `usage` event before the
 * error, as a failed finish's do (gateway/failed-finish.ts). Calls beyond what the caller takes
 * are dropped and listed on the finish (calls-taken.ts). An upstream delta's vendor data (what the
 * vendor said of its chunk, Azure's per-chunk filter results) goes out on the first text delta or
 * call made of its text; where its text is held back as a possible call, on an empty delta of the
 * open text, else on what goes out next (the latest delta's value standing, core/vendor-over.ts),
 * at the latest on the finish, under the finish's own.
 */
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { Usage } from '../interlingua/usage.js';
import type { VendorData } from '../interlingua/vendor.js';
import { InterlinguaError } from '../interlingua/error.js';
import { generateId } from '../core/ids.js';
import { mergeUsage } from '../core/fold-stream.js';
import { vendorOver } from '../core/vendor-over.js';
import { FailedFinishError } from '../gateway/failed-finish.js';
import type { EventBatches } from '../gateway/upstream-events.js';
import type { ReadCall } from './tool-format.js';
import { ReplyReader, type ReplyPiece } from './reply-reader.js';
import { repairCalls, type RepairContext } from './repair.js';
import { CallKeeper } from './calls-taken.js';

/** How the reply ended: the usage to report when a repair was made, and its failure. */
interface ReplyEnd {
  usage?: Usage;
  failure?: InterlinguaError;
}

export async function* emulatedEventBatches(upstream: EventBatches, context: RepairContext): AsyncGenerator<StreamEvent[], undefined> {
  const reader = new ReplyReader(context.format, context.tools);
  let reply = '';
  let textId: string | undefined;
  let called = false;
  let invalidReason: string | undefined;
  const keeper = new CallKeeper(context.taken);
  // What the upstream reported so far, merged as the request's meter merges it (later counts win).
  let reported: Usage = {};
  /** The vendor data of upstream deltas none of whose text has gone out yet. */
  let heldVendor: VendorData | undefined;
  /** `event` with the held vendor data, which it takes. */
  const withHeldVendor = <Event extends Extract<StreamEvent, { type: 'text-delta' | 'tool-call-start' }>>(event: Event): Event => {
    if (heldVendor === undefined) return event;
    const vendor = heldVendor;
    heldVendor = undefined;
    return { ...event, vendor };
  };

  const closeText = (out: StreamEvent[]): void => {
    if (textId !== undefined) out.push({ type: 'text-end', id: textId });
    textId = undefined;
  };
  const emitCall = (call: ReadCall, out: StreamEvent[]): void => {
    if (!keeper.keep(call.name)) return;
    closeText(out);
    const id = generateId('call_');
    out.push(withHeldVendor({ type: 'tool-call-start', id, name: call.name }), { type: 'tool-call-delta', id, delta: call.arguments }, { type: 'tool-call-end', id });
    called = true;
  };
  const emitText = (text: string, out: StreamEvent[]): void => {
    if (textId === undefined) {
      textId = generateId('text_');
      out.push({ type: 'text-start', id: textId });
    }
    out.push(withHeldVendor({ type: 'text-delta', id: textId, delta: text }));
  };
  const emit = (pieces: readonly ReplyPiece[], out: StreamEvent[]): void => {
    for (const piece of pieces) {
      if (piece.type === 'text') emitText(piece.text, out);
      else if (piece.type === 'call') emitCall(piece.call, out);
      // Under `none` nothing is a call: what could not be read stays the text it was.
      else if (context.taken === 'none') emitText(piece.text, out);
      else invalidReason ??= piece.reason;
    }
  };
  /** The reply's end: the held-back rest, a repair if one is needed (`spent`: the upstream's usage). */
  const finishReply = async (out: StreamEvent[], spent: Usage): Promise<ReplyEnd> => {
    emit(reader.end(), out);
    if (invalidReason === undefined) return {};
    if (keeper.full) {
      keeper.keep(undefined);
      return {};
    }
    try {
      const repaired = await repairCalls(context, reply, invalidReason, spent);
      for (const call of repaired.calls) emitCall(call, out);
      return { usage: repaired.usage };
    } catch (caught) {
      closeText(out);
      const failure = caught instanceof InterlinguaError ? caught : new InterlinguaError('upstream_error', String(caught), { cause: caught });
      return { usage: failure instanceof FailedFinishError && failure.usage !== undefined ? failure.usage : spent, failure };
    }
  };
  /** A failed end: the usage so far first, so that it counts, then the error. */
  const fail = (end: ReplyEnd, out: StreamEvent[]): void => {
    if (end.usage !== undefined) out.push({ type: 'usage', usage: end.usage });
    if (end.failure !== undefined) out.push({ type: 'error', error: end.failure });
  };

  try {
    for (;;) {
      const next = await upstream.next();
      if (next.done) {
        // Cut before its finish: what was repaired still counts.
        const out: StreamEvent[] = [];
        const end = await finishReply(out, reported);
        closeText(out);
        fail(end, out);
        if (out.length > 0) yield out;
        return undefined;
      }
      const out: StreamEvent[] = [];
      for (const event of next.value) {
        switch (event.type) {
          case 'text-start':
          case 'text-end':
            break;
          case 'text-delta':
            reply += event.delta;
            heldVendor = vendorOver(heldVendor, event.vendor);
            emit(reader.push(event.delta), out);
            // All of its text held back: its vendor data goes on an empty delta of the open text, or waits.
            if (heldVendor !== undefined && textId !== undefined) emitText('', out);
            break;
          case 'finish': {
            const end = await finishReply(out, mergeUsage(reported, event.usage));
            closeText(out);
            if (end.failure !== undefined) fail(end, out);
            else {
              const finish: Extract<StreamEvent, { type: 'finish' }> = end.usage !== undefined ? { ...event, usage: end.usage } : { ...event };
              if (called) finish.finishReason = { unified: 'tool-calls' };
              const vendor = keeper.vendorWith(vendorOver(heldVendor, event.vendor));
              if (vendor !== undefined) finish.vendor = vendor;
              out.push(finish);
            }
            yield out;
            return undefined;
          }
          case 'error':
            closeText(out);
            out.push(event);
            break;
          case 'usage':
            reported = mergeUsage(reported, event.usage);
            out.push(event);
            break;
          case 'response-start':
            if (event.usage !== undefined) reported = mergeUsage(reported, event.usage);
            out.push(event);
            break;
          default:
            out.push(event);
        }
      }
      if (out.length > 0) yield out;
    }
  } finally {
    await upstream.return?.(undefined);
  }
}
