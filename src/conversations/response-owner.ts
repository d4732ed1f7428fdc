/**
 * Who a stored response belongs to, as kept in `responses.owner`: the id of the gateway key that
 * made it, or `(anonymous)` for a caller without one. Only the same owner may read, list,
 * continue or delete it; anyone else is told it does not exist, so not even its existence
 * crosses between keys. The parenthesised names can never be a key's id (`key_` and hex digits).
 */
export type ResponseOwner = string;

export const anonymousOwner: ResponseOwner = '(anonymous)';

/**
 * Rows kept before responses had owners, in a database that already held gateway keys: whose
 * they were cannot be known, so they belong to no caller (migration `0004_response_owner`).
 */
export const unknownOwner: ResponseOwner = '(unknown)';

export function responseOwner(keyId: string | undefined): ResponseOwner {
  return keyId ?? anonymousOwner;
}
