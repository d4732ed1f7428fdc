import { after, before, beforeEach } from 'node:test';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger, type Logger } from '../../../src/gateway/logger.js';
import { queryUsage } from '../../../src/usage/usage-query.js';
import type { UsageRecord } from '../../../src/usage/usage-record.js';
import { TestUpstream } from '../../support/test-upstream.js';

/** What a test file of the same-dialect pass-through works with. */
export interface PassThroughSetup {
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
 * One strict test upstream and one gateway configured by `document` (given the upstream's base
 * URL), started before the file's tests and stopped after them; the upstream forgets what was
 * queued for it before each test.
 */
export function passThroughSetup(keyPrefix: string, document: (upstreamBaseUrl: string) => Record<string, unknown>, logger: Logger = silentLogger): PassThroughSetup {
  let upstream: TestUpstream | undefined;
  let gateway: Gateway | undefined;
  let url = '';
  let keys = 0;
  before(async () => {
    upstream = await new TestUpstream().start();
    gateway = createGateway(resolveConfig(document(upstream.baseUrl)), { logger });
    url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  });
  after(async () => {
    await gateway?.close();
    await upstream?.stop();
  });
  beforeEach(() => upstream?.reset());
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} has not started: use it inside a test`);
    return value;
  };
  return {
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

/** A `fetch` for an SDK that keeps the bytes of every answer as they reached it (one given up on, as far as it came). */
export function recordingFetch(): { fetch: typeof fetch; bodies: Array<Promise<string>> } {
  const bodies: Array<Promise<string>> = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.body === null) return response;
    const [mine, theirs] = response.body.tee();
    bodies.push(new Response(mine).text().catch(() => '(aborted)'));
    return new Response(theirs, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch: recording, bodies };
}
