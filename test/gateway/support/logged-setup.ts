import { after, before, beforeEach } from 'node:test';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { queryUsage } from '../../../src/usage/usage-query.js';
import type { UsageRecord } from '../../../src/usage/usage-record.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { recordingLogger, type LogLine } from '../../support/recording-logger.js';

/** What a test file works with: passThroughSetup's gateway and upstream, and every line the gateway logged. */
export interface LoggedSetup {
  readonly lines: LogLine[];
  readonly upstream: TestUpstream;
  readonly gateway: Gateway;
  /** The gateway's origin, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** A new gateway key, named `<prefix>-<n>`, with the limits given. */
  newKey(spec?: { tpm?: number }): Promise<{ key: string; name: string }>;
  /** A key's usage records, once the writer has written what it holds. */
  recordsOf(name: string): Promise<UsageRecord[]>;
}

/**
 * As passThroughSetup (pass-through-setup.ts), with a logger that keeps its lines, for tests of
 * what an operator reads; the lines are forgotten before each test, as the upstream's replies are.
 */
export function loggedSetup(keyPrefix: string, document: (upstreamBaseUrl: string) => Record<string, unknown>): LoggedSetup {
  let upstream: TestUpstream | undefined;
  let gateway: Gateway | undefined;
  let url = '';
  let keys = 0;
  const logger = recordingLogger();
  before(async () => {
    upstream = await new TestUpstream().start();
    gateway = createGateway(resolveConfig(document(upstream.baseUrl)), { logger });
    url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  });
  after(async () => {
    await gateway?.close();
    await upstream?.stop();
  });
  beforeEach(() => {
    upstream?.reset();
    logger.lines.length = 0;
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} has not started: use it inside a test`);
    return value;
  };
  return {
    lines: logger.lines,
    get upstream() {
      return started(upstream, 'the test upstream');
    },
    get gateway() {
      return started(gateway, 'the gateway');
    },
    get url() {
      return url;
    },
    async newKey(spec = {}) {
      const name = `${keyPrefix}-${++keys}`;
      const { key } = await started(gateway, 'the gateway').services.keys.create({ name, ...spec });
      return { key, name };
    },
    async recordsOf(name) {
      const services = started(gateway, 'the gateway').services;
      await services.usage.flush();
      return queryUsage(await services.store.get(), { keyName: name });
    },
  };
}

