import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The command as users run it. */
export const bin = fileURLToPath(new URL('../../../../bin/interlingua.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `interlingua ARGS` to the end, with `input` on standard input. */
export function runCli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: options.env ?? process.env, ...(options.cwd !== undefined ? { cwd: options.cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export interface CliLoadReport extends CliResult {
  /** Every module the command loaded (file URLs), in order; `node:` built-ins left out. */
  modules: string[];
  /** User and system CPU time of the whole process, Node's own start-up included. */
  cpuMs: number;
}

/** Runs `interlingua ARGS` as `runCli` does, reporting which modules it loaded and the CPU time it took. */
export async function runCliReportingLoad(args: string[], options: { input?: string; cwd?: string } = {}): Promise<CliLoadReport> {
  const report = fileURLToPath(new URL('./module-report.js', import.meta.url));
  const result = await new Promise<CliResult>((resolve) => {
    const child = spawn(process.execPath, ['--import', report, bin, ...args], options.cwd !== undefined ? { cwd: options.cwd } : {});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
  const lines = result.stderr.split('\n');
  const modules = lines.flatMap((line) => (line.startsWith('[module] ') ? [line.slice('[module] '.length)] : []));
  const cpuMs = Number(lines.find((line) => line.startsWith('[cpu-ms] '))?.slice('[cpu-ms] '.length));
  const stderr = lines.filter((line) => !line.startsWith('[module] ') && !line.startsWith('[cpu-ms] ')).join('\n');
  return { ...result, stderr, modules, cpuMs };
}
