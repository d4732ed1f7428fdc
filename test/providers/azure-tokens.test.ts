/**
 * Azure OpenAI's Entra ID tokens: asked for Cognitive Services' scope, kept while fresh, and a
 * credential that cannot give one fails the request as the gateway's own fault.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TokenCredential } from '@azure/identity';
import { AzureTokens } from '../../src/providers/azure-tokens.js';
import { InterlinguaError } from '../../src/interlingua/error.js';

test('one token for https://cognitiveservices.azure.com/.default serves while it is fresh', async () => {
  const asked: Array<string | string[]> = [];
  const credential: TokenCredential = {
    getToken: async (scopes) => {
      asked.push(scopes);
      return { token: `token-${asked.length}`, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  const tokens = new AzureTokens(credential);
  assert.equal(await tokens.token('azure'), 'token-1');
  assert.equal(await tokens.token('azure'), 'token-1');
  assert.deepEqual(asked, [['https://cognitiveservices.azure.com/.default']]);
});

test('a credential that gives no token fails as the gateway’s fault, retryable on another deployment', async () => {
  const credential: TokenCredential = {
    getToken: async () => {
      throw new Error('EnvironmentCredential is unavailable');
    },
  };
  await assert.rejects(new AzureTokens(credential).token('azure'), (error: unknown) => {
    assert.ok(error instanceof InterlinguaError);
    assert.equal(error.code, 'internal');
    assert.equal(error.retryable, true);
    assert.equal(error.message, 'azure: no Microsoft Entra ID token for Azure OpenAI.');
    assert.match(error.logFields?.['cause'] ?? '', /EnvironmentCredential is unavailable/);
    return true;
  });
});
