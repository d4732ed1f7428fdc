import type { sendUnaryData, ServerUnaryCall, ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { streamEvents } from '../../gateway/chat-engine.js';
import { toInterlinguaError } from '../../gateway/http-io.js';
import type { GatewayServices } from '../../gateway/services.js';
import { statusForError } from '../status-codes.js';
import { answerMetadata, bearerToken, callCancellation, metadataValue, type Authorize } from '../served-call.js';
import { admitCall, engineOptions } from '../metered-call.js';
import type { RequestMeter } from '../../gateway/request-meter.js';
import type { Deployment } from '../../gateway/model-router.js';
import { requestFromChatHub } from './request-from-chathub.js';
import type { ChatHubReply, ChatHubRequest } from './wire-types.js';
import { failureLogFields } from '../../gateway/failure-log.js';

export interface ChatHubServiceOptions {
  /** The model of a call that names none in its `x-model` metadata. */
  defaultModel?: string;
  authorize?: Authorize;
}

/** Metadata key that names the model, since ChatHub's messages have no field for it. */
export const modelMetadataKey = 'x-model';

/**
 * `aihub.ChatHub` served by the gateway, so a client written for the seed's ChatGLM server
 * reaches any model unchanged. `StreamingChat` sends the whole answer so far in every reply,
 * as the seed's server does; only text travels (ChatHub has no tools or reasoning).
 */
export function chatHubService(services: GatewayServices, options: ChatHubServiceOptions): UntypedServiceImplementation {
  const authorize: Authorize = options.authorize ?? (async () => undefined);
  const parse = async (call: { metadata: ServerUnaryCall<ChatHubRequest, ChatHubReply>['metadata']; request: ChatHubRequest }, stream: boolean) => {
    const model = metadataValue(call.metadata, modelMetadataKey) ?? options.defaultModel;
    if (model === undefined) {
      await authorize(bearerToken(call.metadata));
      throw new InterlinguaError('invalid_request', `No model: send "${modelMetadataKey}" metadata, or configure grpc.defaultModel.`, { param: modelMetadataKey });
    }
    return admitCall(services, authorize, call.metadata, 'chathub', model, stream, () => requestFromChatHub(call.request, model, stream));
  };
  const fail = (where: string, caught: unknown) => {
    const error = toInterlinguaError(caught);
    if (error.code === 'internal') services.logger.error('internal error', { error: String(error.cause ?? error) });
    else services.logger.warn('request failed', { caller: where, ...failureLogFields(error) });
    return statusForError(error);
  };

  const Chat = (call: ServerUnaryCall<ChatHubRequest, ChatHubReply>, callback: sendUnaryData<ChatHubReply>): void => {
    const cancellation = callCancellation(call);
    // Counted as in flight: a shutdown waits for the call, and cuts it at its drain deadline.
    void services.inFlight.run(cancellation, async () => {
      let meter: RequestMeter | undefined;
      try {
        const parsed = await parse(call, false);
        meter = parsed.meter;
        const answered = await services.engine.complete(parsed.request, engineOptions(parsed.meter, cancellation));
        call.sendMetadata(answerMetadata(answered.deployment, answered.warnings));
        callback(null, { response: answerText(answered.value) });
        meter.succeeded(answered.deployment, answered.value.usage, answered.value);
      } catch (caught) {
        if (cancellation.aborted) return meter?.abandoned(undefined, cancellation.reason);
        meter?.failed(toInterlinguaError(caught));
        callback(fail('chathub', caught));
      }
    });
  };

  const StreamingChat = (call: ServerWritableStream<ChatHubRequest, ChatHubReply>): void => {
    const cancellation = callCancellation(call);
    // Counted as in flight: a shutdown waits for the call, and cuts it at its drain deadline.
    void services.inFlight.run(cancellation, async () => {
      let meter: RequestMeter | undefined;
      let deployment: Deployment | undefined;
      try {
        const parsed = await parse(call, true);
        meter = parsed.meter;
        const opened = await services.engine.stream(parsed.request, engineOptions(parsed.meter, cancellation));
        deployment = opened.deployment;
        call.sendMetadata(answerMetadata(opened.deployment, opened.warnings));
        try {
          let soFar = '';
          for await (const event of streamEvents(opened.value)) {
            if (cancellation.aborted) return meter.abandoned(opened.deployment, cancellation.reason);
            meter.observe(event);
            if (event.type === 'error') throw event.error;
            if (event.type !== 'text-delta') continue;
            soFar += event.delta;
            if (!call.write({ response: soFar })) await cancellation.drained(call);
          }
        } finally {
          await opened.value.rest.return?.(undefined);
        }
        call.end();
        meter.succeeded(opened.deployment);
      } catch (caught) {
        if (cancellation.aborted) return meter?.abandoned(deployment, cancellation.reason);
        // A stream that broke after it began is charged to its deployment, its tokens estimated, as over HTTP.
        meter?.failed(toInterlinguaError(caught), deployment);
        call.emit('error', fail('chathub', caught));
      }
    });
  };

  return { Chat, StreamingChat };
}

/** The answer's text; reasoning is not part of what a ChatHub client shows. */
function answerText(response: ChatResponse): string {
  return response.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
