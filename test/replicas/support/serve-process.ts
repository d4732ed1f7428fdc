import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

/** The command of the build this test is part of (interlingua-command.ts says why not bin/). */
const command = fileURLToPath(new URL('./interlingua-command.js', import.meta.url));

/** A gateway started as users start it, `interlingua serve`, in a process of its own. */
export interface ServeProcess {
  url: string;
  /** Sends SIGTERM and resolves with the exit code once the process has drained and exited. */
  terminate(): Promise<number | null>;
  output(): string;
  /** Whether the process is still running. */
  running(): boolean;
  /** Sends a signal (SIGHUP reloads) to the process. */
  signal(name: NodeJS.Signals): void;
}

/** `extraArgs` go after the usual ones (`--workers 2`). */
export async function startServe(directory: string, name: string, config: Record<string, unknown>, extraArgs: string[] = []): Promise<ServeProcess> {
  const configPath = join(directory, `${name}.yaml`);
  writeFileSync(configPath, stringify(config));
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [command, 'serve', '--config', configPath, '--port', '0', '--host', '127.0.0.1', ...extraArgs]);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', look);
    void exited.then(() => reject(new Error(`serve exited early: ${output}`)));
  });
  return {
    url,
    terminate: () => {
      child.kill('SIGTERM');
      return exited;
    },
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    signal: (name) => child.kill(name),
  };
}
