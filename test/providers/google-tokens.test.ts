/**
 * Vertex AI's access tokens: obtained from a service-account key file by posting a signed
 * assertion to the file's `token_uri` (a local token endpoint that checks it), kept while fresh,
 * fetched anew before they expire; a failure is the gateway's own, retryable elsewhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleTokens } from '../../src/providers/google-tokens.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import { GoogleTokenServer } from '../support/google-token-server.js';

test('a token from the key file’s token_uri is kept while it is fresh', async () => {
  const server = await new GoogleTokenServer(3599).start();
  try {
    const tokens = new GoogleTokens({});
    const file = server.writeKeyFile();
    assert.equal(await tokens.token('gcp', file), 'ya29.test-token-1');
    assert.equal(await tokens.token('gcp', file), 'ya29.test-token-1');
    assert.deepEqual(server.issued, ['ya29.test-token-1']);
    assert.deepEqual(server.refusals, []);
  } finally {
    await server.stop();
  }
});

test('a token within minutes of its expiry is replaced before it is used', async () => {
  // google-auth-library refreshes a token whose expiry is nearer than eagerRefreshThresholdMillis (five minutes).
  const server = await new GoogleTokenServer(60).start();
  try {
    const tokens = new GoogleTokens({});
    const file = server.writeKeyFile();
    assert.equal(await tokens.token('gcp', file), 'ya29.test-token-1');
    assert.equal(await tokens.token('gcp', file), 'ya29.test-token-2');
    assert.deepEqual(server.refusals, []);
  } finally {
    await server.stop();
  }
});

test('GOOGLE_APPLICATION_CREDENTIALS naming a key file is read as one, its token_uri honoured', async () => {
  const server = await new GoogleTokenServer().start();
  try {
    const tokens = new GoogleTokens({ GOOGLE_APPLICATION_CREDENTIALS: server.writeKeyFile() });
    assert.equal(await tokens.token('gcp', undefined), 'ya29.test-token-1');
  } finally {
    await server.stop();
  }
});

test('a key file that cannot be read fails the request as the gateway’s fault, retryable on another deployment', async () => {
  const tokens = new GoogleTokens({});
  await assert.rejects(tokens.token('gcp', '/nonexistent/service-account.json'), (error: unknown) => {
    assert.ok(error instanceof InterlinguaError);
    assert.equal(error.code, 'internal');
    assert.equal(error.retryable, true);
    assert.equal(error.message, 'gcp: no Google access token for Vertex AI.');
    return true;
  });
});
