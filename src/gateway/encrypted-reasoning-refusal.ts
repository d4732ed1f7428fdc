/**
 * Encrypted reasoning an OpenAI account cannot open. OpenAI seals a reasoning item's
 * `encrypted_content` for the organization that produced it, and refuses it elsewhere with
 * `400 invalid_encrypted_content`, "The encrypted content gAAA... could not be verified. Reason:
 * Encrypted content organization_id did not match the target organization."
 * (https://github.com/openai/codex/issues/13724); a blob it cannot read at all gets "… Reason:
 * Encrypted content could not be decrypted or parsed." (https://github.com/Wei-Shaw/sub2api/issues/3038,
 * a gateway switching a conversation between accounts). A model served by two OpenAI accounts
 * (a fallback, keys of two organizations) hands a caller one account's reasoning, and the next
 * turn may go to the other: refused, and refused again on every later turn of that conversation,
 * since the caller replays its history as it is.
 *
 * Which account sealed a blob cannot be known before asking (a provider's name says nothing of
 * its organization, and a caller may replay reasoning the gateway never saw), so the refusal is
 * the signal: the same deployment is asked once more at once without the encrypted reasoning of
 * earlier turns, with a warning, as OpenAI itself answers a request that carries none. Azure
 * resources are kept apart before asking (dialects/openai-responses/provider-origins.ts); this
 * covers what that cannot, OpenAI accounts and a caller's own blobs, and costs one refused call
 * per turn while the history holds another account's reasoning.
 */
import type { AssistantPart } from '../interlingua/content.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { ChatResponse } from '../interlingua/response.js';
import type { Warning } from '../interlingua/warning.js';
import { InterlinguaError } from '../interlingua/error.js';
import { upstreamOpenaiWords } from '../dialects/openai-family/code-words.js';
import type { Carried, DeploymentCall, DeploymentTransport } from './deployment-transport.js';
import type { EventBatches } from './upstream-events.js';
import type { Forwarded } from './pass-through/forwarded.js';
import { RelayedStream } from './pass-through/relayed-stream.js';
import type { StreamEvent } from '../interlingua/stream-event.js';

/** OpenAI's `code` word for encrypted content it cannot verify. */
const refusalCode = 'invalid_encrypted_content';

/**
 * Whether the upstream refused the request for encrypted reasoning it could not verify: as a 400,
 * or as a stream's first event under HTTP 200 (thrown from the OpenAI SDK's stream iterator,
 * https://github.com/smallmain/vscode-unify-chat-provider/issues/178).
 */
export function refusesEncryptedReasoning(error: InterlinguaError): boolean {
  return upstreamOpenaiWords(error)?.code === refusalCode;
}

const withoutEncryptedReasoningWarning: Warning = {
  type: 'compatibility',
  feature: 'reasoning.history',
  message: 'The upstream could not verify the encrypted reasoning of earlier turns (sealed for another account); the request was sent again without it.',
};

export class EncryptedReasoningRefusalTransport implements DeploymentTransport {
  constructor(private readonly inner: DeploymentTransport) {}

  complete(call: DeploymentCall): Promise<Carried<ChatResponse>> {
    return this.attempt(call, (sent) => this.inner.complete(sent));
  }

  stream(call: DeploymentCall): Promise<Carried<EventBatches>> {
    return this.attempt(call, (sent) => this.inner.stream(sent), firstEventJudged);
  }

  forward(call: DeploymentCall): Promise<Carried<Forwarded> | undefined> {
    const forward = this.inner.forward;
    if (forward === undefined) return Promise.resolve(undefined);
    return this.attempt(call, (sent) => forward.call(this.inner, sent), firstFrameJudged);
  }

  /**
   * Sends the call as it is, and only a request that carries encrypted reasoning waits to see how
   * it is taken (not async otherwise): a stream to its first event, where a refusal may come instead.
   */
  private attempt<R extends Carried<unknown> | undefined>(call: DeploymentCall, send: (call: DeploymentCall) => Promise<R>, judge: (sent: R) => Promise<R> = async (sent) => sent): Promise<R> {
    return carriesEncryptedReasoning(call.request) ? this.attemptCarrying(call, async (sent) => judge(await send(sent))) : send(call);
  }

  private async attemptCarrying<R extends Carried<unknown> | undefined>(call: DeploymentCall, send: (call: DeploymentCall) => Promise<R>): Promise<R> {
    try {
      return await send(call);
    } catch (caught) {
      if (!(caught instanceof InterlinguaError) || !refusesEncryptedReasoning(caught) || call.cancellation.aborted) throw caught;
    }
    const sent = await send({ ...call, request: withoutEncryptedReasoning(call.request) });
    return (sent === undefined ? sent : { value: sent.value, warnings: [withoutEncryptedReasoningWarning, ...sent.warnings] }) as R;
  }
}

/** A stream's first events, read here so a refusal among them is thrown as a refused request is; handed on unchanged otherwise. */
async function firstEventJudged(opened: Carried<EventBatches>): Promise<Carried<EventBatches>> {
  const batches = opened.value;
  for (;;) {
    const next = await batches.next();
    if (next.done) return { value: replayed([], batches), warnings: opened.warnings };
    if (next.value.length === 0) continue;
    const head = next.value[0];
    if (head?.type === 'error' && refusesEncryptedReasoning(head.error)) {
      await batches.return?.(undefined);
      throw head.error;
    }
    return { value: replayed(next.value, batches), warnings: opened.warnings };
  }
}

/** The batch already read, then the rest. */
function replayed(first: StreamEvent[], rest: EventBatches): EventBatches {
  let pending: StreamEvent[] | undefined = first.length > 0 ? first : undefined;
  return {
    next: () => {
      if (pending === undefined) return rest.next();
      const value = pending;
      pending = undefined;
      return Promise.resolve({ done: false, value });
    },
    return: (value) => rest.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
  };
}

/** A relayed stream opened here, so its first frame's refusal is thrown before the engine opens it (RelayedStream.open is once). */
async function firstFrameJudged(forwarded: Carried<Forwarded> | undefined): Promise<Carried<Forwarded> | undefined> {
  if (forwarded?.value instanceof RelayedStream) await forwarded.value.open();
  return forwarded;
}

function isEncrypted(part: AssistantPart): boolean {
  return part.type === 'reasoning' && ((part.signature !== undefined && part.signature !== '') || part.redactedData !== undefined);
}

function carriesEncryptedReasoning(request: ChatRequest): boolean {
  return request.messages.some((message) => message.role === 'assistant' && message.content.some(isEncrypted));
}

/** The request with every earlier turn's encrypted reasoning taken out; its calls, answers and results stay. */
function withoutEncryptedReasoning(request: ChatRequest): ChatRequest {
  return {
    ...request,
    messages: request.messages.map((message) => (message.role === 'assistant' && message.content.some(isEncrypted) ? { ...message, content: message.content.filter((part) => !isEncrypted(part)) } : message)),
  };
}
