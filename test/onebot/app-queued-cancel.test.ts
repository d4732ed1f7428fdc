/**
 * A bot application as a model takes one turn at a time per caller (its replies name only the
 * user they go to), so a caller's second request waits for the first answer to end. A caller who
 * leaves while waiting must not have its message delivered later, to a bot that would then answer
 * nobody and remember a question nobody asked; and the turns behind it keep their order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { Cancellation } from '../../src/gateway/cancellation.js';
import type { DeploymentCall } from '../../src/gateway/deployment-transport.js';
import { OnebotAppTransport } from '../../src/onebot/bot-as-model/onebot-app-transport.js';
import { TestApplication } from './support/test-application.js';
import { within } from '../support/within.js';

test('a caller who leaves while its turn is queued is never delivered to the bot application', { timeout: 20_000 }, async () => {
  const application = new TestApplication('app-token');
  const url = await application.start();
  application.script = (said) => [`Noted: ${said}.`];
  // quietMs far beyond the test: only the first caller leaving ends its answer.
  const config = resolveConfig({
    providers: { bots: { dialect: 'onebot', baseUrl: url, apiKey: 'app-token', timeoutMs: 10_000, onebot: { quietMs: 60_000, platform: 'interlingua' } } },
    models: { echo: [{ provider: 'bots', model: 'echo-bot' }] },
  });
  const provider = config.providers.get('bots');
  assert.ok(provider);
  const transport = new OnebotAppTransport({ logger: silentLogger, maxMessageBytes: 1024 * 1024 });
  const call = (said: string): DeploymentCall => ({
    request: { model: 'echo', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: said }] }], sampling: {}, stream: true, user: 'alice' },
    deployment: { name: 'bots/echo-bot', provider, model: 'echo-bot' },
    cancellation: new Cancellation(),
    imageCache: new Map(),
  });
  const said = () => application.events.filter((event) => event.type === 'message').map((event) => (event.message as Array<{ data: { text?: string } }>)[0]?.data.text);
  const first = call('first');
  const second = call('second');
  const third = call('third');
  try {
    await transport.stream(first);
    const queued = transport.stream(second).then(
      () => 'delivered',
      (error: unknown) => String(error),
    );
    second.cancellation.abort();
    // Given up at once, while the first answer still runs, not when its turn would have come.
    assert.match(await within(queued, 5_000, 'the queued request ending when its caller left'), /caller went away/);
    // The first answer ends (its caller leaves too); the third caller is next, and the only one delivered.
    first.cancellation.abort();
    await transport.stream(third);
    await within(
      application.waitForEvent((event) => event.type === 'message' && said().includes('third')),
      5_000,
      'the third message reaching the bot',
    );
    assert.deepEqual(said(), ['first', 'third']);
  } finally {
    for (const each of [first, second, third]) each.cancellation.abort();
    transport.close();
    await application.stop();
  }
});
