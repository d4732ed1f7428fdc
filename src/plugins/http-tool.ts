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
      const { url, rest } = fillUrl(config.url, args);
      const inQuery = config.method === 'GET' || config.method === 'DELETE';
      const target = new URL(url);
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

function fillUrl(template: string, args: Record<string, unknown>): { url: string; rest: Record<string, unknown> } {
  const rest = { ...args };
  const url = template.replace(placeholder, (whole, name: string) => {
    if (!(name in args)) return whole;
    delete rest[name];
    const value = args[name];
    return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
  });
  return { url, rest };
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
