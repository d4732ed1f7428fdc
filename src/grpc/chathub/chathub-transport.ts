import type { ClientReadableStream, ServiceError } from '@grpc/grpc-js';
import type { ChatResponse } from '../../interlingua/response.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import type { Carried, DeploymentCall, DeploymentTransport } from '../../gateway/deployment-transport.js';
import type { EventBatches } from '../../gateway/upstream-events.js';
import { errorFromStatus } from '../status-codes.js';
import { ChatHubClients, chatHubMethods, upstreamMetadata, type ChatHubMethod } from './chathub-client.js';
import { CumulativeText } from './cumulative-text.js';
import { grpcJs } from '../grpc-packages.js';
import { requestToChatHub } from './request-to-chathub.js';
import type { ChatHubReply, ChatHubRequest } from './wire-types.js';

/**
 * Upstreams that serve the seed's `aihub.ChatHub` over gRPC (a Python ChatGLM server, or the
 * gateway's own ChatHub service): `Chat` for whole answers, `StreamingChat` for streams, whose
 * cumulative replies become deltas (see cumulative-text.ts). A caller that goes away cancels
 * the call, which a grpc-js or grpcio server sees as a cancelled RPC.
 */
export class ChatHubTransport implements DeploymentTransport {
  private readonly clients = new ChatHubClients();
  /** Read from the proto at the first call: a gateway with no ChatHub provider never loads gRPC. */
  private loadedMethods: ReturnType<typeof chatHubMethods> | undefined;

  private get methods(): ReturnType<typeof chatHubMethods> {
    return (this.loadedMethods ??= chatHubMethods());
  }

  complete(call: DeploymentCall): Promise<Carried<ChatResponse>> {
    // An abort already heard is never heard again (`once`): a call started now would run to its end.
    if (call.cancellation.aborted) return Promise.reject(callerGone(call));
    const { provider, model } = call.deployment;
    const emitted = requestToChatHub(call.request, { defaultMaxLength: provider.defaultMaxTokens });
    const client = this.clients.for(provider);
    return new Promise((resolve, reject) => {
      const method = this.methods.chat;
      const unary = client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        emitted.body,
        upstreamMetadata(provider),
        { deadline: Date.now() + provider.timeoutMs },
        (error, reply) => {
          call.cancellation.off('abort', cancel);
          if (error) return reject(upstreamError(error, provider.name, provider.baseUrl));
          resolve({ value: chatResponse(reply?.response ?? '', model), warnings: emitted.warnings });
        },
      );
      const cancel = () => unary.cancel();
      call.cancellation.once('abort', cancel);
    });
  }

  async stream(call: DeploymentCall): Promise<Carried<EventBatches>> {
    if (call.cancellation.aborted) throw callerGone(call);
    const { provider, model } = call.deployment;
    const emitted = requestToChatHub(call.request, { defaultMaxLength: provider.defaultMaxTokens });
    const client = this.clients.for(provider);
    const method: ChatHubMethod = this.methods.streamingChat;
    const replies = client.makeServerStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, emitted.body as ChatHubRequest, upstreamMetadata(provider));
    return { value: chatHubEventBatches(replies, call, model), warnings: emitted.warnings };
  }

  close(): void {
    this.clients.close();
  }
}

/** The failure of a call not made because its caller had gone (as an HTTP upstream's is: upstream-client.ts). */
function callerGone(call: DeploymentCall): InterlinguaError {
  return new InterlinguaError('upstream_error', `${call.deployment.provider.name} was not called: the caller had gone.`);
}

function chatResponse(text: string, model: string): ChatResponse {
  return {
    id: generateId('chathub-'),
    model,
    content: text === '' ? [] : [{ type: 'text', text }],
    // ChatHub says nothing about why the answer ended, nor what it cost.
    finishReason: { unified: 'stop' },
    usage: {},
  };
}

