/**
 * A model fills an HTTP plugin's URL placeholders, and a model can be talked into anything: a
 * value that is a dot segment must not move the call (with the plugin's secret header) to another
 * path of the plugin's host. The fake host records every path and header it is asked for.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { silentLogger } from '../../src/gateway/logger.js';
import { httpTool } from '../../src/plugins/http-tool.js';
import { PluginToolRunner } from '../../src/plugins/tool-runner.js';
import type { HttpPluginConfig } from '../../src/config/plugin-config.js';

let server: Server;
let baseUrl: string;
const asked: { path: string; secret: string | undefined }[] = [];

before(async () => {
  server = createServer((request, response) => {
    asked.push({ path: request.url ?? '', secret: request.headers['x-plugin-secret'] as string | undefined });
    response.end(JSON.stringify({ path: request.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

function landmarks(path: string): HttpPluginConfig {
  return {
    async: false,
    timeoutMs: 5_000,
    concurrency: 1,
    type: 'http',
    name: 'landmark',
    url: `${baseUrl}${path}`,
    method: 'GET',
    headers: { 'x-plugin-secret': 'hush' },
    description: 'Summarises a landmark.',
    parameters: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  };
}

async function call(path: string, name: string): Promise<{ outcome: { text: string; isError: boolean }; paths: string[] }> {
  asked.length = 0;
  const outcome = await new PluginToolRunner(silentLogger).execute(httpTool(landmarks(path)), { name }, new AbortController().signal, {});
  return { outcome, paths: asked.map((each) => each.path) };
}

for (const name of ['..', '.', '%2e%2e', '.%2E', '%2e']) {
  test(`a placeholder value ${JSON.stringify(name)} does not leave the template's path`, async () => {
    const { outcome, paths } = await call('/api/v1/landmarks/{name}/summary', name);
    for (const path of paths) assert.ok(path.startsWith('/api/v1/landmarks/'), `the plugin host was asked for ${path}`);
    if (name === '.' || name === '..') {
      assert.equal(outcome.isError, true);
      assert.match(outcome.text, /must not be "\." or "\.\."/);
      assert.deepEqual(paths, []);
    }
  });
}

test('a dot made with the template\'s own text is refused too', async () => {
  const { outcome, paths } = await call('/api/v1/landmarks/.{name}/summary', '');
  assert.deepEqual(paths, []);
  assert.equal(outcome.isError, true);
  assert.match(outcome.text, /lead outside its endpoint/);
});

test('ordinary values, dots inside them included, still reach the endpoint with its header', async () => {
  const { outcome, paths } = await call('/api/v1/landmarks/{name}/summary', 'tour.eiffel');
  assert.equal(outcome.isError, false);
  assert.deepEqual(paths, ['/api/v1/landmarks/tour.eiffel/summary']);
  assert.equal(asked[0]?.secret, 'hush');
});

test('a dot value that is not a whole path segment (in the query, beside other text) is an ordinary value', async () => {
  const inQuery = await call('/api/v1/search?q={name}', '.');
  assert.equal(inQuery.outcome.isError, false);
  assert.deepEqual(inQuery.paths, ['/api/v1/search?q=.']);
  const besideText = await call('/api/v1/files/{name}.json', '.');
  assert.equal(besideText.outcome.isError, false);
  assert.deepEqual(besideText.paths, ['/api/v1/files/..json']);
});
