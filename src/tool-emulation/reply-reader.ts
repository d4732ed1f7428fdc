/**
 * Reads a model's reply, whole or as it streams, into text and tool calls. Ordinary text passes
 * on as soon as it cannot be the start of a call; only text that may open one (a format's
 * marker, or a code fence, since models fence their calls) is held back until the call it opens
 * is complete, and then read by the format. Held text that turns out not to be a call passes on
 * as text. A whole reply is read by pushing it in one piece, so the streamed and the whole
 * answer always agree.
 *
 * Whitespace at the edges of the reply, and next to calls with no text on one side, is dropped:
 * a native tool call carries no blank line before it. Texts on both sides of calls keep what
 * separated them (see `emitText`).
 */
import type { ToolDefinition } from '../interlingua/tool.js';
import type { CallMarker, ReadCall, SegmentReading, SegmentScanner, ToolFormat } from './tool-format.js';
import { fence } from './json-text.js';
import { NeedleFinder } from './segment-scanners.js';

export type ReplyPiece = { type: 'text'; text: string } | { type: 'call'; call: ReadCall } | { type: 'invalid'; reason: string; text: string };

const fenceMarker: CallMarker = { text: fence, lineStart: false };

/** A segment opened by a marker: its text so far (in pieces, joined once when it ends) and its scanner. */
interface OpenSegment {
  marker: CallMarker;
  scanner: SegmentScanner;
  held: string[];
  heldLength: number;
}

export class ReplyReader {
  /** Text not yet passed on while no segment is open: at most a possible marker's start. */
  private buffer = '';
  private open: OpenSegment | undefined;
  /** Whether the buffer's first character begins a line. */
  private lineStart = true;
  /** Some text has been passed on; until then, whitespace is dropped (the reply's leading edge). */
  private textGiven = false;
  /** A call came since the last text passed on; `spaceBeforeCall` is what the model wrote before it. */
  private callSinceText = false;
  private spaceBeforeCall = '';
  /** Whitespace after the last text passed on, given only when more text follows. */
  private pendingSpace = '';
  private readonly markers: CallMarker[];
  private readonly longestMarker: number;
  /**
   * Where in the whole reply each marker (by its place in `markers`) is next to be looked for: no
   * occurrence of it starts before. A segment's end puts the rest of the reply back in the buffer,
   * and searching all of it again for each marker made a reply of many segments quadratic (a
   * 400 KB reply held the event loop 3 s); this way each part of the reply is searched once.
   */
  private readonly searchFrom: number[];
  /** Where in the whole reply the buffer's first character is. */
  private bufferStart = 0;
  /** Where in the whole reply the open segment began. */
  private segmentStart = 0;

  constructor(
    private readonly format: ToolFormat,
    private readonly tools: readonly ToolDefinition[],
  ) {
    this.markers = [...format.markers(tools), fenceMarker];
    this.longestMarker = longestLength(this.markers);
    this.searchFrom = this.markers.map(() => 0);
  }

  push(text: string): ReplyPiece[] {
    const pieces: ReplyPiece[] = [];
    this.read(text, false, pieces);
    return pieces;
  }

  end(): ReplyPiece[] {
    const pieces: ReplyPiece[] = [];
    this.read('', true, pieces);
    this.pendingSpace = '';
    return pieces;
  }

  /**
   * Reads the next text. An open segment's scanner sees each piece once and the held pieces are
   * joined once, when the segment ends; the buffer holds only what may begin a marker, so no text
   * is looked at again on the next push.
   */
  private read(text: string, final: boolean, pieces: ReplyPiece[]): void {
    let rest = text;
    for (;;) {
      const open = this.open;
      if (open !== undefined) {
        const end = rest === '' ? undefined : open.scanner.scan(rest);
        if (end === undefined) {
          if (rest !== '') {
            open.held.push(rest);
            open.heldLength += rest.length;
          }
          if (!final) return;
          this.closeSegment(open.held.join(''), pieces);
          rest = '';
          continue;
        }
        const cut = Math.max(end, 1);
        if (cut >= open.heldLength) {
          this.closeSegment(open.held.join('') + rest.slice(0, cut - open.heldLength), pieces);
          rest = rest.slice(cut - open.heldLength);
        } else {
          const all = open.held.join('') + rest;
          this.closeSegment(all.slice(0, cut), pieces);
          rest = all.slice(cut);
        }
        continue;
      }
      this.buffer = this.buffer === '' ? rest : this.buffer + rest;
      rest = '';
      const found = this.findMarker(final);
      if (found.marker !== undefined && found.index <= found.holdFrom) {
        this.emitText(this.buffer.slice(0, found.index), pieces);
        this.consume(found.index);
        this.segmentStart = this.bufferStart;
        const marker = found.marker;
        this.open = { marker, scanner: marker === fenceMarker ? new NeedleFinder(fence, fence.length) : this.format.segmentScanner(marker), held: [], heldLength: 0 };
        rest = this.buffer;
        this.buffer = '';
        continue;
      }
      const upTo = final ? this.buffer.length : found.holdFrom;
      this.emitText(this.buffer.slice(0, upTo), pieces);
      this.consume(upTo);
      return;
    }
  }

  private closeSegment(segment: string, pieces: ReplyPiece[]): void {
    const marker = this.open!.marker;
    this.open = undefined;
    this.bufferStart = this.segmentStart + segment.length;
    this.lineStart = segment.endsWith('\n');
    const reading = marker === fenceMarker ? this.readFence(segment) : this.format.readSegment(segment, marker, this.tools);
    this.emitReading(reading, pieces);
  }