/**
 * Cumulative replies → interlingua events, one batch per reply. The first reply opens the
 * response; nothing is waited for beyond what the upstream sends. A reply silence longer than
 * the provider's `timeoutMs` cancels the call as a timeout.
 */
async function* chatHubEventBatches(replies: ClientReadableStream<ChatHubReply>, call: DeploymentCall, model: string): AsyncGenerator<StreamEvent[], undefined> {
  const { provider } = call.deployment;
  const textId = 'text-0';
  const text = new CumulativeText();
  let opened = false;
  let finished = false;
  let timedOut = false;
  const cancel = () => replies.cancel();
  call.cancellation.once('abort', cancel);
  const idle = setTimeout(() => {
    timedOut = true;
    replies.cancel();
  }, provider.timeoutMs);
  const open = (): StreamEvent[] => {
    if (opened) return [];
    opened = true;
    return [{ type: 'response-start', id: generateId('chathub-'), model }, { type: 'text-start', id: textId }];
  };
  try {
    for await (const reply of replies as AsyncIterable<ChatHubReply>) {
      idle.refresh();
      const events = open();
      const delta = text.push(reply.response ?? '');
      if (delta !== '') events.push({ type: 'text-delta', id: textId, delta });
      if (events.length > 0) yield events;
    }
    finished = true;
    const events = open();
    const tail = text.end();
    if (tail.rewritten) {
      events.push({
        type: 'error',
        error: new InterlinguaError('upstream_error', `${provider.name} rewrote text it had already sent (sent "${tail.shown}", final "${tail.final}"); the deltas cannot add up to the final text.`),
      });
      yield events;
      return undefined;
    }
    if (tail.delta !== '') events.push({ type: 'text-delta', id: textId, delta: tail.delta });
    events.push({ type: 'text-end', id: textId }, { type: 'finish', finishReason: { unified: 'stop' }, usage: {} });
    yield events;
  } catch (caught) {
    if (call.cancellation.aborted) return undefined;
    const error = timedOut
      ? new InterlinguaError('upstream_timeout', `${provider.name} sent nothing for ${provider.timeoutMs} ms.`, { retryable: true })
      : upstreamError(caught as ServiceError, provider.name, provider.baseUrl);
    yield [{ type: 'error', error: opened ? interrupted(error) : error }];
  } finally {
    clearTimeout(idle);
    call.cancellation.off('abort', cancel);
    if (!finished) replies.cancel();
  }
  return undefined;
}

/**
 * A failed call as a gateway error naming the provider. grpc-js writes the details of
 * UNAVAILABLE and DEADLINE_EXCEEDED itself, naming the address it dialled (`connect ECONNREFUSED
 * 10.…:50051`, `remote_addr=…`): the caller gets the status only, the log the details and URL.
 */
function upstreamError(error: ServiceError, providerName: string, url: string): InterlinguaError {
  const { status } = grpcJs();
  const code = error.code ?? status.UNKNOWN;
  const details = error.details ?? error.message;
  const writtenByClient = code === status.UNAVAILABLE || code === status.DEADLINE_EXCEEDED;
  const mapped = errorFromStatus(code, writtenByClient ? '' : details, providerName);
  return new InterlinguaError(mapped.code, mapped.message, {
    ...(mapped.vendorType !== undefined ? { vendorType: mapped.vendorType } : {}),
    upstream: { url, status: mapped.status, headers: {}, body: writtenByClient ? '' : details, dialect: 'chathub' },
    logFields: { upstreamUrl: url, cause: details },
    cause: error,
  });
}

/** A broken connection after the answer began is an interrupted stream, never a clean end. */
function interrupted(error: InterlinguaError): InterlinguaError {
  if (error.code !== 'upstream_unreachable' && error.code !== 'upstream_timeout') return error;
  return new InterlinguaError('stream_interrupted', `The upstream stream broke off: ${error.message}`, { cause: error, ...(error.logFields !== undefined ? { logFields: error.logFields } : {}) });
}
