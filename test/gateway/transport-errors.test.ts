/**
 * Every kind of transport failure (DNS, refused, reset, connect timeout, TLS, header and body
 * timeouts) becomes an error naming the provider, with neither host nor address in its message;
 * the URL and the socket's message are kept for the log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors as undiciErrors } from 'undici';
import { describeTransportError } from '../../src/gateway/upstream-client.js';

const url = 'https://llm.internal.corp:8443/v1/chat/completions';
const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

const cases: Array<[what: string, error: unknown, code: string, reason: RegExp]> = [
  ['DNS', coded('getaddrinfo ENOTFOUND llm.internal.corp', 'ENOTFOUND'), 'upstream_unreachable', /host name could not be resolved \(ENOTFOUND\)/],
  ['DNS, temporary', coded('getaddrinfo EAI_AGAIN llm.internal.corp', 'EAI_AGAIN'), 'upstream_unreachable', /host name could not be resolved/],
  ['refused', coded('connect ECONNREFUSED 10.1.2.3:8443', 'ECONNREFUSED'), 'upstream_unreachable', /connection was refused/],
  ['reset', coded('read ECONNRESET 10.1.2.3:8443', 'ECONNRESET'), 'upstream_unreachable', /connection was closed/],
  ['closed', new undiciErrors.SocketError('other side closed'), 'upstream_unreachable', /connection was closed \(UND_ERR_SOCKET\)/],
  ['connect timeout', new undiciErrors.ConnectTimeoutError('Connect Timeout Error (attempted address: llm.internal.corp:8443, timeout: 10000ms)'), 'upstream_unreachable', /connection timed out/],
  ['unreachable', coded('connect EHOSTUNREACH 10.1.2.3:8443', 'EHOSTUNREACH'), 'upstream_unreachable', /network cannot be reached/],
  [
    'TLS name',
    coded("Hostname/IP does not match certificate's altnames: Host: llm.internal.corp. is not in the cert's altnames: DNS:10.1.2.3", 'ERR_TLS_CERT_ALTNAME_INVALID'),
    'upstream_unreachable',
    /TLS handshake failed \(ERR_TLS_CERT_ALTNAME_INVALID\)/,
  ],
  ['TLS self-signed', coded('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'), 'upstream_unreachable', /TLS handshake failed/],
  ['fetch-style wrapper', new TypeError('fetch failed', { cause: coded('connect ECONNREFUSED 10.1.2.3:8443', 'ECONNREFUSED') }), 'upstream_unreachable', /connection was refused/],
  ['no code', new Error('something at 10.1.2.3:8443 broke'), 'upstream_unreachable', /the connection failed/],
  ['headers timeout', new undiciErrors.HeadersTimeoutError(), 'upstream_timeout', /did not answer in time/],
  ['body timeout', new undiciErrors.BodyTimeoutError(), 'upstream_timeout', /did not answer in time/],
];

test('transport failures name the provider and say what failed, never where', () => {
  for (const [what, error, code, reason] of cases) {
    const described = describeTransportError(error, 'corp-llm', url);
    assert.equal(described.code, code, what);
    assert.match(described.message, /corp-llm/, what);
    assert.match(described.message, reason, what);
    for (const secret of ['internal.corp', '10.1.2.3', '8443', 'https://']) assert.ok(!described.message.includes(secret), `${what}: ${described.message}`);
    assert.equal(described.logFields?.['upstreamUrl'], url, what);
    assert.ok((described.logFields?.['cause'] ?? '').length > 0, what);
  }
});
