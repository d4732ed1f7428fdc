import { beforeEach } from 'node:test';
import { recordingLogger, type LogLine } from '../../support/recording-logger.js';
import { passThroughSetup, type PassThroughSetup } from './pass-through-setup.js';

/** What a test file works with: passThroughSetup's gateway and upstream, and every line the gateway logged. */
export interface LoggedSetup extends PassThroughSetup {
  readonly lines: LogLine[];
}

/**
 * As passThroughSetup (pass-through-setup.ts), with a logger that keeps its lines, for tests of
 * what an operator reads; the lines are forgotten before each test, as the upstream's replies are.
 */
export function loggedSetup(keyPrefix: string, document: (upstreamBaseUrl: string) => Record<string, unknown>): LoggedSetup {
  const logger = recordingLogger();
  const setup = passThroughSetup(keyPrefix, document, logger);
  beforeEach(() => {
    logger.lines.length = 0;
  });
  // The setup's members are getters that throw before the gateway has started: inherited, not copied.
  return Object.assign(Object.create(setup) as PassThroughSetup, { lines: logger.lines });
}
