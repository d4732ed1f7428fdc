import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../src/config/load.js';
import { createJsonLogger } from '../src/gateway/logger.js';
import { KeyRecords } from '../src/keys/key-records.js';
import { createGateway } from '../src/gateway/server.js';
import { tuneHeapForServing } from '../src/cli/serving-heap.js';
import { runServerChild } from './child-runtime.js';
import { longStreamBaseUrl, longStreamLengths, longStreamModel } from './long-streams.js';

/*
 * The gateway as deployed, its heap tuned as `interlingua serve` tunes it: both providers
 * configured against the bench upstream, one model
 * alias each, no retries (a failure must show as an error, not as a slow success), usage written
 * to an SQLite file as `interlingua serve` keeps one by default, keys required (one key, without
 * limits, which every caller sends: ready message's `callerHeaders`), and the default log, JSON
 * lines to standard error at `info`, one per request (the orchestrator points it at a file). The long streams
 * (long-streams.ts) are one more Anthropic provider and alias per length. Each provider may open
 * as many upstream connections as the streams-at-scale run holds open (the default, 1,024 per
 * provider, would queue the rest: a setting an operator raises for that many concurrent streams).
 */

/** argv[2]: `{"upstreamOrigin": "http://127.0.0.1:port"}`. */
interface GatewayChildOptions {
  upstreamOrigin: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as GatewayChildOptions;
// As `interlingua serve` runs it (src/cli/serving-heap.ts).
tuneHeapForServing();
const maxConnections = 16_384;
const longProviders = Object.fromEntries(
  longStreamLengths.map((events) => [`an-long-${events}`, { dialect: 'anthropic', baseUrl: longStreamBaseUrl(options.upstreamOrigin, events), apiKey: 'sk-ant-bench', defaultMaxTokens: 1024, maxConnections }]),
);
const longModels = Object.fromEntries(longStreamLengths.map((events) => [longStreamModel(events), [{ provider: `an-long-${events}`, model: 'claude-sonnet-4-20250514' }]]));

await runServerChild(async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-bench-gateway-'));
  const config = resolveConfig(
    {
      database: { url: join(directory, 'interlingua.db') },
      providers: {
        oa: { dialect: 'openai-chat', baseUrl: `${options.upstreamOrigin}/v1`, apiKey: 'sk-bench', maxConnections },
        an: { dialect: 'anthropic', baseUrl: options.upstreamOrigin, apiKey: 'sk-ant-bench', defaultMaxTokens: 1024, maxConnections },
        ...longProviders,
      },
      models: {
        'bench-openai': [{ provider: 'oa', model: 'gpt-4o' }],
        'bench-anthropic': [{ provider: 'an', model: 'claude-sonnet-4-20250514' }],
        ...longModels,
      },
      retry: { attempts: 0 },
      auth: { required: true },
    },
    'bench',
  );
  const gateway = createGateway(config, { logger: createJsonLogger(undefined, { level: config.logging.level }) });
  await gateway.openStore();
  const { key } = await new KeyRecords(() => gateway.services.store.get()).create({ name: 'bench' });
  const address = await gateway.listen(0, '127.0.0.1');
  return {
    port: address.port,
    callerHeaders: { authorization: `Bearer ${key}` },
    close: async () => {
      await gateway.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});
