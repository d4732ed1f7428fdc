import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';

export const dialectNames = ['openai-chat', 'anthropic', 'gemini', 'ollama', 'openai-responses'] as const;
export type DialectName = (typeof dialectNames)[number];

/** The key each test upstream expects, so tests can check the gateway authenticated as the vendor wants. */
export const upstreamKeys: Record<DialectName, string> = {
  'openai-chat': 'sk-test-openai',
  anthropic: 'sk-ant-test',
  gemini: 'gemini-test-key',
  ollama: 'ollama-test-key',
  'openai-responses': 'sk-test-responses',
};

/** The upstream model each alias maps to. */
export const upstreamModels: Record<DialectName, string> = {
  'openai-chat': 'gpt-4o',
  anthropic: 'claude-sonnet-4-20250514',
  gemini: 'gemini-2.5-flash',
  ollama: 'qwen3.5:35b',
  'openai-responses': 'gpt-5',
};

/** The model name a caller asks for to reach the upstream of a dialect. */
export function modelFor(dialect: DialectName): string {
  return `via-${dialect}`;
}

export interface Harness {
  gatewayUrl: string;
  upstreams: Record<DialectName, TestUpstream>;
  gateway: Gateway;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A gateway in front of one recording test upstream per dialect. `via-<dialect>` reaches that
 * upstream; `fallback` tries Anthropic first, then OpenAI.
 */
export async function startHarness(extra: { retryAttempts?: number; timeoutMs?: number } = {}): Promise<Harness> {
  const upstreams = {
    'openai-chat': await new TestUpstream().start(),
    anthropic: await new TestUpstream().start(),
    gemini: await new TestUpstream().start(),
    ollama: await new TestUpstream().start(),
    'openai-responses': await new TestUpstream().start(),
  } satisfies Record<DialectName, TestUpstream>;
  const config = resolveConfig({
    providers: {
      oa: { dialect: 'openai-chat', baseUrl: `${upstreams['openai-chat'].baseUrl}/v1`, apiKey: upstreamKeys['openai-chat'] },
      an: { dialect: 'anthropic', baseUrl: upstreams.anthropic.baseUrl, apiKey: upstreamKeys.anthropic, defaultMaxTokens: 1024 },
      re: { dialect: 'openai-responses', baseUrl: `${upstreams['openai-responses'].baseUrl}/v1`, apiKey: upstreamKeys['openai-responses'] },
      ol: { dialect: 'ollama', baseUrl: upstreams.ollama.baseUrl, apiKey: upstreamKeys.ollama },
      ge: { dialect: 'gemini', baseUrl: upstreams.gemini.baseUrl, apiKey: upstreamKeys.gemini, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) },
    },
    models: {
      [modelFor('openai-chat')]: [{ provider: 'oa', model: upstreamModels['openai-chat'] }],
      [modelFor('anthropic')]: [{ provider: 'an', model: upstreamModels.anthropic }],
      [modelFor('gemini')]: [{ provider: 'ge', model: upstreamModels.gemini }],
      [modelFor('ollama')]: [{ provider: 'ol', model: upstreamModels.ollama }],
      [modelFor('openai-responses')]: [{ provider: 're', model: upstreamModels['openai-responses'] }],
      fallback: [
        { provider: 'an', model: upstreamModels.anthropic },
        { provider: 'oa', model: upstreamModels['openai-chat'] },
      ],
    },
    retry: { attempts: extra.retryAttempts ?? 1, initialDelayMs: 1, maxDelayMs: 2000 },
    // Tests fail deployments on purpose, many times over; each expects the listed order.
    routing: { cooldown: false },
    images: { allowPrivateNetworks: true },
  });
  const gateway = createGateway(config, { logger: silentLogger });
  const address = await gateway.listen(0, '127.0.0.1');
  return {
    gatewayUrl: `http://127.0.0.1:${address.port}`,
    upstreams,
    gateway,
    reset() {
      for (const upstream of Object.values(upstreams)) upstream.reset();
    },
    async close() {
      await gateway.close();
      await Promise.all(Object.values(upstreams).map((upstream) => upstream.stop()));
    },
  };
}
