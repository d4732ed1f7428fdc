import { createHmac } from 'node:crypto';

/**
 * Zhipu accepts its API key as a bearer token, and, for keys of the form `id.secret`, a JWT:
 * HS256 over `{api_key: id, exp, timestamp}` (milliseconds) with the header
 * `{alg: "HS256", sign_type: "SIGN"}`, signed with the secret (https://open.bigmodel.cn/dev/api#nosdk).
 * Tokens are cached until shortly before they expire.
 */
const tokenLifetimeMs = 30 * 60 * 1000;
const renewBeforeMs = 60 * 1000;
const cache = new Map<string, { token: string; expiresAt: number }>();

export function zhipuAuthorization(apiKey: string, now = Date.now()): string {
  const separator = apiKey.indexOf('.');
  if (separator <= 0 || separator === apiKey.length - 1 || apiKey.indexOf('.', separator + 1) !== -1) return `Bearer ${apiKey}`;
  const cached = cache.get(apiKey);
  if (cached !== undefined && cached.expiresAt - renewBeforeMs > now) return `Bearer ${cached.token}`;
  const token = zhipuJwt(apiKey.slice(0, separator), apiKey.slice(separator + 1), now, now + tokenLifetimeMs);
  cache.set(apiKey, { token, expiresAt: now + tokenLifetimeMs });
  return `Bearer ${token}`;
}

export function zhipuJwt(id: string, secret: string, issuedAt: number, expiresAt: number): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', sign_type: 'SIGN' })}.${encode({ api_key: id, exp: expiresAt, timestamp: issuedAt })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
