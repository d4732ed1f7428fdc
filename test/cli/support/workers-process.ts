import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

/** The command of the build this test is part of (test/replicas/support/interlingua-command.ts says why not bin/). */
const command = fileURLToPath(new URL('../../replicas/support/interlingua-command.js', import.meta.url));

/** `interlingua serve --workers N` in a process of its own, for tests that kill its processes one by one. */
export interface WorkersProcess {
  url: string;
  /** The primary's process id. */
  pid: number;
  /** The workers' process ids, from the line the primary prints once all listen. */
  workerPids: number[];
  output(): string;
  signal(name: NodeJS.Signals): void;
  /** Resolves with the primary's exit code once every process that shares its output (the workers too) has ended. */
  closed: Promise<number | null>;
  /** Resolves once `pattern` has matched the output `times` times; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, times?: number, timeoutMs?: number): Promise<void>;
  /** Kills the primary and every worker that is left (for `t.after`). */
  kill(): Promise<void>;
}

export async function startWorkers(directory: string, config: Record<string, unknown>, workers = 2): Promise<WorkersProcess> {
  const configPath = join(directory, 'workers.yaml');
  writeFileSync(configPath, stringify(config));
  const child = spawn(process.execPath, [command, 'serve', '--config', configPath, '--port', '0', '--host', '127.0.0.1', '--workers', String(workers)]);
  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, times = 1, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${times} × ${pattern}; output:\n${output}`));
      }, timeoutMs);
      const check = () => {
        if ((output.match(global) ?? []).length < times) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      waiters.add(check);
      check();
    });
  await Promise.race([waitFor(/workers on one port \(pids [\d, ]+\)/, 1, 120_000), closed.then(() => Promise.reject(new Error(`serve exited early: ${output}`)))]);
  await waitFor(/listening on http:\/\/\S+/);
  const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
  const workerPids = (/workers on one port \(pids ([\d, ]+)\)/.exec(output)?.[1] ?? '').split(', ').map(Number);
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    workerPids,
    output: () => output,
    signal: (name) => child.kill(name),
    closed,
    waitFor,
    async kill() {
      for (const target of [pid, ...workerPids, ...childrenOf(pid)]) {
        try {
          process.kill(target, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await closed;
    },
  };
}

/** A process's children (a replacement worker among them), read from Linux's /proc; none elsewhere, or once it is gone. */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Whether a process is still running: an exited one that its new parent has not yet reaped (a zombie, state Z in /proc) is not. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/PID/stat: "pid (comm) state ...", comm may hold spaces: the state follows the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
