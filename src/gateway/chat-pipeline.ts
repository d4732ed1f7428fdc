import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dialect, ParseRequestContext, StreamEncoder } from '../interlingua/dialect.js';
import type { Warning } from '../interlingua/warning.js';
import type { InterlinguaError } from '../interlingua/error.js';
import type { GatewayServices } from './services.js';
import type { Deployment } from './model-router.js';
import { parseJsonBody, readBody, sendError, sendJson, toInterlinguaError } from './http-io.js';
import { warningsHeader, warningsHeaderValue } from './warnings-header.js';
import { answerOutputWarnings, finishReasonWarnings } from './answer-output-warnings.js';
import { requestIdOf } from './request-context.js';
import { groupWarnings } from '../core/warning-groups.js';
import { Cancellation } from './cancellation.js';
import { RequestMeter } from './request-meter.js';
import { spendCeiling } from './spend-ceiling.js';
import { furtherCallHolds, holdToCover } from './grown-hold.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import { resolveForKey } from './resolve-for-key.js';
import { callerFraming, writeStallMsFor, writeStream, type StreamTarget } from './stream-writer.js';
import type { TurnRecorder } from './responses-conversation.js';
import { responseOwner } from '../conversations/response-owner.js';
import type { ChatResponse } from '../interlingua/response.js';
import { JsonArrayFraming } from '../wire/json-array-framing.js';
import { conversationHeader, type LoopObserver } from '../plugins/plugin-service.js';
import type { CarriedResults } from '../plugins/jobs/carried-results.js';

/** Names the plugin tools that ran for a non-streamed answer, as JSON (a stream shows them as SSE comments). */
const pluginCallsHeader = 'x-interlingua-plugin-calls';

import type { ExchangeCapture } from '../console/exchange-log.js';

/** Names the captured exchange, when the console's capture is on. */
export const exchangeHeader = 'x-interlingua-exchange';
import { StreamFolder } from '../core/fold-stream.js';
import { cacheHeader } from './response-cache.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import { failureLogFields } from './failure-log.js';
import type { ChatRequest } from '../interlingua/request.js';
import { RelayedStream } from './pass-through/relayed-stream.js';
import { ForwardedJson } from './pass-through/forwarded.js';
import { sendForwardedJson, writeRelayedStream } from './pass-through/relay-to-caller.js';

export interface InboundRoute {
  dialect: Dialect;
  context: ParseRequestContext;
}

/**
 * One chat request over HTTP end to end: read and parse the caller's body, let the engine find
 * a deployment that answers, then write the answer or the stream in the caller's dialect.
 * Every failure reaches the caller in its own dialect.
 */
