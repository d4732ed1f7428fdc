/**
 * A gateway on a PostgreSQL database of its own, in front of one test upstream that answers every
 * request with `reply`, with the admin API on (`adminKey`): registered as the test file's hooks,
 * the database dropped after.
 */
import { after, before } from 'node:test';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { createTestDatabase, type TestDatabase } from './postgres-database.js';

export const adminKey = 'admin-key-for-tests-0123456789';

export interface PostgresGateway {
  /** `http://127.0.0.1:<port>`, once the tests run. */
  url: string;
  gateway: Gateway;
  /** The name of the gateway's database, for a test that acts on its connections. */
  databaseName: string;
}

export function gatewayOverPostgres(reply: UpstreamReply): PostgresGateway {
  const setup = { url: '' } as PostgresGateway;
  let upstream: TestUpstream;
  let database: TestDatabase;
  before(async () => {
    upstream = await new TestUpstream().start();
    upstream.answerUnqueuedWith(() => reply);
    database = await createTestDatabase();
    setup.databaseName = new URL(database.url).pathname.slice(1);
    setup.gateway = createGateway(
      resolveConfig({
        providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
        models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
        retry: { attempts: 0 },
        adminKey,
        database: { url: database.url },
      }),
      { logger: silentLogger },
    );
    await setup.gateway.openStore();
    setup.url = `http://127.0.0.1:${(await setup.gateway.listen(0, '127.0.0.1')).port}`;
  });
  after(async () => {
    await setup.gateway.close(0);
    await upstream.stop();
    await database.drop();
  });
  return setup;
}
