/**
 * A tool format: how tool definitions, earlier calls and their results are written into the
 * prompt of a model without native tool calling, and how the calls it writes back are found in
 * its text. Formats are pure; `reply-reader.ts` drives them over whole or streamed text, so the
 * whole and the streamed answer are read by the same code.
 */
import type { ToolCallPart } from '../interlingua/content.js';
import type { ToolChoice, ToolDefinition } from '../interlingua/tool.js';
import type { ToolFormatName } from '../config/schema.js';

export type { ToolFormatName } from '../config/schema.js';

/** What the caller asked of the calls, written into the instructions as plain rules. */
export interface CallRules {
  choice?: ToolChoice;
  /** False when the caller forbids more than one call per reply. */
  parallel?: boolean;
}

/** A tool result as the prompt shows it: the tool's name and its text. */
export interface ShownResult {
  name: string;
  text: string;
  isError: boolean;
}

/** A call read from the model's text; `arguments` is JSON text of an object. */
export interface ReadCall {
  name: string;
  arguments: string;
}

/**
 * What a held-back stretch of text turned out to be: calls, ordinary text after all, or a call
 * the model meant but wrote wrongly (`reason` says how, for the repair request and the error).
 */
export type SegmentReading =
  | { kind: 'calls'; calls: ReadCall[] }
  | { kind: 'text'; text: string }
  | { kind: 'invalid'; reason: string; text: string };

/**
 * Text that may open a call. `lineStart` markers count only at the start of the reply or of a
 * line, which keeps words like "Action:" in the middle of a sentence from holding text back.
 */
export interface CallMarker {
  text: string;
  lineStart: boolean;
}

/**
 * Where a held segment ends, found as its text arrives: each piece is looked at once, so a long
 * streamed answer costs time in proportion to its length, not its square.
 */
export interface SegmentScanner {
  /** The next piece; answers the segment's length (counted from its first character) once its end has arrived. */
  scan(text: string): number | undefined;
}

export interface ToolFormat {
  name: ToolFormatName;
  /** The system text that lists the tools and says how to call them. */
  instructions(tools: readonly ToolDefinition[], rules: CallRules): string;
  /** An assistant turn's calls, as the model would have written them. */
  renderCalls(calls: readonly ToolCallPart[]): string;
  /** Tool results, as the text of the user turn that brings them back. */
  renderResults(results: readonly ShownResult[]): string;
  /** Stop sequences that keep the model from inventing the results itself (ReAct `Observation:`). */
  stopSequences: readonly string[];
  markers(tools: readonly ToolDefinition[]): CallMarker[];
  /**
   * A fresh scanner for the segment `marker` opens. The reader feeds it the segment's text, the
   * marker first, piece by piece as it streams; at the end of the reply without an end found, the
   * segment is all the text held.
   */
  segmentScanner(marker: CallMarker): SegmentScanner;
  readSegment(segment: string, marker: CallMarker, tools: readonly ToolDefinition[]): SegmentReading;
}
