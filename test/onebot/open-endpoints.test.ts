/**
 * A bot that takes events (reverse-ws, webhook) without an `accessToken` answers whoever reaches
 * its path, posting as any user of any chat: with `auth.required` the configuration refuses it
 * (else a caller without a gateway key could use the bot's model and read a chat's history);
 * without, the gateway starts and says so in its log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { recordingLogger } from '../support/recording-logger.js';

function document(bot: Record<string, unknown>, authRequired: boolean): Record<string, unknown> {
  return {
    providers: { oa: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'upstream-key' } },
    models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
    ...(authRequired ? { auth: { required: true } } : {}),
    onebot: { bots: [{ model: 'chat', ...bot }] },
  };
}

const listening = [
  { transport: 'webhook', url: '/onebot/v12/webhook' },
  { transport: 'reverse-ws', url: '/onebot/v12/ws' },
];
const dialling = [
  { transport: 'forward-ws', url: 'ws://127.0.0.1:6700' },
  { transport: 'http', url: 'http://127.0.0.1:5700' },
];

test('with auth.required, a bot that takes events needs an accessToken', () => {
  for (const bot of listening) {
    for (const token of [{}, { accessToken: '' }]) {
      assert.throws(
        () => resolveConfig(document({ ...bot, ...token }, true)),
        (error: unknown) => error instanceof ConfigError && /onebot\.bots\[0\]\.accessToken: a .* bot takes events .* with auth\.required it needs an accessToken/.test(error.message),
        `${bot.transport} ${JSON.stringify(token)}`,
      );
    }
    assert.equal(resolveConfig(document({ ...bot, accessToken: 'onebot-secret' }, true)).onebot?.bots[0]?.accessToken, 'onebot-secret');
  }
  // The gateway dials these itself: who may send it events is the implementation's to say.
  for (const bot of dialling) assert.equal(resolveConfig(document(bot, true)).onebot?.bots.length, 1, bot.transport);
});

test('without auth.required, a bot that takes events without a token starts, and the log says who can reach it', async () => {
  const logger = recordingLogger();
  const bots = [...listening, { ...listening[0], url: '/onebot/v12/guarded', accessToken: 'onebot-secret' }, ...dialling];
  const config = resolveConfig({ ...document({}, false), onebot: { bots: bots.map((bot) => ({ model: 'chat', ...bot })) } });
  const gateway = createGateway(config, { logger });
  try {
    const open = logger.lines.filter((line) => line.level === 'warn' && /without an accessToken/.test(line.message));
    assert.deepEqual(
      open.map((line) => [line.fields['transport'], line.fields['path']]),
      [
        ['webhook', '/onebot/v12/webhook'],
        ['reverse-ws', '/onebot/v12/ws'],
      ],
    );
  } finally {
    await gateway.close(0);
  }
});
