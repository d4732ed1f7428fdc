import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carrierValue, isSignatureEnvelope, readCarrier, unwrapSignature, wrapSignature } from '../../src/core/signature-envelope.js';
import { isStrictBase64 } from '../../src/core/base64-data.js';
import { readFixtureJson } from '../support/fixtures.js';

test('an envelope is standard base64 and gives back the origin, platform, kind, value and text', () => {
  const carried = { origin: 'anthropic', platform: 'vertex', kind: 'signature' as const, value: 'EqQBCkYIBxgCKkA+/=', text: 'thinking…' };
  const envelope = wrapSignature(carried);
  assert.ok(isStrictBase64(envelope));
  assert.deepEqual(unwrapSignature(envelope), carried);
  assert.deepEqual(unwrapSignature(wrapSignature({ origin: 'gemini', kind: 'redacted', value: 'x' })), { origin: 'gemini', kind: 'redacted', value: 'x' });
});

test('an envelope re-encoded as URL-safe, unpadded base64 (as a proto bytes field may come back) is still recognised', () => {
  const envelope = wrapSignature({ origin: 'openai-responses', kind: 'signature', value: 'gAAAAABo?>' });
  const urlSafe = envelope.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  assert.deepEqual(unwrapSignature(urlSafe), { origin: 'openai-responses', kind: 'signature', value: 'gAAAAABo?>' });
});

test('native signatures from the recorded vendors are never read as envelopes', () => {
  const anthropic = JSON.stringify(readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.response.json'));
  const gemini = JSON.stringify(readFixtureJson('gemini/response-function-call.json'));
  const signatures = [...anthropic.matchAll(/"signature":"([^"]+)"/g), ...gemini.matchAll(/"thoughtSignature":"([^"]+)"/g)].map((match) => match[1] ?? '');
  assert.ok(signatures.length >= 2);
  for (const signature of [...signatures, 'gAAAAABoFernetToken', '', 'short']) {
    assert.equal(isSignatureEnvelope(signature), false, signature);
    assert.deepEqual(readCarrier('anthropic', signature), { origin: 'anthropic', kind: 'signature', value: signature });
  }
});

test('a broken or unknown envelope is not unwrapped', () => {
  const marker = Buffer.from('interlingua-signature/1\n').toString('base64');
  assert.equal(unwrapSignature(marker + Buffer.from('not json').toString('base64')), undefined);
  assert.equal(unwrapSignature(Buffer.from('interlingua-signature/1\n{"origin":"x"}').toString('base64')), undefined);
  assert.equal(unwrapSignature(Buffer.from('interlingua-signature/2\n{"origin":"x","kind":"signature","value":"v"}').toString('base64')), undefined);
});

test('a dialect carries its own signature as it is, another in an envelope, and one of unknown origin not at all', () => {
  assert.equal(carrierValue('anthropic', 'anthropic', 'signature', 'sig'), 'sig');
  assert.deepEqual(unwrapSignature(carrierValue('anthropic', 'gemini', 'signature', 'sig') ?? ''), { origin: 'gemini', kind: 'signature', value: 'sig' });
  assert.equal(carrierValue('anthropic', undefined, 'signature', 'sig'), undefined);
});
