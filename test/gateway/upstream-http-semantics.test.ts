/**
 * What the gateway makes of an upstream's HTTP beyond its body: a redirect is no success and is not
 * retried (RFC 9110 §15.4, https://www.rfc-editor.org/rfc/rfc9110#section-15.4); a body that is
 * not what was asked for (a captive portal's page, a proxy's text, an empty 200) is logged with its
 * status, content-type and first bytes, and a stream that got one says what came; every request
 * asks for an uncompressed answer (RFC 9110 §12.5.3, https://www.rfc-editor.org/rfc/rfc9110#section-12.5.3),
 * whatever a provider's own headers say, as the gateway decompresses nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureText } from '../support/fixtures.js';
import { loggedSetup } from './support/logged-setup.js';

const openaiJson = readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json');
const portal = '<html>\n<body><h1>Please log in to the Wi-Fi</h1></body>\n</html>';

const setup = loggedSetup('http-semantics', (baseUrl: string) => ({
  providers: {
    oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key' },
    // An operator's own accept-encoding, which would have every answer come compressed.
    gz: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key', headers: { 'Accept-Encoding': 'gzip, br' } },
  },
  models: {
    gpt: [{ provider: 'oa', model: 'gpt-4o' }],
    'redirected-then-answered': [{ provider: 'oa', model: 'gpt-4o-mini' }, { provider: 'oa', model: 'gpt-4.1' }],
    compressed: [{ provider: 'gz', model: 'gpt-4o' }],
  },
  auth: { required: true },
  // Retries on: a redirect must not be asked again.
  retry: { attempts: 2, initialDelayMs: 1 },
}));

function post(path: string, key: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${setup.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ max_tokens: 50, messages: [{ role: 'user', content: 'Say hi in Portuguese' }], ...body }),
  });
}

const redirect = { kind: 'json', status: 302, body: '<a href="/elsewhere">moved</a>', headers: { location: 'http://10.0.0.9/v1/chat/completions', 'content-type': 'text/html' } } as const;

describe('upstream HTTP semantics', () => {
  test('a 302 is asked once, told to the caller as a redirect in its dialect, and logged with its Location', async () => {
    for (const path of ['/v1/chat/completions', '/v1/messages']) {
      const { key } = await setup.newKey();
      setup.upstream.reset();
      setup.lines.length = 0;
      setup.upstream.enqueue({ ...redirect });
      const response = await post(path, key, { model: 'gpt' });
      assert.equal(response.status, 502, path);
      const body = (await response.json()) as { error: { message: string } };
      assert.match(body.error.message, /redirected the request \(HTTP 302\)/, path);
      assert.doesNotMatch(body.error.message, /10\.0\.0\.9/, 'where it pointed is for the logs only');
      assert.equal(setup.upstream.requests.length, 1, `${path}: not retried`);
      const logged = setup.lines.find((line) => line.message === 'request failed');
      assert.deepEqual({ status: logged?.fields['upstreamStatus'], location: logged?.fields['upstreamLocation'] }, { status: '302', location: 'http://10.0.0.9/v1/chat/completions' }, path);
    }
  });

  test('an embeddings request takes a 302 as no answer either (token counts share the same check)', async () => {
    const { key } = await setup.newKey();
    setup.upstream.reset();
    setup.upstream.enqueue({ ...redirect });
    const embedded = await fetch(`${setup.url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt', input: 'hi' }),
    });
    assert.equal(embedded.status, 502);
    assert.match(((await embedded.json()) as { error: { message: string } }).error.message, /redirected the request \(HTTP 302\)/);
    assert.equal(setup.upstream.requests.length, 1, 'not retried');
  });

  test("a redirect is not retried, but the model's next deployment is tried", async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ ...redirect });
    setup.upstream.enqueue({ kind: 'json', body: openaiJson });
    const response = await post('/v1/chat/completions', key, { model: 'redirected-then-answered' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-interlingua-deployment'), 'oa/gpt-4.1');
    assert.equal(setup.upstream.requests.length, 2);
  });

  test("a captive portal's page is logged with its status, content-type and first bytes, control characters escaped", async () => {
    const { key } = await setup.newKey();
    for (let attempt = 0; attempt < 3; attempt++) setup.upstream.enqueue({ kind: 'json', body: portal, headers: { 'content-type': 'text/html' } });
    const response = await post('/v1/chat/completions', key, { model: 'gpt' });
    assert.equal(response.status, 502);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /is not JSON \(HTTP 200, content-type text\/html\)/);
    const logged = setup.lines.find((line) => line.message === 'request failed');
    assert.deepEqual(
      { status: logged?.fields['upstreamStatus'], type: logged?.fields['upstreamContentType'], start: logged?.fields['upstreamBodyStart'] },
      { status: '200', type: 'text/html', start: portal.replaceAll('\n', '\\u000a') },
    );
  });

  test('an empty 200 is told as empty', async () => {
    const { key } = await setup.newKey();
    for (let attempt = 0; attempt < 3; attempt++) setup.upstream.enqueue({ kind: 'json', body: '' });
    const response = await post('/v1/chat/completions', key, { model: 'gpt' });
    assert.equal(response.status, 502);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /is empty \(HTTP 200, content-type application\/json\)/);
  });

  test('a stream request answered with a page says what came instead, passed through and parsed', async () => {
    for (const path of ['/v1/chat/completions', '/v1/messages']) {
      const { key } = await setup.newKey();
      setup.upstream.reset();
      setup.lines.length = 0;
      for (let attempt = 0; attempt < 3; attempt++) setup.upstream.enqueue({ kind: 'stream', text: portal, contentType: 'text/html; charset=utf-8' });
      const response = await post(path, key, { model: 'gpt', stream: true });
      assert.equal(response.status, 502, path);
      const body = (await response.json()) as { error: { message: string } };
      assert.match(body.error.message, /answered a stream request with content-type text\/html, not an event stream/, path);
      const logged = setup.lines.find((line) => line.message === 'request failed');
      assert.match(String(logged?.fields['upstreamBodyStart']), /^<html>\\u000a<body>/, path);
    }
  });

  test('every request asks for an uncompressed answer; an operator-configured accept-encoding is not sent', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: openaiJson });
    setup.upstream.enqueue({ kind: 'json', body: openaiJson });
    assert.equal((await post('/v1/chat/completions', key, { model: 'gpt' })).status, 200);
    assert.equal((await post('/v1/chat/completions', key, { model: 'compressed' })).status, 200);
    assert.deepEqual(
      setup.upstream.requests.map((request) => request.headers['accept-encoding']),
      ['identity', 'identity'],
    );
  });
});
