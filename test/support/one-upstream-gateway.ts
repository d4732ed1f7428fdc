/**
 * A gateway in front of one test upstream, for tests that need nothing more: the upstream is
 * started, the configuration built from its base URL, and both closed together after the tests.
 */
import { after, before, beforeEach } from 'node:test';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream, type TestUpstreamOptions } from './test-upstream.js';

export interface OneUpstreamGateway {
  upstream: TestUpstream;
  /** `http://127.0.0.1:<port>`, once the tests run. */
  url: string;
}

/**
 * Registers the hooks that start and stop both; `configOf` gets the upstream's base URL, and
 * `upstreamOptions` says which vendor's judge it is when its path does not tell.
 */
export function gatewayOverOneUpstream(configOf: (upstreamUrl: string) => Record<string, unknown>, upstreamOptions: TestUpstreamOptions = {}): OneUpstreamGateway {
  const setup: OneUpstreamGateway = { upstream: new TestUpstream(upstreamOptions), url: '' };
  let gateway: Gateway | undefined;
  before(async () => {
    await setup.upstream.start();
    gateway = createGateway(resolveConfig(configOf(setup.upstream.baseUrl)), { logger: silentLogger });
    setup.url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  });
  after(async () => {
    await gateway?.close(0);
    await setup.upstream.stop();
  });
  beforeEach(() => setup.upstream.reset());
  return setup;
}
