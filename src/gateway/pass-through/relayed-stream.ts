import { StringDecoder } from 'node:string_decoder';
import type { StreamDecoder, StreamFrame } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { UpstreamResponse } from '../upstream-client.js';
import { isAbort } from '../upstream-client.js';
import { interrupted } from '../upstream-events.js';
import type { PassThroughTap } from './dialect-taps.js';
import { sseRelayFraming, type RelayFraming } from './relay-framing.js';
import type { FrameEnds } from './frame-ends.js';
import { collectOutputText, type OutputSoFar } from '../../core/output-text.js';
import { frameTooLong, maxFrameBytes, sizeText } from '../../wire/size-limits.js';
import { afterFinishGraceMs, drainAfterFinish } from '../after-finish.js';
import { notAnEventStream } from '../stream-content-type.js';
import { beforeDeadline, noFirstEvent } from '../first-event-deadline.js';

/**
 * One step of a relayed stream: the upstream's bytes to forward as they are, the events the tap
 * read from them (usage, finish, an upstream error frame, the first content), and a failure the
 * gateway found itself (a cut, a broken connection, a frame that is not JSON), which the upstream's
 * bytes do not say and the caller must be told in-band.
 */
export interface RelayPiece {
  bytes?: Buffer;
  events: StreamEvent[];
  failure?: InterlinguaError;
}

const ignore = (): void => {};

const endsWithCarriageReturn = (bytes: Buffer | undefined): boolean => bytes !== undefined && bytes.length > 0 && bytes[bytes.length - 1] === 13;

/** Characters of frame data kept for reading the content back (`RelayedStream.outputSoFar`): a long answer's worth. */
const keptFramesLimit = 4 * 1024 * 1024;

/**
 * An upstream stream (SSE or NDJSON, as the dialect frames it) in the caller's own dialect,
 * forwarded chunk by chunk without re-framing while a light tap reads it: every frame is split out
 * (cheap), but only the frames that may carry usage, a finish or an error — and the first ones,
 * until content shows, for time to first token — go through the dialect's own decoder. So the end
 * is judged exactly as the parsing path judges it: no finish before the upstream ends is
 * `stream_interrupted`, never a clean end. Where every frame restates the usage so far (Gemini),
 * only the latest such frame is kept, and decoded before the next frame that matters, at the end,
 * or when the caller leaves (`settle`).
 *
 * The relay forwards whole frames only: each chunk up to its last frame end goes out as it came,
 * and the start of a frame that has not ended waits for the rest. A frame cut in half by a broken
 * stream is so never forwarded: the caller's parser would take it, closed by the in-band error's
 * blank line, for a whole event with broken JSON, and never read the error. When the caller is owed
 * less than the upstream was asked for (`withheld`, from PassThroughTap.withholds), each frame is
 * cut out on its own, and a decoded frame the test holds back is left out while its usage is still
 * read.
 *
 * The stream ends for the caller at the dialect's terminal event: the frame the decoder finishes
 * or fails at, or, for a dialect whose stream goes on past its finish (OpenAI's `[DONE]`,
 * PassThroughTap.endsAfterFinish), that frame, waited for briefly. Once the answer is complete,
 * neither an upstream that stays silent without closing nor a timeout or a cut after it is a
 * failure: the rest of the body is read in the background, briefly, and let go (after-finish.ts).
 *
 * What the relay holds is bounded by `maxFrameBytes` (wire/size-limits.ts): the bytes read before
 * the first event (frames that give none, such as `: keep-alive` comments, are held while the first
 * frame is judged), the bytes of a frame that has not ended, and, in the parser, a line that has not
 * ended. Past the bound the stream fails as an upstream error: before the first event, thrown from
 * `open` so the engine may try the next deployment; after it, in-band. The first event is bounded
 * in time too: it must come by the response's deadline (first-event-deadline.ts), else `open` throws
 * a retryable `upstream_timeout` and the body is let go.
 */
