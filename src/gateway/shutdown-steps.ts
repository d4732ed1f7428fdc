import type { Logger } from './logger.js';

/** One thing a shutdown closes, by a name its log line gives when it fails. */
export type ShutdownStep = readonly [name: string, close: () => unknown];

/**
 * Runs a shutdown's stages in order, each a step or a group of steps run together, and runs every
 * one of them whatever an earlier one did: a failure is logged and the next stage runs. One
 * `await` chain used to stop at the first rejection, so a plugin queue that could not close
 * while Redis was away left the database, Redis and the HTTP clients open, and the process
 * never exited.
 */
export async function runShutdownSteps(stages: ReadonlyArray<ShutdownStep | readonly ShutdownStep[]>, logger: Logger): Promise<void> {
  for (const stage of stages) {
    const steps: readonly ShutdownStep[] = isGroup(stage) ? stage : [stage];
    const outcomes = await Promise.allSettled(steps.map(async ([, close]) => close()));
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected') logger.error('shutdown step failed; the others still run', { step: steps[index]?.[0], error: String(outcome.reason) });
    });
  }
}

function isGroup(stage: ShutdownStep | readonly ShutdownStep[]): stage is readonly ShutdownStep[] {
  return Array.isArray(stage[0]);
}
