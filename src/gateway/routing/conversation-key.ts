import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ChatRequest } from '../../interlingua/request.js';

/** A caller may name its conversation; otherwise the gateway derives it from how it began. */
export const conversationHeader = 'x-interlingua-conversation';

/**
 * The key that keeps a conversation on one deployment: the caller's own, or a digest of the
 * model, the system prompt and the first message. That beginning is the prefix every later turn
 * repeats, which is what an upstream's prompt cache matches on; a Responses conversation stored
 * by the gateway is expanded into its full history before this, so it keys the same way.
 * The gateway key (`-` for anonymous callers) is part of it: another key naming the same
 * conversation neither learns where it is pinned nor moves it.
 */
export function conversationKey(request: ChatRequest, headers: IncomingHttpHeaders | undefined, keyId: string | undefined): string {
  const named = headers?.[conversationHeader];
  const explicit = Array.isArray(named) ? named[0] : named;
  const hash = createHash('sha256').update(keyId ?? '-').update('\u0000').update(request.model).update('\u0000');
  if (explicit !== undefined && explicit !== '') return hash.update('named\u0000').update(explicit).digest('base64url');
  return hash.update(JSON.stringify(request.system)).update('\u0000').update(JSON.stringify(request.messages[0] ?? null)).digest('base64url');
}