export async function handleChatRequest(
  services: GatewayServices,
  route: InboundRoute,
  incoming: IncomingMessage,
  response: ServerResponse,
  key: GatewayKey | undefined,
): Promise<void> {
  const caller = route.dialect;
  const cancellation = new Cancellation();
  // A shutdown cut at the drain deadline takes the same path as a caller who went away.
  const untie = services.inFlight.cancelOnCut(cancellation);
  response.on('close', () => {
    untie();
    if (!response.writableFinished) cancellation.abort();
  });
  const started = Date.now();
  const meter = new RequestMeter(services, caller.name);
  meter.key = key;
  meter.requestId = requestIdOf(response);
  meter.dialect = caller;
  let requestedModel: string | undefined;
  let deployment: Deployment | undefined;
  let capture: ExchangeCapture | undefined;
  // Job results this turn carries leave their inbox only with an answer the caller got whole.
  let carried: CarriedResults | undefined;
  try {
    const body = parseJsonBody(await readBody(incoming, services.config.server.maxBodyBytes));
    capture = services.exchanges?.begin(caller.name, body, meter.requestId);
    // Message content is logged only when asked for.
    if (services.config.logging.bodies) services.logger.info('request body', { caller: caller.name, body });
    const parsed = caller.parseRequest(body, route.context);
    capture?.parsed(parsed.request, parsed.warnings);
    requestedModel = parsed.request.model;
    meter.model = requestedModel;
    meter.stream = parsed.request.stream;
    // The key's check and the plugins' turn are synchronous unless they have something to wait
    // for: an `await` of a plain value still costs a promise and a microtask turn per request.
    const admitted = services.access.admit(key, requestedModel, () => spendCeiling(services, parsed.request));
    if (admitted !== undefined) meter.hold = await admitted;
    // A key limited to some models learns of no other from an unknown name's error; the engine would
    // refuse the name later with every alias offered.
    if (key?.models !== undefined) resolveForKey(services.router, requestedModel, key);
    // What the caller's own servers answer without a model (Ollama's load request), once the model is known here.
    const unrun = caller.answerWithoutModel?.(parsed.request);
    if (unrun !== undefined) {
      services.router.resolve(requestedModel);
      capture?.answered(unrun);
      capture?.ended(200);
      sendJson(response, 200, unrun);
      // Admitted like any request (the key's requests per minute counted it), so recorded like one.
      return meter.answeredWithoutModel();
    }
    // A Responses caller's conversation may live in the gateway's store, as its key's own.
    const turn = caller.name === 'openai-responses' ? await services.responses.prepare(parsed.request, responseOwner(key?.id)) : undefined;
    // Results of async plugin jobs join the conversation they belong to; a plugin model runs the tool loop.
    const preparedTurn = services.plugins.prepare(turn?.request ?? parsed.request, incoming.headers, key);
    const pluginTurn = preparedTurn instanceof Promise ? await preparedTurn : preparedTurn;
    carried = pluginTurn.carried;
    const request = pluginTurn.request;
    meter.request = request;
    // Admission held for the request as it came; a conversation replayed from the store, or job
    // results carried into it, are sent too. Only a budget waits for this.
    if (key?.budget !== undefined && (turn?.continued === true || carried !== undefined)) await holdToCover(services, key, meter, request);
    const recorder = turn?.recorder;
    const options = {
      cancellation,
      caller: { dialect: caller.name, headers: incoming.headers },
      ...(capture !== undefined ? { capture } : {}),
      ...(key !== undefined ? { keyId: key.id } : {}),
      attempts: meter.attempts,
      failedAttemptUsage: meter.attemptSpent,
      // A call an attempt makes of its own accord (tool emulation's repair) is held for as a plugin loop's next call is.
      ...(key?.budget !== undefined ? { holdForFurtherCall: furtherCallHolds(services, key, meter) } : {}),
    };
    const context = { requestedModel: request.model, request: turn?.echo ?? request, startedAt: meter.startedPrecise };
    const jsonArray = route.context.streamFraming === 'json-array';
    const sse = !jsonArray && caller.streamFraming === 'sse';
    const pluginCalls: string[] = [];
    const observer: LoopObserver = {
      onPluginCall(name) {
        pluginCalls.push(name);
        // An SSE comment, so a person reading the raw stream sees which plugin runs: only for callers
        // whose clients skip comments (Google's Gemini clients parse every line as JSON), and only
        // while the socket takes more (it says nothing the answer needs).
        if (request.stream && sse && caller.clientsSkipSseComments !== false && response.headersSent && !response.destroyed && !response.writableNeedDrain) {
          response.write(`: plugin ${name} running\n\n`);
        }
      },
      onModelCallSpent(spent) {
        // What the loop's calls used is the request's, should the caller leave, or a later call be
        // refused or fail. A total of all calls so far: the meter's merge replaces the last one.
        meter.reported(spent.usage);
        deployment ??= spent.deployment;
      },
      async beforeModelCall(next, spent) {
        // One request, many calls: each further call is held for against the key's budget as it grows.
        if (key?.budget !== undefined) await holdToCover(services, key, meter, next, spent);
      },
    };
    // The upstream's answer may reach the caller as it came when nothing here needs it parsed (src/gateway/pass-through/).
    const forwardable = pluginTurn.plan === undefined && recorder === undefined && turn?.continued !== true && capture === undefined && !services.config.logging.bodies && !jsonArray;
    if (request.stream) {
      const answered = pluginTurn.plan !== undefined ? await services.plugins.stream(pluginTurn, options, observer) : forwardable ? await services.engine.streamForwarding(request, options) : await services.engine.stream(request, options);
      deployment = answered.deployment;
      const headers = answerHeaders(services, caller, deployment, [...parsed.warnings, ...answered.warnings], { capture, cache: answered.cache, requestId: meter.requestId });
      meter.cacheHit = answered.cache === 'hit';
      if (pluginTurn.conversationId !== undefined) headers[conversationHeader] = pluginTurn.conversationId;
      const encoder: StreamEncoder = jsonArray ? new JsonArrayFraming(caller.createStreamEncoder(context)) : caller.createStreamEncoder(context);
      const { framing, contentType } = callerFraming(caller.streamFraming, jsonArray);
      headers['content-type'] = contentType;
      headers['cache-control'] = 'no-cache';
      const folder = services.config.logging.bodies ? new StreamFolder() : undefined;
      const measure = folder === undefined ? meter.observe : (event: StreamEvent) => (meter.observe(event), pushQuietly(folder, event));
      // An error after the first byte reaches the caller in-band; the log gets what only an operator may see.
      // A caller that leaves once told of a stream error (the SDKs throw on it and disconnect) is
      // recorded with that error, not as cancelled; an error that follows a cut (the caller gone,
      // the shutdown's deadline) is the cut's.
      let streamFailed = false;
      const observe = (event: StreamEvent) => {
        measure(event);
        if (event.type === 'finish') logStreamedOutputWarnings(services, caller, deployment, event);
        if (event.type !== 'error') return;
        if (!cancellation.aborted) streamFailed = true;
        services.logger.warn('stream failed', { caller: caller.name, model: requestedModel, ...failureLogFields(event.error) });
      };
      const opened = answered.value;
      // A caller that reads nothing is cut within the provider's own patience, so it cannot hold the
      // provider's connections (maxConnections) for longer than a stalled upstream could.
      const stallMs = writeStallMsFor(deployment.provider.timeoutMs);
      if (opened instanceof RelayedStream) {
        // An in-band error after the upstream's bytes must name the response the upstream began (a
        // Responses `response.failed`) and open nothing anew: the encoder learns that start (what it
        // would write for it is not sent), only when such an error is to be written, and numbers it
        // after the upstream's last frame.
        let started: StreamEvent | undefined;
        const learn = (event: StreamEvent) => {
          if (event.type === 'response-start') started = event;
          observe(event);
        };
        const errorFrame = (error: InterlinguaError) => {
          if (started !== undefined) encoder.encode(started);
          started = undefined;
          const last = opened.lastFrame;
          if (last !== undefined) encoder.continueAfter?.(last);
          return encoder.encode({ type: 'error', error });
        };
        // Only some frames are decoded on the way: the text so far, if its tokens must be estimated, is read afterwards.
        meter.relay = opened;
        await writeRelayedStream(opened, { response, headers, observe: learn, errorFrame, stallMs });
      } else {
        const tapped = recorder?.tap(opened);
        const target: StreamTarget = { response, encoder, framing, headers, observe, stallMs, readsComments: caller.clientsSkipSseComments !== false };
        if (capture !== undefined) target.capture = (events, text) => capture?.written(events, text);
        if (recorder !== undefined && tapped !== undefined) {
          target.beforeFinish = () => storeStreamed(services, recorder, tapped.folded(), encoder.finalResponse?.() ?? caller.emitResponse(tapped.folded(), context));
        }
        await writeStream(tapped?.stream ?? opened, target);
      }
      if (folder !== undefined && !cancellation.aborted) services.logger.info('response body', { caller: caller.name, streamed: true, body: describeFolded(folder) });
      const abandoned = cancellation.aborted && !streamFailed;
      if (carried !== undefined) await (cancellation.aborted || streamFailed ? carried.undelivered() : carried.delivered());
      if (abandoned) meter.abandoned(deployment, cancellation.reason);
      else meter.succeeded(deployment);
      capture?.ended(abandoned ? 499 : 200);
    } else {
      const answered = pluginTurn.plan !== undefined ? await services.plugins.complete(pluginTurn, options, observer) : forwardable ? await services.engine.completeForwarding(request, options) : await services.engine.complete(request, options);
      deployment = answered.deployment;
      if (carried !== undefined) await carried.delivered();
      const lostOutput = answered.value instanceof ForwardedJson ? [] : [...answerOutputWarnings(answered.value.vendor, caller), ...finishReasonWarnings(answered.value.finishReason, caller)];
      const headers = answerHeaders(services, caller, deployment, [...parsed.warnings, ...answered.warnings, ...lostOutput], { capture, cache: answered.cache, requestId: meter.requestId });
      meter.cacheHit = answered.cache === 'hit';
      if (pluginTurn.conversationId !== undefined) headers[conversationHeader] = pluginTurn.conversationId;
      if (pluginCalls.length > 0) headers[pluginCallsHeader] = JSON.stringify(pluginCalls);
      if (answered.value instanceof ForwardedJson) {
        sendForwardedJson(response, answered.value, headers);
        meter.succeeded(deployment, answered.value.usage, answered.value);
        return served(services, caller, request, deployment, started);
      }
      const answer = recorder === undefined ? answered.value : recorder.identify(answered.value);
      const emitted = caller.emitResponse(answer, context);
      if (recorder !== undefined) {
        meter.reported(answer.usage);
        await recorder.save(answer, emitted);
      }
      capture?.answered(emitted);
      capture?.ended(200);
      if (caller.answerHeaders !== undefined) Object.assign(headers, caller.answerHeaders(answer));
      sendJson(response, 200, emitted, headers);
      if (services.config.logging.bodies) services.logger.info('response body', { caller: caller.name, body: emitted });
      meter.succeeded(deployment, answer.usage, answer);
    }
    served(services, caller, request, deployment as Deployment, started);
  } catch (caught) {
    if (carried !== undefined) await carried.undelivered();
    if (cancellation.aborted) {
      meter.abandoned(deployment, cancellation.reason);
      capture?.ended(499);
      services.logger.info(cancellation.reason === 'shutdown' ? 'request cut at the shutdown drain deadline' : 'caller went away', { caller: caller.name, model: requestedModel });
      return;
    }
    const error = toInterlinguaError(caught);
    meter.failed(error, deployment);
    capture?.ended(error.status, error);
    if (error.code === 'internal') services.logger.error('internal error', { error: String(error.cause ?? error) });
    else services.logger.warn('request failed', { caller: caller.name, model: requestedModel, ...failureLogFields(error) });
    // A failed request is captured too: the header lets the console link its error to the inspector.
    if (capture !== undefined && !response.headersSent) response.setHeader(exchangeHeader, capture.id);
    sendError(response, caller, error);
  }
}