  private consume(count: number): void {
    if (count === 0) return;
    this.lineStart = this.buffer[count - 1] === '\n';
    this.buffer = this.buffer.slice(count);
    this.bufferStart += count;
  }

  private atLineStart(index: number): boolean {
    return index === 0 ? this.lineStart : this.buffer[index - 1] === '\n';
  }

  /** The earliest complete marker, and where text must be held back because a marker may be starting. */
  private findMarker(final: boolean): { marker: CallMarker | undefined; index: number; holdFrom: number } {
    let marker: CallMarker | undefined;
    let index = this.buffer.length;
    for (const [position, candidate] of this.markers.entries()) {
      let at = this.buffer.indexOf(candidate.text, Math.max(0, this.searchFrom[position]! - this.bufferStart));
      while (at !== -1 && candidate.lineStart && !this.atLineStart(at)) at = this.buffer.indexOf(candidate.text, at + 1);
      // Not found: a marker may still start in its last characters, which the next text may complete.
      this.searchFrom[position] = this.bufferStart + (at === -1 ? Math.max(0, this.buffer.length - candidate.text.length + 1) : at);
      if (at !== -1 && at < index) {
        marker = candidate;
        index = at;
      }
    }
    let holdFrom = this.buffer.length;
    if (!final) {
      for (let at = Math.max(0, this.buffer.length - this.longestMarker + 1); at < Math.min(index, this.buffer.length); at++) {
        const rest = this.buffer.slice(at);
        if (this.markers.some((candidate) => candidate.text.startsWith(rest) && (!candidate.lineStart || this.atLineStart(at)))) {
          holdFrom = at;
          break;
        }
      }
    }
    return { marker, index, holdFrom: marker !== undefined && index < holdFrom ? index : holdFrom };
  }

  /** A fenced block is calls when everything in it is calls (models fence their JSON); otherwise it is text. */
  private readFence(segment: string): SegmentReading {
    const newline = segment.indexOf('\n');
    const closing = segment.lastIndexOf(fence);
    const bodyStart = newline === -1 || newline > closing ? fence.length : newline + 1;
    const body = segment.slice(bodyStart, closing >= bodyStart ? closing : segment.length);
    const inner = readWholeReply(body, this.format, this.tools);
    const calls: ReadCall[] = [];
    for (const piece of inner) {
      if (piece.type === 'text') return { kind: 'text', text: segment };
      if (piece.type === 'invalid') return { kind: 'invalid', reason: piece.reason, text: segment };
      calls.push(piece.call);
    }
    return calls.length > 0 ? { kind: 'calls', calls } : { kind: 'text', text: segment };
  }

  private emitReading(reading: SegmentReading, pieces: ReplyPiece[]): void {
    switch (reading.kind) {
      case 'text':
        this.emitText(reading.text, pieces);
        return;
      case 'calls':
        for (const call of reading.calls) pieces.push({ type: 'call', call });
        break;
      case 'invalid':
        pieces.push({ type: 'invalid', reason: reading.reason, text: reading.text });
        break;
      default: {
        const unhandled: never = reading;
        throw new Error(`unhandled reading ${JSON.stringify(unhandled)}`);
      }
    }
    if (this.textGiven && !this.callSinceText) {
      this.callSinceText = true;
      this.spaceBeforeCall = this.pendingSpace;
    }
    this.pendingSpace = '';
  }

  /**
   * Passes text on without the whitespace at the reply's edges; whitespace after text is held
   * until more text follows. Text after a call starts with the whitespace the model wrote after
   * the call, else with what it wrote before the call, else with a newline: the caller's client
   * shows the texts around a call as one message, and "Let me check." must not run into what the
   * model says after the result.
   */
  private emitText(text: string, pieces: ReplyPiece[]): void {
    // Only whitespace: held with the rest, without trimming all the whitespace held so far again
    // (a reply of many labels read to nothing but line ends made that quadratic).
    if (text.trimEnd() === '') {
      this.pendingSpace += text;
      return;
    }
    const joined = this.pendingSpace + text;
    const body = joined.trimEnd();
    this.pendingSpace = joined.slice(body.length);
    let given = body;
    if (!this.textGiven) given = body.trimStart();
    else if (this.callSinceText) {
      const words = body.trimStart();
      const space = body.slice(0, body.length - words.length);
      given = (space === '' ? this.spaceBeforeCall || '\n' : space) + words;
    }
    pieces.push({ type: 'text', text: given });
    this.textGiven = true;
    this.callSinceText = false;
  }
}

/** A whole reply's pieces, adjacent texts joined. */
export function readWholeReply(text: string, format: ToolFormat, tools: readonly ToolDefinition[]): ReplyPiece[] {
  const reader = new ReplyReader(format, tools);
  return joinTexts([...reader.push(text), ...reader.end()]);
}

export function joinTexts(pieces: readonly ReplyPiece[]): ReplyPiece[] {
  const joined: ReplyPiece[] = [];
  for (const piece of pieces) {
    const last = joined[joined.length - 1];
    if (piece.type === 'text' && last?.type === 'text') joined[joined.length - 1] = { type: 'text', text: last.text + piece.text };
    else joined.push(piece);
  }
  return joined;
}

/**
 * The length of the longest marker's text, by a loop: `Math.max(...lengths)` passes every length
 * as an argument, and past about 100,000 (chatglm3 has two markers per tool) that overflows the stack.
 */
function longestLength(markers: readonly CallMarker[]): number {
  let longest = 0;
  for (const marker of markers) if (marker.text.length > longest) longest = marker.text.length;
  return longest;
}
