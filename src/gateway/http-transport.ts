import type { IncomingHttpHeaders } from 'node:http';
import type { ChatRequest } from '../interlingua/request.js';
import type { ChatResponse } from '../interlingua/response.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { Usage } from '../interlingua/usage.js';
import type { Dialect, EmitRequestOptions } from '../interlingua/dialect.js';
import { fitToolNames } from '../core/tool-name-fit.js';
import { withoutEchoedPrefix } from '../core/echoed-prefix.js';
import { wrappedJsonRoot } from '../core/json-root-wrap.js';
import { bothRestorers, type AnswerRestorer } from '../core/answer-restorer.js';
import { authorizedEndpoint, chatEndpoint, vendorHeaderNames, withForwardedHeaders, type UpstreamEndpoint } from '../providers/index.js';
import type { AwsRequestSigner } from '../providers/aws-signing.js';
import { CloudTokens } from '../providers/cloud-tokens.js';
import type { Carried, DeploymentCall, DeploymentTransport } from './deployment-transport.js';
import type { ImageInliner } from './image-inliner.js';
import { hasImagesToInline } from './request-inspection.js';
import type { UpstreamClient, UpstreamResponse } from './upstream-client.js';
import { isHttpProvider, requireHttpProvider, type HttpProviderConfig, type UpstreamDialects } from './upstream-dialects.js';
import { dialects } from '../dialects/registry.js';
import { passThroughTapFor } from './pass-through/dialect-taps.js';
import { forwardJson, forwardStream, forwardWholeAsStream, type Forwarded } from './pass-through/forwarded.js';
import { relayFramingFor } from './pass-through/relay-framing.js';
import { withAutomaticBreakpoints } from './automatic-cache-breakpoints.js';
import { answerJson, successfulAnswer, upstreamAnswerBytes, upstreamJson } from './upstream-answer.js';
import { answerBodyError, isErrorBody } from './answer-body-error.js';
import { answersWithJson, wholeAnswerWarning } from './stream-content-type.js';
import { withIdentityEncoding } from './identity-encoding.js';
import { oneEventBatch, upstreamEventBatches, type EventBatches } from './upstream-events.js';
import { foldedAnswerFailure, withFailedFinish, withUsageOf } from './failed-finish.js';
import { responseToEvents } from '../core/response-to-events.js';
import type { Warning, WithWarnings } from '../interlingua/warning.js';
import { fitImageMediaTypes } from '../core/image-media-type-fit.js';
import { fitImageFormats } from '../core/image-format-fit.js';
import { fitImageSizes } from '../core/image-size-fit.js';
import { hasImages } from '../core/request-images.js';
import { withoutDocumentUrls } from '../core/document-url-fit.js';
import { fitRequestToModel } from '../catalog/fit-request.js';
import { candidatesOnlyForwarded, oneCandidateAcrossDialects, type AnswerPath } from './candidate-count-fit.js';
import { responsesBridge } from './responses-bridge.js';
import { bindsThinkingBlocks, callerBetasFor } from './claude-dialects.js';
import { StreamFolder } from '../core/fold-stream.js';
import type { ModelFacts, ReasoningControl } from '../catalog/model-facts.js';
import type { ProviderConfig } from '../config/resolved-config.js';

/** What the catalog knows of a provider's model, to fit requests to it. */
export type ModelFactsLookup = (provider: ProviderConfig, model: string) => ModelFacts | undefined;

/** Upstreams that speak an HTTP dialect: emit its request, POST it, read its answer or stream. */
export class HttpTransport implements DeploymentTransport {
  constructor(
    private readonly dialects: UpstreamDialects,
    private readonly client: UpstreamClient,
    private readonly images: ImageInliner,
    /** Signs requests to providers that authenticate with AWS SigV4 (Bedrock). */
    private readonly awsSigner: AwsRequestSigner,
    /** Access tokens for providers that authenticate with OAuth (Azure with Entra ID, Vertex AI). */
    private readonly cloudTokens: CloudTokens = new CloudTokens(),
    private readonly modelFacts: ModelFactsLookup = () => undefined,
  ) {}

