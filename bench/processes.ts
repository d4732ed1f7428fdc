import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChildReport, OrchestratorCommand, ReadyMessage } from './protocol.js';

/** Every child still running, so that any exit of the orchestrator takes them down with it. */
const running = new Set<ChildProcess>();

/**
 * How long a child may take to start, answer a command, or exit when asked. Starting is given long:
 * the gateway loads its whole module graph first, which takes seconds on a busy shared machine.
 */
const startTimeoutMs = 60_000;
const stopTimeoutMs = 5_000;

export interface StartOptions {
  /** CPUs the child is pinned to (a `taskset` list such as `"1"`), or none. */
  cpus?: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** Start with `nodeFlags` alone, not this process's flags too (a test runner's flags are no child's business). */
  ownNodeFlagsOnly?: boolean;
  /** A file the child's standard error goes to (its log), instead of this process's. */
  stderrFile?: string;
}

/** A forked benchmark child (a compiled file beside this one) that speaks the protocol.ts messages. */
export class BenchChild {
  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
    /** Headers every request to it must carry (ReadyMessage.callerHeaders); none for most children. */
    readonly callerHeaders: Record<string, string> = {},
  ) {}

  /** `file` is relative to this folder, or a URL (a child kept elsewhere, such as a test's). */
  static async start(name: string, file: string | URL, args: string[], options: StartOptions = {}): Promise<BenchChild> {
    const stderr = options.stderrFile === undefined ? 'inherit' : openSync(options.stderrFile, 'a');
    const child = fork(fileURLToPath(typeof file === 'string' ? new URL(file, import.meta.url) : file), args, {
      execArgv: [...(options.ownNodeFlagsOnly === true ? [] : process.execArgv), ...(options.nodeFlags ?? [])],
      stdio: ['ignore', 'inherit', stderr, 'ipc'],
    });
    // The child holds the file open on its own.
    if (typeof stderr === 'number') closeSync(stderr);
    running.add(child);
    child.once('exit', () => running.delete(child));
    // A send to a child that died fails through here (and through `request`), never as a crash.
    child.on('error', () => {});
    const ready = await nextMessage<ReadyMessage>(child, name, 'ready', startTimeoutMs);
    // Pinned once started: threads it creates later inherit the mask of the thread creating them.
    if (options.cpus !== undefined && child.pid !== undefined) {
      execFileSync('taskset', ['-a', '-p', '-c', options.cpus, String(child.pid)], { stdio: 'ignore' });
    }
    return new BenchChild(name, ready.port, child, ready.callerHeaders);
  }

  /** Whether the process is still running (a crash shows here, and in `exitDescription`). */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get exitDescription(): string {
    return `exit code ${this.child.exitCode}, signal ${this.child.signalCode}`;
  }

  /** Sends a command and waits for the reply of type `replyType`. */
  async request<Reply extends ChildReport>(command: OrchestratorCommand, replyType: Reply['type'], timeoutMs: number): Promise<Reply> {
    if (!this.child.connected) throw new Error(`${this.name} is no longer running (exit code ${this.child.exitCode}, signal ${this.child.signalCode})`);
    const reply = nextMessage<Reply>(this.child, this.name, replyType, timeoutMs);
    this.child.send(command);
    return reply;
  }

  /** Sends a signal, as an operator or an orchestrator would (SIGTERM: close gracefully). */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves once the child has exited, however it ended; kills it after `timeoutMs`. */
  async exited(timeoutMs: number): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  /** Asks the child to close and exit; kills it if it has not within `timeoutMs`. */
  async stop(timeoutMs = stopTimeoutMs): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies OrchestratorCommand);
    else this.child.kill('SIGKILL');
    await exited;
    clearTimeout(timer);
  }
}

/** Kills whatever children are left; safe to call from an `exit` handler (synchronous). */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

function nextMessage<Message extends ChildReport>(child: ChildProcess, name: string, type: string, timeoutMs: number): Promise<Message> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: { type?: unknown }) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Message);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`${name} exited (code ${code}, signal ${signal}) while the orchestrator waited for "${type}"`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${name} sent no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Splits this machine's CPUs so that the system under test has a core of its own and the
 * upstream and load generator share the rest (as GUIDE.md's measurements did). Undefined
 * when `taskset` is missing or there is only one CPU: the run goes on unpinned.
 */
export function planCpuPinning(): { sut: string; others: string } | undefined {
  let allowed: number[];
  try {
    const output = execFileSync('taskset', ['-c', '-p', String(process.pid)], { encoding: 'utf8' });
    allowed = parseCpuList(output.slice(output.lastIndexOf(':') + 1).trim());
  } catch {
    return undefined;
  }
  if (allowed.length < 2) return undefined;
  const sut = allowed[allowed.length - 1];
  return { sut: String(sut), others: allowed.slice(0, -1).join(',') };
}

/** `"0-2,5"` → `[0, 1, 2, 5]`. */
function parseCpuList(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || Number.isNaN(from)) return [];
    const last = to ?? from;
    return Array.from({ length: last - from + 1 }, (_, index) => from + index);
  });
}
