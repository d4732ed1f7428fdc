import { resolveConfig } from '../src/config/load.js';
import { silentLogger } from '../src/gateway/logger.js';
import { createGateway } from '../src/gateway/server.js';
import { runServerChild } from './child-runtime.js';

/*
 * The gateway as deployed: both providers configured against the bench upstream, one model
 * alias each, no retries (a failure must show as an error, not as a slow success), silent
 * logging so that the measurement is the request path and not stderr.
 */

/** argv[2]: `{"upstreamOrigin": "http://127.0.0.1:port"}`. */
interface GatewayChildOptions {
  upstreamOrigin: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as GatewayChildOptions;

await runServerChild(async () => {
  const config = resolveConfig(
    {
      providers: {
        oa: { dialect: 'openai-chat', baseUrl: `${options.upstreamOrigin}/v1`, apiKey: 'sk-bench' },
        an: { dialect: 'anthropic', baseUrl: options.upstreamOrigin, apiKey: 'sk-ant-bench', defaultMaxTokens: 1024 },
      },
      models: {
        'bench-openai': [{ provider: 'oa', model: 'gpt-4o' }],
        'bench-anthropic': [{ provider: 'an', model: 'claude-sonnet-4-20250514' }],
      },
      retry: { attempts: 0 },
    },
    'bench',
  );
  const gateway = createGateway(config, { logger: silentLogger });
  const address = await gateway.listen(0, '127.0.0.1');
  return { port: address.port, close: () => gateway.close() };
});
