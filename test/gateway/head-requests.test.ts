/**
 * HEAD is answered as GET without the body (RFC 9110 §9.3.2) on every GET route: the model lists,
 * Gemini's model resource, the admin API; a route that takes no GET still answers 405, and so does
 * an admin path asked with a method it does not take.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const adminKey = 'admin-key-for-head-requests';
const setup = gatewayOverOneUpstream((baseUrl) => ({
  adminKey,
  providers: { ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-key' } },
  models: { 'gemini-2.5-flash': [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
}));

async function headAndGet(path: string, headers: Record<string, string> = {}): Promise<{ head: Response; get: Response; headBody: string }> {
  const head = await fetch(`${setup.url}${path}`, { method: 'HEAD', headers });
  const get = await fetch(`${setup.url}${path}`, { headers });
  await get.arrayBuffer();
  return { head, get, headBody: await head.text() };
}

test('HEAD answers as GET does, with no body', async () => {
  for (const [path, headers] of [
    ['/v1/models', {}],
    ['/v1beta/models/gemini-2.5-flash', {}],
    ['/admin/keys', { authorization: `Bearer ${adminKey}` }],
  ] as const) {
    const { head, get, headBody } = await headAndGet(path, headers);
    assert.equal(get.status, 200, path);
    assert.equal(head.status, 200, path);
    assert.equal(head.headers.get('content-type'), get.headers.get('content-type'), path);
    assert.equal(headBody, '', path);
  }
});

test('HEAD on a route that takes only POST is still 405', async () => {
  const head = await fetch(`${setup.url}/v1/chat/completions`, { method: 'HEAD' });
  assert.equal(head.status, 405);
  assert.equal(head.headers.get('allow'), 'POST');
});

test('an admin path asked with a method it does not take is 405 with Allow; an unknown one is 404', async () => {
  const admin = { authorization: `Bearer ${adminKey}` };
  const put = await fetch(`${setup.url}/admin/keys`, { method: 'PUT', headers: admin });
  assert.equal(put.status, 405);
  assert.equal(put.headers.get('allow'), 'GET, HEAD, POST');
  await put.arrayBuffer();
  const post = await fetch(`${setup.url}/admin/keys/spend`, { method: 'POST', headers: admin });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET, HEAD');
  await post.arrayBuffer();
  const unknown = await fetch(`${setup.url}/admin/nothing-here`, { headers: admin });
  assert.equal(unknown.status, 404);
  await unknown.arrayBuffer();
});
