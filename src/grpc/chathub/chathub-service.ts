import type { sendUnaryData, ServerUnaryCall, ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { streamEvents } from '../../gateway/chat-engine.js';
import { toInterlinguaError } from '../../gateway/http-io.js';
import type { GatewayServices } from '../../gateway/services.js';
import { statusForError } from '../status-codes.js';
import { answerMetadata, bearerToken, callCancellation, endAtShutdown, metadataValue, recordCutShort, type Authorize } from '../served-call.js';
import { admitCall, engineOptions } from '../metered-call.js';
import type { RequestMeter } from '../../gateway/request-meter.js';
import type { Deployment } from '../../gateway/model-router.js';
import { requestFromChatHub } from './request-from-chathub.js';
import type { ChatHubReply, ChatHubRequest } from './wire-types.js';
import { failureLogFields } from '../../gateway/failure-log.js';
import { replyTooLarge } from '../reply-limit.js';
import { chatReplyBytes } from './reply-size.js';
import { LatestReplies } from './latest-replies.js';
import { drainedOrCut } from '../stalled-callers.js';
import { writeStallMsFor } from '../../gateway/stream-writer.js';

export interface ChatHubServiceOptions {
  /** The model of a call that names none in its `x-model` metadata. */
  defaultModel?: string;
  authorize?: Authorize;
  /**
   * The largest reply message, in bytes: the server's `grpc.max_send_message_length`. A longer answer
   * fails as a gateway error (reply-limit.ts). Unset: no limit.
   */
  maxReplyBytes?: number;
}

/** Metadata key that names the model, since ChatHub's messages have no field for it. */
export const modelMetadataKey = 'x-model';

/**
 * `aihub.ChatHub` served by the gateway, so a client written for the seed's ChatGLM server
 * reaches any model unchanged. `StreamingChat` sends the whole answer so far in every reply,
 * as the seed's server does, but only the latest of those a slow client has yet to take
 * (latest-replies.ts); only text travels (ChatHub has no tools or reasoning).
 */
export function chatHubService(services: GatewayServices, options: ChatHubServiceOptions): UntypedServiceImplementation {
  const authorize: Authorize = options.authorize ?? (async () => undefined);
  const maxReplyBytes = options.maxReplyBytes ?? Infinity;
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
    endAtShutdown(cancellation, (status) => callback(status));
    // Counted as in flight: a shutdown waits for the call, and cuts it at its drain deadline.
    void services.inFlight.run(cancellation, async () => {
      let meter: RequestMeter | undefined;
      let deployment: Deployment | undefined;
      try {
        const parsed = await parse(call, false);
        meter = parsed.meter;
        const answered = await services.engine.complete(parsed.request, engineOptions(services, parsed.meter, cancellation));
        const text = answerText(answered.value);
        if (chatReplyBytes(Buffer.byteLength(text)) > maxReplyBytes) {
          // Paid for all the same: charged to its deployment with the tokens the upstream counted.
          deployment = answered.deployment;
          meter.reported(answered.value.usage);
          throw replyTooLarge(maxReplyBytes);
        }
        call.sendMetadata(answerMetadata(answered.deployment, answered.warnings));
        callback(null, { response: text });
        meter.succeeded(answered.deployment, answered.value.usage, answered.value);
      } catch (caught) {
        if (cancellation.aborted) return recordCutShort(meter, undefined, cancellation);
        meter?.failed(toInterlinguaError(caught), deployment);
        callback(fail('chathub', caught));
      }
    });
  };

  const StreamingChat = (call: ServerWritableStream<ChatHubRequest, ChatHubReply>): void => {
    const cancellation = callCancellation(call);
    endAtShutdown(cancellation, (status) => call.emit('error', status));
    // Counted as in flight: a shutdown waits for the call, and cuts it at its drain deadline.
    void services.inFlight.run(cancellation, async () => {
      let meter: RequestMeter | undefined;
      let deployment: Deployment | undefined;
      try {
        const parsed = await parse(call, true);
        meter = parsed.meter;
        const opened = await services.engine.stream(parsed.request, engineOptions(services, parsed.meter, cancellation));
        deployment = opened.deployment;
        call.sendMetadata(answerMetadata(opened.deployment, opened.warnings));
        const stallMs = writeStallMsFor(opened.deployment.provider.timeoutMs);
        const replies = new LatestReplies(call, cancellation, () => drainedOrCut(call, cancellation, stallMs));
        try {
          let soFar = '';
          // UTF-8 bytes of `soFar`, added up delta by delta; a surrogate pair split between two deltas counts 2 bytes over.
          let soFarBytes = 0;
          for await (const event of streamEvents(opened.value)) {
            if (cancellation.aborted) return recordCutShort(meter, opened.deployment, cancellation);
            meter.observe(event);
            if (event.type === 'error') {
              // The text read before the stream broke still reaches the client, ahead of the error.
              await replies.finish();
              throw event.error;
            }
            if (event.type !== 'text-delta') continue;
            soFar += event.delta;
            soFarBytes += Buffer.byteLength(event.delta);
            // Past the limit by the sum, counted exactly: the sum may be a few bytes over.
            if (chatReplyBytes(soFarBytes) > maxReplyBytes) soFarBytes = Buffer.byteLength(soFar);
            if (chatReplyBytes(soFarBytes) > maxReplyBytes) {
              const error = replyTooLarge(maxReplyBytes);
              // Noted as the stream's end, so that its tokens are estimated as those of any stream cut short.
              meter.observe({ type: 'error', error });
              // The text that fitted still reaches the client, ahead of the error, as on a broken stream.
              await replies.finish();
              throw error;
            }
            await replies.offer(soFar);
          }
          await replies.finish();
        } finally {
          await opened.value.rest.return?.(undefined);
        }
        if (cancellation.aborted) return recordCutShort(meter, opened.deployment, cancellation);
        call.end();
        meter.succeeded(opened.deployment);
      } catch (caught) {
        if (cancellation.aborted) return recordCutShort(meter, deployment, cancellation);
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
