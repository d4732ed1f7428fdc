/**
 * A gateway in front of test upstreams that stand for the clouds: AWS credentials for SigV4 are
 * set for the tests' duration, and a local Google token endpoint issues the OAuth tokens Vertex
 * takes, through a service-account file. Everything started is stopped after the tests, every
 * server even when an upstream reports requests its judge refused; upstreams are reset before each test.
 */
import { after, before, beforeEach } from 'node:test';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from './test-upstream.js';
import { GoogleTokenServer } from './google-token-server.js';
import { useTestAwsCredentials } from './sigv4.js';

export interface CloudGateway<Name extends string> {
  upstreams: Record<Name, TestUpstream>;
  /** `http://127.0.0.1:<port>`, once the tests run. */
  url: string;
}

/** Registers the hooks; `configOf` gets each upstream's base URL and the service-account file for Vertex. */
export function cloudGateway<Name extends string>(
  names: readonly Name[],
  configOf: (baseUrls: Record<Name, string>, credentialsFile: string) => Record<string, unknown>,
): CloudGateway<Name> {
  const setup: CloudGateway<Name> = { upstreams: Object.fromEntries(names.map((name) => [name, new TestUpstream()])) as Record<Name, TestUpstream>, url: '' };
  const tokenServer = new GoogleTokenServer();
  let restoreAwsEnvironment: () => void = () => undefined;
  let gateway: Gateway | undefined;
  before(async () => {
    restoreAwsEnvironment = useTestAwsCredentials();
    await Promise.all([...Object.values<TestUpstream>(setup.upstreams).map((upstream) => upstream.start()), tokenServer.start()]);
    const baseUrls = Object.fromEntries(names.map((name) => [name, setup.upstreams[name].baseUrl])) as Record<Name, string>;
    gateway = createGateway(resolveConfig(configOf(baseUrls, tokenServer.writeKeyFile())), { logger: silentLogger });
    setup.url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  });
  after(async () => {
    await gateway?.close(0);
    restoreAwsEnvironment();
    const stopped = await Promise.allSettled([...Object.values<TestUpstream>(setup.upstreams).map((upstream) => upstream.stop()), tokenServer.stop()]);
    for (const result of stopped) if (result.status === 'rejected') throw result.reason;
  });
  beforeEach(() => {
    for (const upstream of Object.values<TestUpstream>(setup.upstreams)) upstream.reset();
  });
  return setup;
}
