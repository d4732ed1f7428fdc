/**
 * Request paths are joined onto an HTTP provider's `baseUrl`, so a query or fragment in it would
 * end up inside them (`…/v1?api-key=X/chat/completions`): refused at load, without repeating it.
 * A onebot provider's ws:// URL is dialled as written and may carry one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, resolveConfig } from '../../src/config/load.js';

const withBaseUrl = (dialect: string, baseUrl: string) => ({ providers: { p: { dialect, baseUrl, apiKey: 'k' } } });

test('an HTTP provider whose baseUrl has a query or a fragment is refused, naming neither it nor the user-info', () => {
  for (const baseUrl of ['http://bob:PW@127.0.0.1:9/v1?api-key=SECRETQ', 'http://bob:PW@127.0.0.1:9/v1#SECRETQ']) {
    assert.throws(
      () => resolveConfig(withBaseUrl('openai-chat', baseUrl)),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(
          error.message,
          'config: providers.p.baseUrl: "http://***@127.0.0.1:9/v1" is followed by a query or fragment (?… or #…), which a base URL cannot take: request paths are added after it; put a key in apiKey or headers',
        );
        return true;
      },
    );
  }
  assert.throws(() => resolveConfig(withBaseUrl('anthropic', 'https://host/?x=1')), /providers\.p\.baseUrl: "https:\/\/host\/" is followed by a query/);
});

test('a baseUrl without a query loads, and a onebot ws:// URL may carry one', () => {
  assert.equal(resolveConfig(withBaseUrl('openai-chat', 'http://127.0.0.1:9/v1/')).providers.get('p')?.baseUrl, 'http://127.0.0.1:9/v1');
  const onebot = resolveConfig({ providers: { bot: { dialect: 'onebot', baseUrl: 'ws://127.0.0.1:9/onebot?access_token=t' } } });
  assert.equal(onebot.providers.get('bot')?.baseUrl, 'ws://127.0.0.1:9/onebot?access_token=t');
});
