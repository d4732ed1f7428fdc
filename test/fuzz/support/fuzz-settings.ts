/**
 * How much the fuzz suite does: a fixed seed and a few cases per route and kind, so a CI run is
 * short and repeatable. `FUZZ_SEED=<n>` replays another run, `FUZZ_RUNS=<n>` widens it,
 * `FUZZ_SHRINK=1` lets fast-check shrink a failure to its smallest case (slower),
 * `FUZZ_MEMORY_ROUNDS=<n>` repeats the memory test's requests more often.
 */
export interface FuzzSettings {
  seed: number;
  runs: number;
  /** Runs of the costly kinds (megabyte bodies, deep JSON). */
  heavyRuns: number;
  shrink: boolean;
  requestTimeoutMs: number;
  /** Rounds of the memory test after its baseline (`FUZZ_MEMORY_ROUNDS`). */
  memoryRounds: number;
}

export function fuzzSettings(environment: NodeJS.ProcessEnv = process.env): FuzzSettings {
  const seed = Number(environment.FUZZ_SEED ?? 20_261_202);
  const runs = Number(environment.FUZZ_RUNS ?? 6);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${environment.FUZZ_SEED}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`FUZZ_RUNS must be a positive integer, not ${environment.FUZZ_RUNS}`);
  return { seed, runs, heavyRuns: Math.max(1, Math.ceil(runs / 3)), shrink: environment.FUZZ_SHRINK === '1', requestTimeoutMs: 20_000, memoryRounds: Number(environment.FUZZ_MEMORY_ROUNDS ?? 2) };
}
