/**
 * An end-user id sent in place of one an upstream refuses (too long, or holding contact details):
 * its SHA-256 digest in hex. Vendors use the id for abuse monitoring, which groups requests by it,
 * so the same id always gives the same digest.
 */
import { hash } from 'node:crypto';

export function userIdDigest(user: string, length = 64): string {
  return hash('sha256', user).slice(0, length);
}