  /**
   * Requests `forward` wrote and then declined to send (they are answered in another dialect, or
   * their answer must be parsed): the same call is sent by `complete` or `stream` next, without
   * writing it again.
   */
  private readonly declined = new WeakMap<DeploymentCall, WrittenRequest>();

  async complete(call: DeploymentCall): Promise<Carried<ChatResponse>> {
    const provider = requireHttpProvider(call.deployment.provider, 'chat over HTTP');
    if (this.dialects.for(provider).capabilities.completesByStreaming === true) return this.completeFromStream(call);
    return this.completeWhole(call);
  }

  private async completeWhole(call: DeploymentCall): Promise<Carried<ChatResponse>> {
    const written = await this.writeOnce(call);
    const json = await upstreamJson(await this.post(written), call.deployment.provider);
    call.capture?.upstreamResponse(json);
    const response = written.dialect.parseResponse(json);
    return { value: written.restore?.response(response) ?? response, warnings: written.warnings };
  }

  /** A whole answer asked for as a stream, its events folded into one (DialectCapabilities.completesByStreaming). */
  private async completeFromStream(call: DeploymentCall): Promise<Carried<ChatResponse>> {
    const opened = await this.stream({ ...call, request: { ...call.request, stream: true } });
    const folder = new StreamFolder();
    let reported: Usage = {};
    for (let next = await opened.value.next(); next.done !== true; next = await opened.value.next()) {
      for (const event of next.value) {
        if (event.type === 'error') throw foldedAnswerFailure(event.error, reported);
        reported = withUsageOf(reported, event);
        folder.push(event);
      }
    }
    return { value: folder.result(), warnings: opened.warnings };
  }

  async stream(call: DeploymentCall): Promise<Carried<EventBatches>> {
    const provider = requireHttpProvider(call.deployment.provider, 'chat over HTTP');
    if (this.dialects.for(provider).capabilities.streams?.(call.request, call.deployment.model) === false) return this.streamFromWhole(call);
    const written = await this.writeOnce(call);
    const upstream = await this.post(written);
    if (await answersWithJson(upstream, written.dialect)) return this.wholeInsteadOfStream(upstream, written, call);
    const batches = upstreamEventBatches(upstream, written.dialect, { provider: call.deployment.provider.name, url: written.endpoint.url }, call.capture?.upstreamChunk);
    return { value: written.restore === undefined ? batches : restoredBatches(batches, written.restore), warnings: written.warnings };
  }

  /**
   * A stream request the upstream answered with one whole JSON answer (it ignored `stream: true`,
   * or failed under HTTP 200): an error body is the upstream's error; an answer goes to the caller
   * as the one batch of events that would have streamed it, as `streamFromWhole` sends one.
   */
  private async wholeInsteadOfStream(upstream: UpstreamResponse, written: WrittenRequest, call: DeploymentCall): Promise<Carried<EventBatches>> {
    const { provider, dialect } = written;
    const text = (await upstreamAnswerBytes(upstream, provider)).toString('utf8');
    const json = answerJson(upstream, provider, text);
    if (isErrorBody(json)) throw answerBodyError(dialect, json, text, upstream, provider.name);
    call.capture?.upstreamResponse(json);
    const response = dialect.parseResponse(json);
    const restored = written.restore?.response(response) ?? response;
    return { value: wholeAnswerBatch(restored, provider.name), warnings: [...written.warnings, wholeAnswerWarning(provider.name)] };
  }

  /** A stream the upstream refuses to send (DialectCapabilities.streams): the whole answer, relayed as one batch of events. */
  private async streamFromWhole(call: DeploymentCall): Promise<Carried<EventBatches>> {
    const { provider, model } = call.deployment;
    const whole = await this.completeWhole({ ...call, request: { ...call.request, stream: false } });
    const warning: Warning = {
      type: 'compatibility',
      feature: 'stream',
      message: `${model} on ${provider.name} does not stream this request; its whole answer was asked for and sent as one stream.`,
    };
    return { value: wholeAnswerBatch(whole.value, provider.name), warnings: [...whole.warnings, warning] };
  }