export class RelayedStream {
  private readonly text = new StringDecoder('utf8');
  private readonly parser: ReturnType<RelayFraming['createParser']>;
  private readonly body: UpstreamResponse['body'];
  private readonly upstream: UpstreamResponse;
  /** The start of the body, kept until a frame comes, to tell a body that was no stream (stream-content-type.ts). */
  private startText = '';
  private readonly chunks: AsyncIterator<Buffer>;
  /** Pieces read while opening, handed out first. */
  private readonly opening: RelayPiece[] = [];
  private contentSeen = false;
  /** The decoder gave a `finish` or an `error`: nothing more is decoded. */
  private closed = false;
  /** The stream's terminal frame came (or its finish, and the grace for it passed): the piece being made is the last. */
  private over = false;
  /** When an upstream whose stream goes on past its finish must have ended it (PassThroughTap.endsAfterFinish). */
  private graceEndsAt = 0;
  /** The body has been let go of: drained after a finish, or destroyed. */
  private released = false;
  private finished = false;
  private broken: InterlinguaError | undefined;
  /** A frame the decoder refused, to report with the piece it came in. */
  private failure: InterlinguaError | undefined;
  /** The latest frame kept only for the usage it restates (PassThroughTap.restatesUsage), not decoded yet. */
  private held: StreamFrame | undefined;
  /** The last bytes forwarded ended a frame, so an in-band error can follow as its own. */
  private atEventBoundary = true;
  /** A failure was handed out: nothing more is read. */
  private stopped = false;
  private ended = false;
  /** Where frames end in the bytes. */
  private readonly frameEnds: FrameEnds;
  /** The bytes of a frame that has not ended yet, waiting to be judged whole. */
  private unfinished: Buffer[] = [];
  private unfinishedLength = 0;
  /** The last frame that ended was held back: bytes that still belong to it are too. */
  private lastFrameWithheld = false;
  private onEnd: ((finished: boolean, broken: InterlinguaError | undefined) => void) | undefined;
  /** The last frame read before the finish, which an in-band error continues (StreamEncoder.continueAfter). */
  private last: StreamFrame | undefined;
  /**
   * Every frame read before the finish, up to `keptFramesLimit` characters of data: the content of a
   * stream whose usage never comes (the caller left, the stream broke) is read from them afterwards
   * (`outputSoFar`). They are the strings the parser made already; keeping them copies nothing.
   */
  private readonly kept: StreamFrame[] = [];
  private keptLength = 0;
  /** Characters of data in frames read after `kept` was full. */
  private unkeptLength = 0;

