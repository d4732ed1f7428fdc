import type { sendUnaryData, ServerUnaryCall, ServerWritableStream, ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { streamEvents } from '../../gateway/chat-engine.js';
import { toInterlinguaError } from '../../gateway/http-io.js';
import type { GatewayServices } from '../../gateway/services.js';
import { statusForError } from '../status-codes.js';
import { answerMetadata, bearerToken, callCancellation, endAtShutdown, recordCutShort, type Authorize } from '../served-call.js';
import { drainedOrCut } from '../stalled-callers.js';
import { writeStallMsFor } from '../../gateway/stream-writer.js';
import { admitCall, engineOptions } from '../metered-call.js';
import type { RequestMeter } from '../../gateway/request-meter.js';
import type { Deployment } from '../../gateway/model-router.js';
import { requestFromWire } from './request-from-wire.js';
import { eventToWire, responseToWire } from './response-to-wire.js';
import type { WireChatRequest, WireChatResponse, WireStreamEvent } from './wire-types.js';
import { failureLogFields } from '../../gateway/failure-log.js';
import { lostOutputWarnings, StreamedGeneratedOutput, unportedOutputIn } from './generated-output.js';
import { replyTooLarge } from '../reply-limit.js';
import { completeReplySize } from './complete-reply-size.js';

export interface InterlinguaServiceOptions {
  authorize?: Authorize;
  /**
   * The largest reply message, in bytes: the server's `grpc.max_send_message_length`. A longer
   * `Complete` answer fails as a gateway error (reply-limit.ts). Unset: no limit.
   */
  maxReplyBytes?: number;
  /** The service's definition as served, whose encoder measures a reply against `maxReplyBytes`. */
  definition?: ServiceDefinition;
}

/**
 * `interlingua.v1.Interlingua`: the engine's requests and events with nothing translated away.
 * A failure before the first event ends the call with its status; after it, an `error` event
 * is sent and the call then ends with the same status, so no client mistakes it for a finish.
 */
export function interlinguaService(services: GatewayServices, options: InterlinguaServiceOptions): UntypedServiceImplementation {
  const fail = (caught: unknown) => {
    const error = toInterlinguaError(caught);
    if (error.code === 'internal') services.logger.error('internal error', { error: String(error.cause ?? error) });
    else services.logger.warn('request failed', { caller: 'interlingua.v1', ...failureLogFields(error) });
    return { error, status: statusForError(error) };
  };

  const authorize: Authorize = options.authorize ?? (async () => undefined);
  const maxReplyBytes = options.maxReplyBytes ?? Infinity;
  // Only when there is a limit to measure against.
  const replySize = Number.isFinite(maxReplyBytes) && options.definition !== undefined ? completeReplySize(options.definition) : undefined;
  /**
   * The request, read once its caller is known, so that a caller without a valid key is refused
   * as such, whatever it sent. A body that cannot be read is refused but not recorded as usage, as
   * over HTTP: a record needs the model, which only a readable body gives (chat-pipeline.ts parses
   * the body before it sets the meter's model, and `RequestMeter.finish` records nothing without one).
   */
  const admit = async (call: { metadata: ServerUnaryCall<WireChatRequest, WireChatResponse>['metadata']; request: WireChatRequest }, stream: boolean) => {
    const key = (await authorize(bearerToken(call.metadata))) ?? undefined;
    const { value: request, warnings } = requestFromWire(call.request, stream);
    const { meter } = await admitCall(services, async () => key, call.metadata, 'interlingua.v1', request.model, stream, () => request);
    return { request, warnings, meter };
  };

  const Complete = (call: ServerUnaryCall<WireChatRequest, WireChatResponse>, callback: sendUnaryData<WireChatResponse>): void => {
    const cancellation = callCancellation(call);
    endAtShutdown(cancellation, (status) => callback(status));
    // Counted as in flight: a shutdown waits for the call, and cuts it at its drain deadline.
    void services.inFlight.run(cancellation, async () => {
      let meter: RequestMeter | undefined;
      let deployment: Deployment | undefined;
      try {
        const admitted = await admit(call, false);
        meter = admitted.meter;
        const answered = await services.engine.complete(admitted.request, engineOptions(services, admitted.meter, cancellation));
        const warnings = [...admitted.warnings, ...answered.warnings, ...lostOutputWarnings(unportedOutputIn(answered.value.vendor))];
        const reply = responseToWire(answered.value, { deployment: `${answered.deployment.provider.name}/${answered.deployment.model}`, warnings });
        // grpc-js would refuse it only as it sends, after the call was taken for answered.
        if (replySize !== undefined && replySize(reply) > maxReplyBytes) {
          // Paid for all the same: charged to its deployment with the tokens the upstream counted.
          deployment = answered.deployment;
          meter.reported(answered.value.usage);
          throw replyTooLarge(maxReplyBytes);
        }
        call.sendMetadata(answerMetadata(answered.deployment, warnings));
        callback(null, reply);
        meter.succeeded(answered.deployment, answered.value.usage, answered.value);
      } catch (caught) {
        if (cancellation.aborted) return recordCutShort(meter, undefined, cancellation);
        meter?.failed(toInterlinguaError(caught), deployment);
        callback(fail(caught).status);
      }
    });
  };

  const Stream = (call: ServerWritableStream<WireChatRequest, WireStreamEvent>): void => {
    const cancellation = callCancellation(call);
    endAtShutdown(cancellation, (status) => call.emit('error', status));
    // Counted as in flight: a shutdown waits for the call, and cuts it at its drain deadline.
    void services.inFlight.run(cancellation, async () => {
      let started = false;
      let meter: RequestMeter | undefined;
      let deployment: Deployment | undefined;
      try {
        const admitted = await admit(call, true);
        meter = admitted.meter;
        const opened = await services.engine.stream(admitted.request, engineOptions(services, admitted.meter, cancellation));
        deployment = opened.deployment;
        const warnings = [...admitted.warnings, ...opened.warnings];
        call.sendMetadata(answerMetadata(opened.deployment, warnings));
        started = true;
        const facts = { deployment: `${opened.deployment.provider.name}/${opened.deployment.model}`, warnings };
        const output = new StreamedGeneratedOutput();
        const stallMs = writeStallMsFor(opened.deployment.provider.timeoutMs);
        const write = async (message: WireStreamEvent) => {
          if (!call.write(message)) await drainedOrCut(call, cancellation, stallMs);
        };
        try {
          for await (const event of streamEvents(opened.value)) {
            if (cancellation.aborted) return recordCutShort(meter, opened.deployment, cancellation);
            meter.observe(event);
            // An image the model drew is written where it came; the rest of such output is told at `finish`.
            if (event.type === 'vendor-output') {
              for (const image of output.placed(event.vendor)) await write({ generated_image: image });
              continue;
            }
            if (event.type === 'finish') {
              const end = output.atFinish(event.vendor);
              for (const image of end.images) await write({ generated_image: image });
              await write(eventToWire(event, facts, end.warnings));
              continue;
            }
            if (event.type === 'error') {
              call.write(eventToWire(event, facts));
              throw event.error;
            }
            await write(eventToWire(event, facts));
          }
        } finally {
          await opened.value.rest.return?.(undefined);
        }
        // Cut while the upstream was let go of: the cut has ended the call (endAtShutdown), or its client is gone.
        if (cancellation.aborted) return recordCutShort(meter, opened.deployment, cancellation);
        call.end();
        meter.succeeded(opened.deployment);
      } catch (caught) {
        if (cancellation.aborted) return recordCutShort(meter, deployment, cancellation);
        // A stream that broke after it began is charged to its deployment, its tokens estimated, as over HTTP.
        meter?.failed(toInterlinguaError(caught), deployment);
        const failure = fail(caught);
        if (started && failure.error.code === 'internal') call.write(eventToWire({ type: 'error', error: failure.error }, { deployment: '', warnings: [] }));
        call.emit('error', failure.status);
      }
    });
  };

  return { Complete, Stream };
}
