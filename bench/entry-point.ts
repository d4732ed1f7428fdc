import { killAllChildren } from './processes.js';

/**
 * Runs a bench program's `main` as a command: children are killed however it ends (exit,
 * Ctrl-C, SIGTERM), the whole run is bounded by `runTimeoutMs` so a stuck phase cannot keep
 * servers listening, and the exit code says whether it succeeded.
 */
export function runEntryPoint(name: string, main: () => Promise<void>, runTimeoutMs: number): void {
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAllChildren();
      process.exit(130);
    });
  }
  setTimeout(() => {
    console.error(`${name}: still running after ${Math.round(runTimeoutMs / 1000)} s; giving up`);
    process.exit(2);
  }, runTimeoutMs).unref();
  main().then(
    () => process.exit(),
    (error: unknown) => {
      console.error(`${name} failed:`, error);
      process.exit(1);
    },
  );
}