  /**
   * The same request, its answer forwarded to a caller of the upstream's own dialect as the
   * upstream wrote it (src/gateway/pass-through/). Undefined, before anything is sent, when the
   * answer must be parsed: another dialect, a provider with quirks, tool names sent renamed, an
   * answer that echoes a request the gateway changed, a stream framed in a way the relay does not split.
   */
  async forward(call: DeploymentCall): Promise<Carried<Forwarded> | undefined> {
    const provider = call.deployment.provider;
    if (call.caller === undefined || call.capture !== undefined || !isHttpProvider(provider)) return undefined;
    const tap = passThroughTapFor(call.caller.dialect);
    const dialect = this.dialects.for(provider);
    if (tap === undefined || !tap.accepts(call.request) || dialect.name !== call.caller.dialect || !speaksAsRegistered(provider, dialect)) return undefined;
    if (call.request.stream && relayFramingFor(dialect.streamFraming) === undefined) return undefined;
    const written = await this.write(call, 'forwarded');
    // A request that went to another endpoint of the provider (responses-bridge.ts) is answered in that endpoint's dialect.
    if (written.dialect !== dialect || written.restore !== undefined || (tap.echoesRequest === true && written.warnings.length > 0)) {
      // Candidates asked only because the answer was to be forwarded are asked again as its parse keeps them (candidate-count-fit.ts).
      if (!candidatesOnlyForwarded(call.request, call.caller.dialect, dialect.name)) this.declined.set(call, written);
      return undefined;
    }
    const upstream = await this.post(written);
    if (!call.request.stream) return { value: await forwardJson(upstream, dialect, tap, provider), warnings: written.warnings };
    const source = { provider: provider.name, url: written.endpoint.url };
    if (await answersWithJson(upstream, dialect)) {
      return { value: await forwardWholeAsStream(upstream, dialect, tap, call.request, source, provider), warnings: [...written.warnings, wholeAnswerWarning(provider.name)] };
    }
    return { value: forwardStream(upstream, dialect, tap, call.request, source), warnings: written.warnings };
  }

  /** The request `forward` already wrote for this call, or a newly written one. */
  private async writeOnce(call: DeploymentCall): Promise<WrittenRequest> {
    const written = this.declined.get(call);
    if (written === undefined) return this.write(call, 'parsed');
    this.declined.delete(call);
    return written;
  }

