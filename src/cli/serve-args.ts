import { availableParallelism } from 'node:os';
import { parseCommandArgs, UsageError, type OptionSpec } from './command-args.js';

/** `serve`'s options, checked: a mistake is said before the gateway (seconds of loading) is loaded. */
export interface ServeOptions {
  config?: string;
  /** From `--port`; the configuration's `server.port` when undefined. */
  port?: number;
  host?: string;
  logFormat: 'text' | 'json';
  /** Processes sharing the port; 1 unless `--workers N` or `auto` (one per core). */
  workers: number;
}

/** What `serve` takes; its help (help-texts.ts) describes each. */
export const serveOptions = {
  config: { type: 'string', short: 'c' },
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'log-format': { type: 'string' },
  workers: { type: 'string', short: 'w' },
} as const satisfies OptionSpec;

/** `interlingua serve [options]` read into `ServeOptions`, or a UsageError that says what is wrong. */
export function parseServeArgs(args: string[], stderrIsTerminal = process.stderr.isTTY === true): ServeOptions {
  const { values } = parseCommandArgs('serve', args, serveOptions);
  return {
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.port !== undefined ? { port: parsePort(values.port) } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    logFormat: parseLogFormat(values['log-format'], stderrIsTerminal),
    workers: workerCount(values.workers),
  };
}

/** Text lines in a terminal, JSON lines otherwise (log collectors read those), unless `--log-format` says. */
function parseLogFormat(format: string | undefined, stderrIsTerminal: boolean): 'text' | 'json' {
  if (format === undefined) return stderrIsTerminal ? 'text' : 'json';
  if (format !== 'text' && format !== 'json') throw new UsageError(`serve: --log-format is text or json, not "${format}"`, 'serve');
  return format;
}

/** `--workers N` or `auto` (one per core the process may use); 1 when not given. */
function workerCount(text: string | undefined): number {
  if (text === undefined) return 1;
  if (text === 'auto') return availableParallelism();
  const count = Number(text);
  if (text.trim() === '' || !Number.isInteger(count) || count < 1) throw new UsageError(`serve: --workers is a number of processes (1 or more) or auto, not "${text}"`, 'serve');
  return count;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`serve: --port is a port number from 0 to 65535, not "${text}"`, 'serve');
  return port;
}
