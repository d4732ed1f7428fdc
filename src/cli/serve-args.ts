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

/**
 * Workers allowed per core the process may use. Each worker is a whole gateway (its own heap,
 * database and Redis connections, a share of every key's limits to call in) serving many requests
 * at once on its event loop, so past one per core more of them only compete for the same cores
 * and add memory and start-up time; a few per core leave room for cores shared with other work.
 * Far more was a typo's cost: `--workers 999` had forked 117 gateways eight seconds in, and their
 * channels to the primary broke with EPIPE.
 */
export const workersPerCore = 4;

/**
 * `--workers N` or `auto` (one per core the process may use, Node's `os.availableParallelism()`:
 * https://nodejs.org/api/os.html#osavailableparallelism); 1 when not given. N above
 * `workersPerCore` times that is refused, saying why.
 */
export function workerCount(text: string | undefined, cores = availableParallelism()): number {
  if (text === undefined) return 1;
  if (text === 'auto') return cores;
  const count = Number(text);
  if (text.trim() === '' || !Number.isInteger(count) || count < 1) throw new UsageError(`serve: --workers is a number of processes (1 or more) or auto, not "${text}"`, 'serve');
  const most = workersPerCore * cores;
  if (count > most) {
    throw new UsageError(
      `serve: --workers ${count} is more than ${most} (${workersPerCore} per core, ${cores} ${cores === 1 ? 'core' : 'cores'} here): each worker is a whole gateway, and more than the cores can run only adds memory and start-up time (auto: one per core)`,
      'serve',
    );
  }
  return count;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`serve: --port is a port number from 0 to 65535, not "${text}"`, 'serve');
  return port;
}
