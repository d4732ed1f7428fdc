/**
 * Encrypted reasoning belongs to the provider that issued it. A reasoning item's
 * `encrypted_content` is sealed where it was produced, and elsewhere it is refused with
 * `400 invalid_encrypted_content`, "The encrypted content … could not be verified": one Azure
 * resource's reasoning failed over to another (https://github.com/openai/codex/issues/3573), a
 * gateway routing a conversation's turns to different Azure regions
 * (https://github.com/anomalyco/opencode/issues/29879: "encrypted reasoning tokens are
 * region/account-specific"), Azure behind a proxy (https://github.com/openai/codex/issues/9045),
 * and OpenAI's reasoning on Azure and back (https://github.com/manaflow-ai/subrouter/pull/259,
 * measured: produced by OpenAI, rejected by Azure; produced by Azure, rejected by OpenAI).
 *
 * So each Azure OpenAI Responses provider gets a codec whose encrypted reasoning has an origin of
 * its own, `azure-openai-responses:<provider name>`, as Claude's platforms do for their signatures
 * (anthropic/platform-origins.ts), one level finer. The provider's configured name is the key: it
 * is what the operator declares as one account, it stays the same across restarts and replicas,
 * and it says nothing secret (a key fingerprint would change when a key is rotated, though the
 * resource that seals the reasoning stays the same; a base URL can front several resources). Two
 * names for one resource cost only the reasoning on a switch between them (left out, with a
 * warning), never a refused request. The Responses codec treats only its own name as its origin,
 * so on the way in the provider's reasoning is renamed to it, and encrypted reasoning of a bare
 * `openai-responses` origin (OpenAI's API, or a caller's own blob, whose issuer is unknown) to a
 * foreign one, which the codec leaves out with a warning (items-emit.ts). A whole answer's
 * reasoning without encrypted content keeps the codec's origin, so the id of an item the
 * provider stored goes back to it as before.
 */
import type { AssistantPart } from '../../interlingua/content.js';
import type { Dialect, StreamDecoder } from '../../interlingua/dialect.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { ChatResponse } from '../../interlingua/response.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { dialectName as codecOrigin } from './vendor.js';

/** An origin no codec issues: encrypted reasoning marked with it is left out of the request. */
const unverifiableOrigin = 'openai-responses:another-account';

/** The origin of the reasoning one provider issues on a platform that binds it to that provider. */
export function providerOrigin(platform: string, providerName: string): string {
  return `${platform}:${providerName}`;
}

type Rename = (origin: string | undefined, encrypted: boolean) => string | undefined;

function renamedParts(parts: readonly AssistantPart[], rename: Rename): AssistantPart[] {
  return parts.map((part) => {
    if (part.type !== 'reasoning') return part;
    const encrypted = (part.signature !== undefined && part.signature !== '') || part.redactedData !== undefined;
    const origin = rename(part.signatureOrigin, encrypted);
    if (origin === part.signatureOrigin) return part;
    const { signatureOrigin: _previous, ...rest } = part;
    return origin === undefined ? rest : { ...rest, signatureOrigin: origin };
  });
}

/** The Responses codec, speaking for one provider whose encrypted reasoning has `origin`. */
export function withProviderOrigin(codec: Dialect, origin: string): Dialect {
  const toCodec: Rename = (from, encrypted) => (from === origin ? codecOrigin : from === codecOrigin && encrypted ? unverifiableOrigin : from);
  const fromCodec: Rename = (from, encrypted) => (from === codecOrigin && encrypted ? origin : from);
  const requestForCodec = (request: ChatRequest): ChatRequest => ({
    ...request,
    messages: request.messages.map((message) => (message.role === 'assistant' ? { ...message, content: renamedParts(message.content, toCodec) } : message)),
  });
  const responseFromCodec = (response: ChatResponse): ChatResponse => ({ ...response, content: renamedParts(response.content, fromCodec) });
  // A streamed block names its origin before any encrypted content shows, so every block the codec read is the provider's.
  const eventFromCodec = (event: StreamEvent): StreamEvent => (event.type === 'reasoning-start' && event.signatureOrigin === codecOrigin ? { ...event, signatureOrigin: origin } : event);
  return {
    ...codec,
    emitRequest: (request, options) => codec.emitRequest(requestForCodec(request), options),
    parseResponse: (body) => responseFromCodec(codec.parseResponse(body)),
    createStreamDecoder: (): StreamDecoder => {
      const decoder = codec.createStreamDecoder();
      return { push: (frame) => decoder.push(frame).map(eventFromCodec), end: () => decoder.end().map(eventFromCodec) };
    },
  };
}
