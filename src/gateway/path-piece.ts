import { InterlinguaError } from '../interlingua/error.js';

/**
 * Decodes one percent-encoded piece of a request path (a key's name, an exchange's id).
 * `decodeURIComponent` throws a URIError on a stray `%` (`/admin/keys/%%`), which would
 * otherwise surface as a 500; the caller sent a bad path, so it is a 400 that names the piece.
 */
export function decodePathPiece(encoded: string, what: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new InterlinguaError('invalid_request', `The ${what} in the path is not valid percent-encoding.`);
  }
}
