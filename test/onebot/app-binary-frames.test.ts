/**
 * A bot application that sends its action requests as MessagePack (binary WebSocket frames, which
 * OneBot 12 makes optional: https://12.onebot.dev/connect/communication/websocket/) is told at once
 * that this implementation reads JSON only: retcode 10001 Bad Request, the code the standard names
 * for "implementation without MessagePack" (https://12.onebot.dev/connect/data-protocol/action-response/),
 * with no `echo`, since none could be read from the request. It used to get nothing and wait out its
 * own timeout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestApplication } from './support/test-application.js';

/** `{"action":"get_version","params":{},"echo":"mp-1"}` in MessagePack: a fixmap of three fixstr keys. */
function messagePackGetVersion(): Buffer {
  const text = (value: string) => Buffer.concat([Buffer.from([0xa0 | value.length]), Buffer.from(value)]);
  return Buffer.concat([Buffer.from([0x83]), text('action'), text('get_version'), text('params'), Buffer.from([0x80]), text('echo'), text('mp-1')]);
}

test('an action request in MessagePack is answered 10001 without an echo, and the connection goes on', { timeout: 20_000 }, async () => {
  const application = new TestApplication('app-token');
  const url = await application.start();
  const config = resolveConfig({
    providers: { bots: { dialect: 'onebot', baseUrl: url, apiKey: 'app-token', timeoutMs: 5_000, onebot: { quietMs: 100, platform: 'interlingua' } } },
    models: { echo: [{ provider: 'bots', model: 'echo-bot' }] },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 1 },
  });
  const gateway = createGateway(config, { logger: silentLogger });
  try {
    const address = await gateway.listen(0, '127.0.0.1');
    const client = new OpenAI({ baseURL: `http://127.0.0.1:${address.port}/v1`, apiKey: 'caller', maxRetries: 0 });
    // A request makes the gateway dial the application.
    await client.chat.completions.create({ model: 'echo', messages: [{ role: 'user', content: 'hello' }] });
    application.sendRaw(messagePackGetVersion(), true);
    // The same action as JSON right after: its response comes after the one to the binary frame, if any.
    const json = await application.call('get_version', {});
    assert.equal(json.retcode, 0);
    const before = application.responses.slice(0, application.responses.indexOf(json));
    const refused = before.find((response) => response.retcode === 10001);
    assert.ok(refused, `a 10001 answer before the JSON one; got ${JSON.stringify(before)}`);
    assert.equal(refused.status, 'failed');
    assert.equal(refused.data, null);
    assert.match(String(refused.message), /MessagePack/);
    assert.equal('echo' in refused, false);
  } finally {
    await gateway.close(0);
    await application.stop();
  }
});