  /** The upstream's request, fitted for an answer that takes `path`, written in its dialect and authorized; nothing sent yet. */
  private async write(call: DeploymentCall, path: AnswerPath): Promise<WrittenRequest> {
    const { model } = call.deployment;
    const provider = requireHttpProvider(call.deployment.provider, 'chat over HTTP');
    const registered = this.dialects.for(provider);
    // What the model refuses or cannot hold is taken out here, once for every dialect, with warnings.
    const facts = this.modelFacts(provider, model);
    // Each step below is synchronous unless it has something to fetch, convert or sign (most
    // requests have not): an `await` of a plain value still costs a promise and a turn of the
    // microtask queue on every request.
    const prepared = this.prepare(call, registered, provider);
    const readable = readableImages(prepared instanceof Promise ? await prepared : prepared, registered, model);
    const images = readable instanceof Promise ? await readable : readable;
    // Documents by URL go as a note where the upstream refuses them (core/document-url-fit.ts).
    const documents = registered.capabilities.documentUrls === false ? withoutDocumentUrls(images.value, registered.name) : { value: images.value, warnings: [] };
    // Several candidates are asked only where the caller's dialect carries them back (candidate-count-fit.ts).
    const candidates = oneCandidateAcrossDialects(documents.value, call.caller?.dialect, registered.name, path);
    const fitted = fitRequestToModel(candidates.value, facts);
    // Function tools with reasoning that Chat Completions refuses go to the same provider's Responses endpoint.
    const bridge = responsesBridge(provider, registered, facts, fitted.value);
    const dialect = bridge?.dialect ?? registered;
    // Tool names the upstream refuses go out renamed and come back under the caller's names.
    const names = dialect.capabilities.toolNames === undefined ? undefined : fitToolNames(fitted.value, dialect.capabilities.toolNames);
    // A response schema whose root is no object goes wrapped where the upstream takes object roots only, and its answer unwrapped.
    const wrapped = dialect.capabilities.objectSchemaRoot === true ? wrappedJsonRoot(names?.request ?? fitted.value) : undefined;
    const request = wrapped?.request ?? names?.request ?? fitted.value;
    // The provider's default output limit (sent where the dialect requires one) is no more than the model takes either.
    const defaultMaxOutputTokens = Math.min(provider.defaultMaxTokens, facts?.maxOutputTokens ?? Number.POSITIVE_INFINITY);
    // A conversation written from another dialect may differ from what the upstream signed its thinking over.
    // Claude on Bedrock (InvokeModel and Converse) and Vertex takes the binding's beta too, each in its own place.
    const dropStaleThinking = facts?.preservedThinking === true && bindsThinkingBlocks(provider.dialect) && call.caller?.dialect !== registered.name;
    const callerBetas = callerBetasFor(call.caller, registered.name);
    const emitted = dialect.emitRequest(request, {
      model,
      defaultMaxOutputTokens,
      ...reasoningOptions(facts?.reasoning),
      ...(dropStaleThinking ? { dropStaleThinking } : {}),
      ...(callerBetas.length === 0 ? {} : { callerBetas }),
    });
    const warnings = [...images.warnings, ...documents.warnings, ...candidates.warnings, ...fitted.warnings, ...(bridge === undefined ? [] : [bridge.warning]), ...(names?.warnings ?? []), ...emitted.warnings];
    const sameVendor = call.caller !== undefined && call.caller.dialect === registered.name;
    const unsigned = withForwardedHeaders(
      withForwardedHeaders(chatEndpoint(bridge?.name ?? provider.dialect, provider, model, request.stream), emitted.headers ?? {}),
      sameVendor ? pickHeaders(call.caller!.headers, vendorHeaderNames(provider.dialect)) : {},
    );
    call.capture?.upstreamRequest(`${provider.name}/${model}`, dialect.name, unsigned.url, emitted.body, warnings);
    const body = JSON.stringify(emitted.body);
    // Fitted before signing: a SigV4 signature covers the accept-encoding header too.
    const identity = { url: unsigned.url, headers: withIdentityEncoding(unsigned.headers) };
    const authorized = authorizedEndpoint(provider.dialect, provider, identity, body, this.awsSigner, this.cloudTokens);
    const endpoint = authorized instanceof Promise ? await authorized : authorized;
    const restore = bothRestorers(bothRestorers(names?.restore, wrapped?.restore), emitted.echoedPrefix === undefined ? undefined : withoutEchoedPrefix(emitted.echoedPrefix));
    return { provider, dialect, endpoint, body, warnings, restore, cancellation: call.cancellation };
  }

  /** The upstream's successful answer (upstream-answer.ts, successfulAnswer: a 2xx). */
  private async post(written: WrittenRequest): Promise<UpstreamResponse> {
    const { provider, dialect, endpoint } = written;
    return successfulAnswer(await this.client.post(provider, endpoint, written.body, written.cancellation), dialect, provider, endpoint);
  }

  /**
   * Image URLs become inline data for upstreams that cannot fetch them; cache breakpoints are
   * placed for the caller where the provider asks for it (`promptCache: auto`).
   */
  private prepare(call: DeploymentCall, dialect: Dialect, provider: HttpProviderConfig): ChatRequest | Promise<ChatRequest> {
    const limits = provider.promptCache === 'auto' ? dialect.promptCacheLimits?.(call.deployment.model) : undefined;
    const placed = (request: ChatRequest) => (limits === undefined ? request : withAutomaticBreakpoints(request, limits));
    if (dialect.capabilities.imageUrls || !hasImagesToInline(call.request, dialect.name)) return placed(call.request);
    return this.images.inline(call.request, dialect.name, call.imageCache).then(placed);
  }
}

