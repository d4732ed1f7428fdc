import type { Warning } from '../interlingua/warning.js';
import { groupWarnings, type WarningGroup } from '../core/warning-groups.js';

/** Header that tells the caller what could not be carried across: a JSON array, in plain ASCII. */
export const warningsHeader = 'x-interlingua-warnings';

/**
 * The most the header's value may take. A proxy reads an upstream's headers into a buffer of one
 * memory page by default, 4 KB or 8 KB (nginx `proxy_buffer_size`,
 * https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_buffer_size), and refuses the
 * answer when they do not fit; the gateway's other headers need room too.
 */
export const maxWarningsHeaderBytes = 4096;

/** Where the whole list can be read when the header had to leave some of it out. */
export interface FullWarningsPointer {
  /** The request's `x-request-id`, which every log line written for it carries. */
  requestId?: string;
  /** The console inspector's exchange id, when the console captures exchanges. */
  exchange?: string;
}

/** One entry of the header's JSON array: a warning group, or the closing `warnings.truncated` entry. */
export type WarningsHeaderEntry = WarningGroup & FullWarningsPointer & { omitted?: number };

/**
 * The header's value, or `undefined` when nothing was lost. Equal warnings are grouped first
 * (core/warning-groups.ts); a report that is still larger than `limit` keeps the entries that fit
 * (a long list of tool names is cut short, `count` still telling how many there were) and ends
 * with a `warnings.truncated` entry saying how much is missing and where the full list is.
 */
export function warningsHeaderValue(warnings: readonly Warning[], pointer: FullWarningsPointer = {}, limit = maxWarningsHeaderBytes): string | undefined {
  if (warnings.length === 0) return undefined;
  const groups = groupWarnings(warnings);
  const whole = `[${groups.map(asciiJson).join(',')}]`;
  if (whole.length <= limit) return whole;

  // Room for the closing entry, at its longest: every group left out.
  const reserved = truncationEntry(groups.length, groups.length, true, pointer, limit).length + 1;
  const kept: string[] = [];
  let used = 2;
  let omitted = 0;
  let namesCut = false;
  for (const group of groups) {
    const room = limit - reserved - used - (kept.length > 0 ? 1 : 0);
    const entry = fitting(group, room);
    if (entry === undefined) {
      omitted += 1;
      continue;
    }
    if (entry.namesCut) namesCut = true;
    kept.push(entry.text);
    used += entry.text.length + (kept.length > 1 ? 1 : 0);
  }
  kept.push(truncationEntry(omitted, groups.length, namesCut, pointer, limit));
  return `[${kept.join(',')}]`;
}

/** The group as it fits in `room` characters: whole, or with fewer tool names, or not at all. */
function fitting(group: WarningGroup, room: number): { text: string; namesCut: boolean } | undefined {
  const text = asciiJson(group);
  if (text.length <= room) return { text, namesCut: false };
  const tools = group.tools;
  if (tools === undefined) return undefined;
  const shortened: WarningGroup = { ...group, count: group.count ?? tools.length, tools: [] };
  let shortenedText = asciiJson(shortened);
  if (shortenedText.length > room) return undefined;
  for (const name of tools) {
    const next = asciiJson({ ...shortened, tools: [...(shortened.tools ?? []), name] });
    if (next.length > room) break;
    shortened.tools = [...(shortened.tools ?? []), name];
    shortenedText = next;
  }
  return { text: shortenedText, namesCut: true };
}

function truncationEntry(omitted: number, total: number, namesCut: boolean, pointer: FullWarningsPointer, limit: number): string {
  const missing = [omitted > 0 ? `${omitted} of ${total} warnings` : '', namesCut ? 'some tool names' : ''].filter((part) => part !== '').join(' and ');
  const places = [
    pointer.requestId !== undefined ? `the gateway log (requestId ${pointer.requestId})` : 'the gateway log',
    pointer.exchange !== undefined ? `the console inspector (exchange ${pointer.exchange})` : undefined,
  ].filter((place) => place !== undefined);
  return asciiJson({
    type: 'compatibility',
    feature: 'warnings.truncated',
    message: `This header is capped at ${limit} bytes, so ${missing || 'part of the list'} are not in it; the full list is in ${places.join(' and ')}.`,
    omitted,
    ...(pointer.requestId !== undefined ? { requestId: pointer.requestId } : {}),
    ...(pointer.exchange !== undefined ? { exchange: pointer.exchange } : {}),
  });
}

/**
 * JSON in plain ASCII, so the value is a valid header whatever the messages hold: everything
 * past `~` (and DEL) becomes a `\u` escape, and JSON already escapes CR, LF and the other
 * control characters.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
