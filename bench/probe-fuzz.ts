import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Runs the fuzz suite (test/fuzz, compiled) in a child `node --test` with `FUZZ_RUNS` raised and
 * adds up the `fuzz cases: N, 5xx: M` line each of its tests reports. The suite itself fails on
 * any 5xx; the count says how many there were, and how many cases were sent.
 */

export interface FuzzFigures {
  runs: number;
  cases: number;
  serverErrors: number;
  tests: number;
  failed: number;
  seconds: number;
  command: string;
}

const fuzzFolder = new URL('../test/fuzz/', import.meta.url);
const countsLine = /# fuzz cases: (\d+), 5xx: (\d+)/g;

export async function probeFuzz(runs: number, timeoutMs: number): Promise<FuzzFigures> {
  const files = readdirSync(fuzzFolder)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => fileURLToPath(new URL(name, fuzzFolder)));
  const args = ['--test', '--test-reporter=tap', '--test-concurrency=1', ...files];
  const begin = Date.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, FUZZ_RUNS: String(runs) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
  let cases = 0;
  let serverErrors = 0;
  for (const match of output.matchAll(countsLine)) {
    cases += Number(match[1]);
    serverErrors += Number(match[2]);
  }
  const summary = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? Number.NaN);
  return {
    runs,
    cases,
    serverErrors,
    tests: summary('tests'),
    failed: summary('fail'),
    seconds: (Date.now() - begin) / 1000,
    command: `FUZZ_RUNS=${runs} node ${args.slice(0, 3).join(' ')} build/test/fuzz/*.test.js`,
  };
}