/** One log line for each answered request, whichever path wrote the answer. */
function served(services: GatewayServices, caller: Dialect, request: ChatRequest, deployment: Deployment, started: number): void {
  services.logger.info('request served', {
    caller: caller.name,
    model: request.model,
    deployment: `${deployment.provider.name}/${deployment.model}`,
    stream: request.stream,
    milliseconds: Date.now() - started,
  });
}

interface AnswerFacts {
  capture: ExchangeCapture | undefined;
  cache: 'hit' | 'miss' | undefined;
  requestId: string | undefined;
}

/**
 * The deployment that answered, and what could not be carried to it. The header may be cut to
 * its cap, so the whole grouped list is logged (under the request's id) and pointed to from it.
 */
function answerHeaders(services: GatewayServices, caller: Dialect, deployment: Deployment, warnings: Warning[], facts: AnswerFacts): Record<string, string> {
  const name = `${deployment.provider.name}/${deployment.model}`;
  const headers: Record<string, string> = { 'x-interlingua-deployment': name };
  // The console's inspector finds the exchange by this id.
  if (facts.capture !== undefined) headers[exchangeHeader] = facts.capture.id;
  if (facts.cache !== undefined) headers[cacheHeader] = facts.cache;
  const pointer = { ...(facts.requestId !== undefined ? { requestId: facts.requestId } : {}), ...(facts.capture !== undefined ? { exchange: facts.capture.id } : {}) };
  const value = warningsHeaderValue(warnings, pointer);
  if (value !== undefined) {
    headers[warningsHeader] = value;
    services.logger.info('translation warnings', { caller: caller.name, deployment: name, warnings: groupWarnings(warnings) });
  }
  return headers;
}