  constructor(
    upstream: UpstreamResponse,
    private readonly decoder: StreamDecoder,
    private readonly tap: PassThroughTap,
    /** The provider's name, told to the caller, and the URL, for the logs. */
    private readonly source: { provider: string; url: string },
    private readonly framing: RelayFraming = sseRelayFraming,
    /** Whether a decoded frame is held back from the caller; undefined when every frame is forwarded. */
    private readonly withheld?: (data: string) => boolean,
  ) {
    this.parser = framing.createParser();
    this.frameEnds = framing.createFrameEnds();
    this.upstream = upstream;
    this.body = upstream.body;
    this.chunks = (upstream.body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /**
   * Reads until the upstream's first frame has been judged. An error there (an error frame, a
   * stream that ends or breaks before any frame) is thrown, so the engine can try the next
   * deployment as it does for a parsed stream; nothing has reached the caller yet. So is a first
   * event that does not come by the response's deadline (first-event-deadline.ts): bytes that
   * give none (`: keep-alive` comments) are bounded in number here, and in time by it. Once: a
   * transport that judged the first frame itself (encrypted-reasoning-refusal.ts) leaves the
   * engine's call with nothing more to read.
   */
  open(): Promise<void> {
    this.opened ??= this.openOnce();
    return this.opened;
  }

  private opened: Promise<void> | undefined;

  private async openOnce(): Promise<void> {
    let held = 0;
    for (;;) {
      const piece = await this.read(this.upstream.deadline);
      if (piece === undefined) break;
      this.opening.push(piece);
      const head = piece.events[0];
      let failure = piece.failure ?? (head?.type === 'error' ? head.error : undefined);
      if (failure === undefined && piece.events.length === 0) {
        held += piece.bytes?.length ?? 0;
        if (held + this.unfinishedLength > maxFrameBytes) failure = this.withFailure(piece, this.nothingYet()).failure;
      }
      if (failure !== undefined) {
        await this.close();
        // A body that gave no frame at all, in SSE, is told by what it was (stream-content-type.ts); an error frame the upstream sent stands.
        const noFrame = this.framing === sseRelayFraming && this.last === undefined && failure.code === 'stream_interrupted';
        throw noFrame ? notAnEventStream(failure, this.upstream, this.source.provider, this.startText) : failure;
      }
      if (piece.events.length > 0) return;
    }
  }

  /** The upstream sent more than a frame's worth of bytes and still no event: asked again, it would send them again (as size-limits.ts's frameTooLong). */
  private nothingYet(): InterlinguaError {
    return new InterlinguaError('upstream_error', `${this.source.provider} sent over ${sizeText(maxFrameBytes)} of its stream without an event.`, { retryable: false });
  }

  /** Called once when the relay is over: whether it finished, and how it broke if it did. */
  whenEnded(listener: (finished: boolean, broken: InterlinguaError | undefined) => void): void {
    if (this.ended) listener(this.finished, this.broken);
    else this.onEnd = listener;
  }

  /** The rest of the stream, from what `open` read on. */
  async *pieces(): AsyncGenerator<RelayPiece, undefined> {
    try {
      for (let piece = this.opening.shift(); piece !== undefined; piece = this.opening.shift()) yield piece;
      for (let piece = await this.read(); piece !== undefined; piece = await this.read()) yield piece;
    } finally {
      await this.close();
    }
    return undefined;
  }

  /** Whether the bytes forwarded so far end between events (an in-band error then needs no separator). */
  get endsBetweenEvents(): boolean {
    return this.atEventBoundary;
  }

  /** The last frame read before the finish: what an in-band error written after the upstream's bytes follows. */
  get lastFrame(): StreamFrame | undefined {
    return this.last;
  }

  /** What to write before an in-band error so that it stands as a frame of its own. */
  get separatorBeforeError(): string {
    return this.atEventBoundary ? '' : this.framing.closer;
  }

  /**
   * Once the relay is over: the events of the frame held for its usage, so a stream the caller left
   * (or that ended without `pieces` reaching its end) still reports the usage the upstream sent.
   */
  settle(): StreamEvent[] {
    const events: StreamEvent[] = [];
    this.decodeHeld(events);
    return events;
  }

  /**
   * Stops reading the upstream (the caller left, or the stream is over) and reports how it ended,
   * once. A finished stream's body is read to its end in the background, briefly, so that its
   * connection stays in the pool.
   */
  async close(): Promise<void> {
    if (!this.released) {
      this.released = true;
      if (this.finished) drainAfterFinish(this.body, this.chunks);
      else {
        // undici's body emits RequestAbortedError when destroyed before its end: keep a listener.
        this.body.on('error', ignore);
        if (!this.body.destroyed && !this.body.readableEnded) this.body.destroy();
      }
    }
    if (this.ended) return;
    this.ended = true;
    this.onEnd?.(this.finished, this.broken);
  }

  /**
   * The next chunk and what the tap read from it; at the upstream's end, the decoder's verdict.
   * With `firstEventBy` (while opening), a chunk that does not come by then fails the stream.
   */
  private async read(firstEventBy?: number): Promise<RelayPiece | undefined> {
    if (this.ended || this.stopped) return undefined;
    let next: IteratorResult<Buffer> | undefined;
    try {
      // After the finish, the next chunk only if it comes within the grace; the read left waiting
      // is the one the background drain goes on with (close).
      if (this.finished) next = await beforeDeadline(this.chunks.next(), this.graceEndsAt);
      else if (firstEventBy === undefined) next = await this.chunks.next();
      else {
        next = await beforeDeadline(this.chunks.next(), firstEventBy);
        if (next === undefined) return this.withFailure({ events: [] }, noFirstEvent(this.source));
      }
    } catch (caught) {
      // After the finish, a timeout or a cut takes nothing from the answer.
      if (isAbort(caught) || this.finished) return this.endQuietly();
      const events: StreamEvent[] = [];
      this.decodeHeld(events);
      this.note(events);
      return this.withFailure({ events }, interrupted(caught, this.source));
    }
    // The grace for the stream's terminal frame passed: the answer was complete at its finish.
    if (next === undefined) return this.endQuietly();
    if (next.done === true) {
      if (this.closed) {
        // What came after the finish without its closing line end (`data: [DONE]` and the end).
        const tail = this.finished ? this.takeUnfinished() : Buffer.alloc(0);
        this.stopped = true;
        this.atEventBoundary = tail.length === 0 || this.framing.endsAFrame(tail);
        return tail.length === 0 ? this.endQuietly() : { bytes: tail, events: [] };
      }
      const events: StreamEvent[] = [];
      this.decodeHeld(events);
      // A last frame without its closing line end still counts, and is judged like any other.
      const tail = this.takeUnfinished();
      const tailWithheld = this.decodeAll([...this.frames(this.text.write(tail) + this.text.end()), ...this.lastFrames()], events);
      // A last frame the decoder refuses is one the upstream's end cut in half: the stream stopped
      // short, and the decoder's verdict on it says how.
      const cutShort = tail.length > 0 && this.failure !== undefined;
      if (cutShort) {
        this.failure = undefined;
        this.closed = false;
      }
      // The decoder's verdict on a stream that stopped short (`stream_interrupted`) is the gateway's finding, not the upstream's bytes.
      const verdict = this.closed ? [] : this.decoder.end();
      this.closed = true;
      this.stopped = true;
      const error = verdict.find((event) => event.type === 'error');
      const piece: RelayPiece = { events: [...events, ...verdict.filter((event) => event !== error)] };
      // A last frame without its line end goes out only on a clean end: in a broken stream it is
      // likely a frame cut in half, and the caller gets the in-band error alone.
      if (tail.length > 0 && !cutShort && !tailWithheld && error === undefined && this.failure === undefined) {
        piece.bytes = tail;
        this.atEventBoundary = this.framing.endsAFrame(tail);
      }
      this.note(piece.events);
      if (error?.type === 'error') return this.withFailure(piece, error.error);
      if (this.failure !== undefined) return this.withFailure(piece, this.failure);
      return piece.events.length === 0 && piece.bytes === undefined ? this.endQuietly() : piece;
    }
    const bytes = next.value;
    if (this.last === undefined && this.startText.length < 256) this.startText += bytes.subarray(0, 256).toString('utf8');
    // A body may yield an empty chunk: it tells nothing, not even that a `\r` ending the terminal
    // frame has no `\n` after it.
    if (bytes.length === 0) return { events: [] };
    const piece = this.withheld === undefined ? this.relayFramesSoFar(bytes) : this.relayWholeFrames(bytes);
    this.note(piece.events);
    if (this.failure !== undefined) return this.withFailure(piece, this.failure);
    // The terminal frame went out with this piece: nothing more is read for the caller, but the `\n`
    // of a `\r\n` that ended it, should the chunk have ended between the two.
    if (this.over && !(this.finished && endsWithCarriageReturn(piece.bytes))) this.stopped = true;
    else if (this.finished && this.graceEndsAt === 0) this.graceEndsAt = Date.now() + afterFinishGraceMs;
    return piece;
  }

  /**
   * A chunk cut at its last frame end: the frames that end in it (with the start of the first,
   * should it have begun in an earlier chunk) go out at once, in one write, and are read; the start
   * of a frame that does not end yet waits for the rest.
   */
  private relayFramesSoFar(bytes: Buffer): RelayPiece {
    const end = this.frameEnds.lastEnd(bytes);
    const events: StreamEvent[] = [];
    let out: Buffer | undefined;
    if (end > 0) {
      const whole = end === bytes.length ? bytes : bytes.subarray(0, end);
      out = this.unfinished.length === 0 ? whole : Buffer.concat([...this.takeUnfinishedParts(), whole]);
      this.decodeAll(this.frames(this.text.write(out)), events);
    }
    if (end < bytes.length) this.holdUnfinished(bytes.subarray(end));
    return out === undefined ? { events } : { bytes: out, events };
  }

  /**
   * A chunk cut at its frame ends: each frame that ends in it is decoded whole and forwarded unless
   * it is held back; the start of a frame that does not end yet waits for the rest.
   */
  private relayWholeFrames(bytes: Buffer): RelayPiece {
    const { carried, ends } = this.frameEnds.find(bytes);
    const forwarded: Buffer[] = [];
    const events: StreamEvent[] = [];
    if (carried > 0) {
      this.frames(this.text.write(bytes.subarray(0, carried)));
      if (!this.lastFrameWithheld) forwarded.push(bytes.subarray(0, carried));
    }
    let start = carried;
    for (const end of ends) {
      const part = bytes.subarray(start, end);
      start = end;
      const frame = this.unfinished.length === 0 ? part : Buffer.concat([...this.takeUnfinishedParts(), part]);
      this.lastFrameWithheld = this.decodeAll(this.frames(this.text.write(frame)), events);
      if (!this.lastFrameWithheld) forwarded.push(frame);
    }
    if (start < bytes.length) this.holdUnfinished(bytes.subarray(start));
    const out = forwarded.length === 1 ? forwarded[0] : forwarded.length === 0 ? undefined : Buffer.concat(forwarded);
    return out === undefined || out.length === 0 ? { events } : { bytes: out, events };
  }

  /** The start of a frame that has not ended. One that never ends is not held on: its bytes so far are dropped, as a cut frame's are. */
  private holdUnfinished(rest: Buffer): void {
    this.unfinished.push(rest);
    this.unfinishedLength += rest.length;
    if (this.unfinishedLength > maxFrameBytes) {
      this.takeUnfinishedParts();
      this.refuse(frameTooLong('event', maxFrameBytes));
    }
  }

  private takeUnfinishedParts(): Buffer[] {
    const parts = this.unfinished;
    this.unfinished = [];
    this.unfinishedLength = 0;
    return parts;
  }

  /** The frames the parser finds in this text; one it refuses (too long) fails the stream. */
  private frames(text: string): StreamFrame[] {
    try {
      return this.parser.push(text);
    } catch (caught) {
      this.refuse(caught);
      return [];
    }
  }

  /** The frame the parser still holds at the upstream's end. */
  private lastFrames(): StreamFrame[] {
    try {
      return this.parser.end();
    } catch (caught) {
      this.refuse(caught);
      return [];
    }
  }

  /** A failure of the stream itself: nothing more is decoded, and the caller is told with this piece. */
  private refuse(caught: unknown): void {
    this.closed = true;
    this.failure ??= caught instanceof InterlinguaError ? caught : new InterlinguaError('upstream_error', 'The upstream stream sent a frame that could not be read.', { cause: caught });
  }

  private takeUnfinished(): Buffer {
    const parts = this.takeUnfinishedParts();
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Decodes what matters of these frames into `events`; whether a decoded one is held back from the caller. */
  private decodeAll(frames: StreamFrame[], events: StreamEvent[]): boolean {
    let withheld = false;
    for (const frame of frames) {
      if (this.closed) {
        // After the finish only the frame that ends the stream is looked for (OpenAI's `[DONE]`).
        if (this.finished && this.tap.endsAfterFinish?.(frame.data) === true) this.over = true;
        continue;
      }
      this.last = frame;
      this.keep(frame);
      if (this.contentSeen && !this.tap.matters(frame.data, frame.event)) {
        // A later frame restating the usage supersedes this one; the last is decoded before whatever comes next that matters.
        if (this.tap.restatesUsage?.(frame.data) === true) this.held = frame;
        continue;
      }
      this.decodeHeld(events);
      if (this.decode(frame, events) && this.withheld?.(frame.data) === true) withheld = true;
    }
    return withheld;
  }

  private keep(frame: StreamFrame): void {
    if (this.keptLength >= keptFramesLimit) {
      this.unkeptLength += frame.data.length;
      return;
    }
    this.kept.push(frame);
    this.keptLength += frame.data.length;
  }

  /**
   * The text the upstream wrote so far (text, reasoning, tool names and arguments), read by a fresh
   * decoder of the same dialect from the frames kept; frames past the bound are taken to hold as
   * much text for their length as the kept ones. For a stream that ended without its usage, whose
   * tokens are then estimated.
   */
  outputSoFar(decoder: StreamDecoder): OutputSoFar {
    const texts: string[] = [];
    for (const frame of this.kept) {
      try {
        for (const event of decoder.push(frame)) collectOutputText(event, texts);
      } catch {
        break;
      }
    }
    return { texts, scale: this.keptLength === 0 ? 1 : (this.keptLength + this.unkeptLength) / this.keptLength };
  }

  private decodeHeld(events: StreamEvent[]): void {
    const held = this.held;
    this.held = undefined;
    if (held !== undefined) this.decode(held, events);
  }

  /** Whether the decoder read the frame. */
  private decode(frame: StreamFrame, events: StreamEvent[]): boolean {
    if (this.closed) return false;
    let decoded: StreamEvent[];
    try {
      decoded = this.decoder.push(frame);
    } catch (caught) {
      // A frame the decoder refuses (not JSON, not the dialect's shape) breaks the stream, as on the parsing path.
      this.refuse(caught);
      return false;
    }
    for (const event of decoded) {
      events.push(event);
      if (event.type === 'text-delta' || event.type === 'reasoning-delta' || event.type === 'tool-call-start') this.contentSeen = true;
      if (event.type === 'finish' || event.type === 'error') {
        this.closed = true;
        // An error ends every dialect's stream; a finish ends it unless a terminal frame follows.
        this.over = event.type === 'error' || this.tap.endsAfterFinish === undefined;
        if (event.type === 'finish') this.finished = true;
      }
    }
    return true;
  }

  private note(events: StreamEvent[]): void {
    for (const event of events) {
      if (event.type === 'finish') this.finished = true;
      else if (event.type === 'error') this.broken = event.error;
    }
  }

  /** Ends the relay with a failure the caller is told in-band; the failure is handed out once. */
  private withFailure(piece: RelayPiece, failure: InterlinguaError): RelayPiece {
    this.closed = true;
    this.broken = failure;
    this.failure = undefined;
    this.stopped = true;
    return { ...piece, failure };
  }

  private endQuietly(): undefined {
    void this.close();
    return undefined;
  }
}
