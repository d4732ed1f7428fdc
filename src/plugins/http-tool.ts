import { request } from 'undici';
import type { HttpPluginConfig } from '../config/plugin-config.js';
import type { PluginTool, ToolOutcome } from './plugin-tool.js';
import { readBoundedBody } from '../wire/bounded-body.js';

/** The most of a tool's answer given to the model; the rest is cut with a note. */
export const maxResultCharacters = 100_000;

/**
 * The most of a tool's answer read: enough for `maxResultCharacters` whatever they are (UTF-8
 * spends at most 4 bytes on one), so the cut the model sees is the same as if the whole body had
 * been read, while an endpoint that answers with gigabytes costs the gateway 400 kB.
 */
export const maxResultBytes = maxResultCharacters * 4;

const placeholder = /\{([A-Za-z0-9_]+)\}/g;

/**
 * A tool behind an HTTP endpoint. `{name}` placeholders in the URL take those arguments; the
 * other arguments go in the query string (GET, DELETE) or as a JSON body (POST, PUT, PATCH).
 * A 4xx/5xx answer is reported to the model as an error with its body, so it can adjust.
 */
export function httpTool(config: HttpPluginConfig): PluginTool {
  return {
    definition: { name: config.name, description: config.description, parameters: config.parameters },
    settings: config,
    async execute(args, signal) {
      const filled = fillUrl(config.url, args);
      if ('problem' in filled) return { text: filled.problem, isError: true };
      const { target, rest } = filled;
      const inQuery = config.method === 'GET' || config.method === 'DELETE';
      if (inQuery) for (const [name, value] of Object.entries(rest)) target.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
      const body = inQuery ? undefined : JSON.stringify(rest);
      const answer = await request(target, {
        method: config.method,
        headers: { accept: 'application/json, text/plain;q=0.9, */*;q=0.5', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...config.headers },
        ...(body !== undefined ? { body } : {}),
        signal,
      });
      // `signal` bounds the whole call, body included (undici destroys the body when it fires), as
      // the runner's `timeoutMs` promises; the deadline is only a backstop for a caller without one.
      const read = await readBoundedBody(answer.body, { maxBytes: maxResultBytes, deadline: Date.now() + config.timeoutMs });
      if (read.end === 'too-slow') {
        signal.throwIfAborted();
        throw new Error(`no whole answer within ${config.timeoutMs} ms`);
      }
      return outcome(answer.statusCode, bodyText(read.bytes, read.end === 'too-large'));
    },
  };
}

/**
 * A path segment the URL parser resolves away: `.` or `..`, where each dot may also be spelled
 * `%2e` or `%2E` (https://url.spec.whatwg.org/#single-dot-path-segment and the double-dot one
 * below it). `encodeURIComponent` leaves `.` alone, so `{"name": ".."}` in `/landmarks/{name}/summary`
 * would otherwise send the plugin's headers to `/summary`.
 */
const dotSegment = /^(?:\.|%2e){1,2}$/i;

/** Whether the placeholder at `offset` is a whole segment of the path (not in the query, not beside other text). */
function fillsPathSegment(template: string, offset: number, length: number, pathEnd: number): boolean {
  if (pathEnd !== -1 && offset >= pathEnd) return false;
  const after = template[offset + length];
  return template[offset - 1] === '/' && (after === undefined || after === '/' || after === '?' || after === '#');
}

/** The URL to call and the arguments left for the query or body, or why the arguments cannot fill it. */
type FilledUrl = { target: URL; rest: Record<string, unknown> } | { problem: string };

function fillUrl(template: string, args: Record<string, unknown>): FilledUrl {
  const rest = { ...args };
  const refused: string[] = [];
  const pathEnd = template.search(/[?#]/);
  const url = template.replace(placeholder, (whole, name: string, offset: number) => {
    if (!(name in args)) return whole;
    delete rest[name];
    const value = args[name];
    const encoded = encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
    if (dotSegment.test(encoded) && fillsPathSegment(template, offset, whole.length, pathEnd)) refused.push(name);
    return encoded;
  });
  if (refused.length > 0) return { problem: `The arguments do not fit the tool's URL: ${refused.join(', ')} must not be "." or "..".` };
  const target = new URL(url);
  if (!staysUnder(template, args, target)) return { problem: "The arguments do not fit the tool's URL: they lead outside its endpoint." };
  return { target, rest };
}

/**
 * Whether the filled URL keeps the template's origin, the path written before its first
 * placeholder, and as many path segments as a harmless filling gives: a second guard against
 * values that, with the template's own text (`/files/.{name}` and an empty name), still make a
 * dot segment the parser removes.
 */
function staysUnder(template: string, args: Record<string, unknown>, target: URL): boolean {
  const first = template.search(placeholder);
  if (first === -1) return true;
  const literal = template.slice(0, first);
  // A placeholder inside the host or port: the configured template chose to let arguments pick it.
  const origin = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(literal);
  if (origin === null || origin[0].length === literal.length) return true;
  const prefix = new URL(literal);
  const harmless = new URL(template.replace(placeholder, (whole, name: string) => (name in args ? 'x' : whole)));
  const segments = (url: URL): number => url.pathname.split('/').length;
  // `/api/.` parses as `/api/`: the part of the literal path the built one must still begin with.
  return prefix.origin === target.origin && target.pathname.startsWith(prefix.pathname) && segments(target) === segments(harmless);
}

/** What was read, as text; `cut` when the body went on past it, so its length is unknown. */
interface BodyText {
  text: string;
  cut: boolean;
}

/**
 * Decoded as undici's `body.text()` did (TextDecoder: a leading BOM dropped, bad bytes replaced).
 * A body cut short is decoded in stream mode, which holds back a character split at the cut:
 * every character counted is whole, and at least one more was not read.
 */
function bodyText(bytes: Buffer, cut: boolean): BodyText {
  return { text: new TextDecoder().decode(bytes, { stream: cut }), cut };
}

function outcome(status: number, { text, cut }: BodyText): ToolOutcome {
  const rest = Math.max(text.length - maxResultCharacters, 0);
  const shown = cut || rest > 0 ? `${text.slice(0, maxResultCharacters)}\n[cut: ${cut ? 'more than ' : ''}${rest} more characters]` : text;
  if (status >= 400) return { text: `HTTP ${status}: ${shown}`, isError: true };
  return { text: shown, isError: false };
}
