import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger, type Logger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { readFixtureText } from '../../support/fixtures.js';
import { TestImplementation, type ImplementationOptions, type Self } from './test-implementation.js';

export type TransportName = 'forward-ws' | 'reverse-ws' | 'http' | 'webhook' | 'webhook-response';

export const bot: Self = { platform: 'qq', user_id: 'bot-1' };
export const secondBot: Self = { platform: 'tg', user_id: 'bot-2' };
export const token = 'onebot-secret';

/**
 * A vision-capable upstream's recorded streamed answer (Claude describing an image), several
 * sentences long so that sentence streaming has something to cut.
 */
export const visionStream = 'anthropic/fantasy-sonnet4-image-upload-streaming.response.sse';

export interface BridgeSetup {
  gateway: Gateway;
  implementation: TestImplementation;
  upstream: TestUpstream;
  close(): Promise<void>;
}

/** A gateway with one OneBot bot on `transport`, a test implementation connected to it, and a recorded Anthropic upstream. */
export async function startBridge(
  transport: TransportName,
  options: Partial<ImplementationOptions> = {},
  botSettings: Record<string, unknown> = {},
  logger: Logger = silentLogger,
  /** Top-level configuration sections beside the bot's (`images`, say). */
  settings: Record<string, unknown> = {},
): Promise<BridgeSetup> {
  const upstream = await new TestUpstream().start();
  const implementation = new TestImplementation({ bots: [bot, secondBot], accessToken: token, ...options });
  const url =
    transport === 'forward-ws' ? await implementation.serveWebSocket() : transport === 'http' ? await implementation.serveHttp() : transport === 'reverse-ws' ? '/onebot/v12/ws' : '/onebot/v12/webhook';
  const actionUrl = transport === 'webhook' ? { actionUrl: await implementation.serveHttp() } : {};
  const config = resolveConfig({
    providers: { an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 } },
    models: { smart: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }] },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 1 },
    ...settings,
    onebot: {
      bots: [
        {
          transport: transport === 'webhook-response' ? 'webhook' : transport,
          url,
          ...actionUrl,
          accessToken: token,
          model: 'smart',
          prefixes: ['/ask'],
          reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
          pollTimeoutSeconds: 5,
          ...botSettings,
        },
      ],
    },
  });
  const gateway = createGateway(config, { logger });
  const address = await gateway.listen(0, '127.0.0.1');
  if (transport === 'reverse-ws') await implementation.connectReverse(`ws://127.0.0.1:${address.port}/onebot/v12/ws`);
  if (transport === 'webhook' || transport === 'webhook-response') implementation.useWebhook(`http://127.0.0.1:${address.port}/onebot/v12/webhook`);
  if (transport === 'forward-ws') await implementation.waitForConnections(1);
  return {
    gateway,
    implementation,
    upstream,
    async close() {
      await gateway.close(0);
      await implementation.stop();
      await upstream.stop();
    },
  };
}

export function queueVisionAnswer(upstream: TestUpstream, times = 1): void {
  for (let index = 0; index < times; index++) upstream.enqueue({ kind: 'stream', text: readFixtureText(visionStream) });
}

/** Text of a recorded Anthropic stream, as its text deltas add up. */
export function recordedText(path: string): string {
  let text = '';
  for (const line of readFixtureText(path).split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const data = JSON.parse(line.slice(6)) as { delta?: { type?: string; text?: string } };
    if (data.delta?.type === 'text_delta') text += data.delta.text ?? '';
  }
  return text;
}
