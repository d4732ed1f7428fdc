import { hash, randomBytes } from 'node:crypto';

/** Keys look like OpenAI's (`sk-…`) so clients that check the shape accept them; `il` says whose. */
const keyPrefix = 'sk-il-';

/** A new key: 32 random bytes, so a plain SHA-256 of it cannot be reversed by guessing. */
export function generateKey(): { key: string; hash: string; prefix: string } {
  const key = keyPrefix + randomBytes(32).toString('base64url');
  return { key, hash: hashKey(key), prefix: key.slice(0, keyPrefix.length + 6) };
}

/** Asked on every request that presents a key: the one-shot `hash` is a quarter of `createHash`'s cost. */
export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}