/** A stream's headers are sent before its end tells what the answer held beyond its blocks, or why it ended: that is logged as the header's warnings are. */
function logStreamedOutputWarnings(services: GatewayServices, caller: Dialect, deployment: Deployment | undefined, finish: Extract<StreamEvent, { type: 'finish' }>): void {
  const warnings = [...answerOutputWarnings(finish.vendor, caller), ...finishReasonWarnings(finish.finishReason, caller)];
  if (warnings.length === 0) return;
  const name = deployment === undefined ? undefined : `${deployment.provider.name}/${deployment.model}`;
  services.logger.info('translation warnings', { caller: caller.name, deployment: name, streamed: true, warnings: groupWarnings(warnings) });
}

/**
 * Stores a streamed answer. The caller already has it, so a failure to store is logged rather
 * than breaking the stream; continuing from it later then fails with a clear "not found".
 */
async function storeStreamed(services: GatewayServices, recorder: TurnRecorder, answer: ChatResponse, body: unknown): Promise<void> {
  try {
    await recorder.save(answer, body);
  } catch (error) {
    services.logger.error('could not store response', { id: recorder.id, error: String(error) });
  }
}

/** A streamed answer as one response for the body log; a stream that broke off says so. */
function describeFolded(folder: StreamFolder): unknown {
  try {
    return folder.result();
  } catch (error) {
    return { incomplete: String(error) };
  }
}

/** Folding for the log must never break the caller's stream. */
function pushQuietly(folder: StreamFolder, event: StreamEvent): void {
  try {
    folder.push(event);
  } catch {
    // the folded body is then logged as incomplete
  }
}