/** A request written for one upstream, ready to send. */
interface WrittenRequest {
  provider: HttpProviderConfig;
  dialect: Dialect;
  endpoint: UpstreamEndpoint;
  body: string;
  warnings: Carried<unknown>['warnings'];
  restore: AnswerRestorer | undefined;
  cancellation: DeploymentCall['cancellation'];
}

/**
 * Inline images labelled by their data, in a format the upstream reads, no larger than it takes
 * (core/image-media-type-fit.ts, core/image-format-fit.ts, core/image-size-fit.ts).
 */
export function readableImages(request: ChatRequest, dialect: Dialect, model: string): WithWarnings<ChatRequest> | Promise<WithWarnings<ChatRequest>> {
  return hasImages(request) ? fittedImages(request, dialect, model) : { value: request, warnings: [] };
}

async function fittedImages(request: ChatRequest, dialect: Dialect, model: string): Promise<WithWarnings<ChatRequest>> {
  const taken = dialect.capabilities.imageMediaTypes;
  const limits = dialect.capabilities.imageLimits?.(model);
  const labelled = fitImageMediaTypes(request);
  const converted = taken === undefined ? labelled : followedBy(labelled, await fitImageFormats(labelled.value, taken));
  return limits === undefined ? converted : followedBy(converted, await fitImageSizes(converted.value, limits));
}

/** A later fit's request, with the warnings of the fits before it and its own. */
function followedBy(before: WithWarnings<ChatRequest>, after: WithWarnings<ChatRequest>): WithWarnings<ChatRequest> {
  return after.warnings.length === 0 ? { value: after.value, warnings: before.warnings } : { value: after.value, warnings: [...before.warnings, ...after.warnings] };
}

/** How the model's reasoning is asked for, as the dialect emitting the request needs to know it. */
export function reasoningOptions(control: ReasoningControl | undefined): Pick<EmitRequestOptions, 'reasoningByEffort' | 'reasoningOff' | 'effortsBeyondScale' | 'reasoningSwitchWords'> {
  if (control?.type === 'switch') return { reasoningSwitchWords: { on: control.on, off: control.off } };
  if (control?.type !== 'effort') return {};
  const off = control.turnOff;
  return {
    reasoningByEffort: true,
    ...(off === 'disabled' || off === 'between-tools' ? { reasoningOff: off } : {}),
    ...(control.beyondScale === undefined ? {} : { effortsBeyondScale: control.beyondScale }),
  };
}

/**
 * Whether the provider speaks its dialect exactly as registered: a preset with quirks (Zhipu,
 * DeepSeek, …) or a chat template gets a dialect of its own (UpstreamDialects), and its answers
 * are parsed. Known once per provider instance, as its dialect is.
 */
function speaksAsRegistered(provider: HttpProviderConfig, dialect: Dialect): boolean {
  return dialect === dialects[provider.dialect];
}

/**
 * A whole answer as the one batch that would have streamed it. A finish the upstream calls a
 * failure becomes an error here as on the stream path (failed-finish.ts): OpenAI's and
 * Anthropic's encoders would write it as a clean `stop` / `end_turn`.
 */
function wholeAnswerBatch(response: ChatResponse, provider: string): EventBatches {
  return oneEventBatch(withFailedFinish(responseToEvents(response), provider, true));
}

async function* restoredBatches(batches: EventBatches, restore: AnswerRestorer): AsyncGenerator<StreamEvent[], undefined> {
  for (let next = await batches.next(); next.done !== true; next = await batches.next()) yield restore.events(next.value);
  return undefined;
}

function pickHeaders(headers: IncomingHttpHeaders, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) picked[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return picked;
}
