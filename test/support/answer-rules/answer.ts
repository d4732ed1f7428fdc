/**
 * What a caller's client relies on in an answer, written down per dialect: the answer-side twin of
 * the vendor rules (../vendor-rules), which judge what the gateway sends upstream. Each judge reads
 * an answer's bytes as a strict client would (an SDK, Claude Code's or Codex's stream readers) and
 * names every place the answer breaks its dialect's documented shape or event order. Every
 * recorded vendor answer passes them (test/answer-rules), so they hold no rule the vendor breaks.
 */

/** An answer as the caller got it. */
export interface JudgedAnswer {
  /** Whether the caller asked for a stream. */
  stream: boolean;
  status: number;
  contentType: string;
  text: string;
}

export type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;

/** One server-sent event: its `event:` name (if any) and its joined `data:` lines. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Server-sent events as the HTML standard frames them: blank lines end an event; `:` lines are comments. */
export function sseEvents(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  let event: string | undefined;
  let data: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line === '') {
      if (data.length > 0) events.push({ ...(event === undefined ? {} : { event }), data: data.join('\n') });
      event = undefined;
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length > 0) events.push({ ...(event === undefined ? {} : { event }), data: data.join('\n') });
  return events;
}

/** The JSON of a text, or the problem it has. */
export function parsed(text: string, where: string, problems: string[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    problems.push(`${where}: not JSON: ${text.slice(0, 80)}`);
    return undefined;
  }
}

/** Whether a text of tool arguments parses to a JSON object (an empty text counts as none given). */
export function argumentsObject(text: string): boolean {
  if (text === '') return true;
  try {
    return isRecord(JSON.parse(text));
  } catch {
    return false;
  }
}
