import { FailedFinishError, failedFinishError } from './failed-finish.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { ChatRequest } from '../interlingua/request.js';
import type { ChatResponse } from '../interlingua/response.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { Warning } from '../interlingua/warning.js';
import type { Usage } from '../interlingua/usage.js';
import type { ProviderConfig, RoutingSettings } from '../config/resolved-config.js';
import { InterlinguaError } from '../interlingua/error.js';
import type { Cancellation } from './cancellation.js';
import type { DeploymentCall, DeploymentTransport } from './deployment-transport.js';
import type { Deployment, ModelRouter } from './model-router.js';
import { withRetries, type RetrySettings } from './retry-policy.js';
import type { EventBatches } from './upstream-events.js';
import type { ExchangeCapture } from '../console/exchange-log.js';
import { DeploymentBalancer } from './routing/deployment-balancer.js';
import { MemoryHealthStore } from './routing/health-store.js';
import { MemoryStickyStore } from './routing/sticky-store.js';
import { conversationKey } from './routing/conversation-key.js';
import { silentLogger } from './logger.js';
import { tapBatches } from './stream-tap.js';
import { cacheKey, type CacheStore } from './response-cache.js';
import { StreamFolder } from '../core/fold-stream.js';
import { responseToEvents } from '../core/response-to-events.js';
import type { Span, Tracer } from '@opentelemetry/api';
import { endWithError, recordAnswer, startAttemptSpan, startRequestSpan } from './tracing.js';
import { mergeUsage } from '../core/fold-stream.js';
import { RelayedStream } from './pass-through/relayed-stream.js';
import { ForwardedJson } from './pass-through/forwarded.js';
import type { UsageAttempt } from '../usage/usage-record.js';
import { AttemptTracker } from './attempt-tracker.js';
import { attemptFailure } from './gateway-fault.js';

export interface ChatCallOptions {
  cancellation: Cancellation;
  /** The caller's dialect and headers, for vendor headers that pass through to the same vendor. */
  caller?: { dialect: string; headers: IncomingHttpHeaders };
  /** The console's capture of this exchange, when it is on. */
  capture?: ExchangeCapture;
  /**
   * The id of the gateway key the call is made for: its sticky conversations, and with
   * `cache.scope: key` its cached answers, are its own; absent for an anonymous caller.
   */
  keyId?: string;
  /** Where each attempt went and how it ended is appended here, for the request's usage record. */
  attempts?: UsageAttempt[];
  /**
   * Told the tokens an upstream reported for an attempt that then failed before anything reached
   * the caller (a failed finish, failed-finish.ts): billed by the upstream, so counted by the
   * request's meter (RequestMeter.attemptSpent) whether another attempt answers or none does.
   */
  failedAttemptUsage?: (deployment: Deployment, usage: Usage) => void;
  /** Holds for a further call an attempt at `deployment` makes (DeploymentCall.holdForFurtherCall); absent when nothing is held. */
  holdForFurtherCall?: (deployment: Deployment, request: ChatRequest, spent: Usage) => Promise<InterlinguaError | undefined>;
}

/** An answer, the deployment that gave it and what could not be carried to it. */
export interface Answered<T> {
  value: T;
  deployment: Deployment;
  warnings: Warning[];
  /** `hit` or `miss` when the response cache is on; absent when it is off or the caller skipped it. */
  cache?: 'hit' | 'miss';
}

/**
 * A stream that has begun: its first events have arrived, so it is committed to its deployment
 * and a later failure is an `error` event in `rest`, never a retry.
 */
export interface OpenedStream {
  first: StreamEvent[];
  rest: EventBatches;
}

/**
 * Runs interlingua requests against the deployments of their model, with retries and
 * fallbacks, whatever the transport that brought them in (HTTP dialects, gRPC, plugin loops).
 */
export interface ChatEngineOptions {
  /** Shared across reloads, so that health, load and sticky choices outlive a configuration. */
  balancer?: DeploymentBalancer;
  /** The response cache, when configured; `perKey` keeps each key's answers apart (`cache.scope: key`). */
  cache?: { store: CacheStore; ttlMs: number; perKey?: boolean };
  /** Traces (GenAI conventions) when an exporter is configured; without one nothing is recorded. */
  tracer?: Tracer;
  now?: () => number;
}

/** How one attempt went: `answered` when the answer (or a stream's first events) arrived, `ended` when it is over. */
type Attempt<T> = (call: DeploymentCall, tracker: AttemptTracker) => Promise<T>;

export class ChatEngine {
  readonly balancer: DeploymentBalancer;
  private readonly now: () => number;
  private readonly cache: ChatEngineOptions['cache'];
  private readonly tracer: Tracer | undefined;

  constructor(
    private readonly router: ModelRouter,
    private readonly retry: RetrySettings,
    private readonly transportFor: (provider: ProviderConfig) => DeploymentTransport,
    options: ChatEngineOptions = {},
  ) {
    this.balancer = options.balancer ?? new DeploymentBalancer({ health: new MemoryHealthStore(), sticky: new MemoryStickyStore(), logger: silentLogger });
    this.now = options.now ?? Date.now;
    this.cache = options.cache;
    this.tracer = options.tracer;
  }

  async complete(request: ChatRequest, options: ChatCallOptions): Promise<Answered<ChatResponse>> {
    if (this.tracer === undefined) return this.completeTraced(request, options, undefined);
    const span = startRequestSpan(this.tracer, request);
    try {
      const answered = await this.completeTraced(request, options, span);
      const { value } = answered;
      recordAnswer(span, { model: value.model, id: value.id, finishReason: value.finishReason, usage: value.usage, deployment: answered.deployment });
      if (answered.cache !== undefined) span.setAttribute('interlingua.cache', answered.cache);
      span.end();
      return answered;
    } catch (error) {
      endWithError(span, error as InterlinguaError);
      throw error;
    }
  }

  private async completeTraced(request: ChatRequest, options: ChatCallOptions, span: Span | undefined): Promise<Answered<ChatResponse>> {
    const key = this.cacheKeyFor(request, options);
    if (key !== undefined) {
      const cached = await this.cachedAnswer(key, request);
      if (cached !== undefined) return { value: cached.response, deployment: cached.deployment, warnings: [], cache: 'hit' };
    }
    const answered = await this.tryDeployments(request, options, span, (call, tracker) => this.completeAttempt(call, tracker));
    if (key === undefined) return answered;
    this.remember(key, answered.value, answered.deployment);
    return { ...answered, cache: 'miss' };
  }

  /**
   * Opens a stream on the first deployment whose upstream produces an event. A failure before
   * that first event (an error status, a refused connection, an in-band error as the first
   * event) moves on like any other failed attempt.
   */
  async stream(request: ChatRequest, options: ChatCallOptions): Promise<Answered<OpenedStream>> {
    if (this.tracer === undefined) return this.streamTraced(request, options, undefined);
    const span = startRequestSpan(this.tracer, request);
    let answered: Answered<OpenedStream>;
    try {
      answered = await this.streamTraced(request, options, span);
    } catch (error) {
      endWithError(span, error as InterlinguaError);
      throw error;
    }
    if (answered.cache !== undefined) span.setAttribute('interlingua.cache', answered.cache);
    // The span lasts as long as the stream and learns the answer from its events.
    const seen: Parameters<typeof recordAnswer>[1] = { deployment: answered.deployment };
    let broken: InterlinguaError | undefined;
    const rest = tapBatches(
      answered.value.rest,
      {
        event(event) {
          if (event.type === 'response-start') Object.assign(seen, { model: event.model, id: event.id }, event.usage ? { usage: mergeUsage(seen.usage ?? {}, event.usage) } : {});
          else if (event.type === 'usage') seen.usage = mergeUsage(seen.usage ?? {}, event.usage);
          else if (event.type === 'finish') Object.assign(seen, { finishReason: event.finishReason, usage: mergeUsage(seen.usage ?? {}, event.usage) });
          else if (event.type === 'error') broken = event.error;
        },
        end(finished) {
          recordAnswer(span, seen);
          if (finished || (broken === undefined && options.cancellation.aborted)) span.end();
          else endWithError(span, broken);
        },
      },
      answered.value.first,
    );
    return { ...answered, value: { first: answered.value.first, rest } };
  }

  private async streamTraced(request: ChatRequest, options: ChatCallOptions, span: Span | undefined): Promise<Answered<OpenedStream>> {
    const key = this.cacheKeyFor(request, options);
    if (key !== undefined) {
      // A cached answer is replayed as the stream that would have produced it.
      const cached = await this.cachedAnswer(key, request);
      if (cached !== undefined) return { value: { first: responseToEvents(cached.response), rest: noMoreBatches() }, deployment: cached.deployment, warnings: [], cache: 'hit' };
    }
    const opened = await this.openStream(request, options, span);
    if (key === undefined) return opened;
    // Kept only if the stream finishes cleanly.
    const folder = new StreamFolder();
    let foldable = true;
    const fold = (event: StreamEvent) => {
      if (!foldable) return;
      try {
        folder.push(event);
      } catch {
        foldable = false;
      }
    };
    const rest = tapBatches(
      opened.value.rest,
      {
        event: fold,
        end: (finished) => {
          if (finished && foldable) this.remember(key, folder.result(), opened.deployment);
        },
      },
      opened.value.first,
    );
    return { ...opened, value: { first: opened.value.first, rest }, cache: 'miss' };
  }

  private openStream(request: ChatRequest, options: ChatCallOptions, span: Span | undefined): Promise<Answered<OpenedStream>> {
    return this.tryDeployments(request, options, span, (call, tracker) => this.streamAttempt(call, tracker));
  }

  /**
   * Like `complete`, for a caller that can take the upstream's answer as it came
   * (src/gateway/pass-through/): each attempt whose transport can forward it does, and the
   * others are parsed, so retries, fallbacks and the balancer stay one mechanism. A response
   * cache or tracing needs the parsed answer, so with either every attempt is parsed.
   */
  async completeForwarding(request: ChatRequest, options: ChatCallOptions): Promise<Answered<ForwardedJson | ChatResponse>> {
    if (!this.forwards(request, options)) return this.complete(request, options);
    return this.tryDeployments<Answered<ForwardedJson | ChatResponse>>(request, options, undefined, async (call, tracker) => {
      const forwarded = await this.transportFor(call.deployment.provider).forward?.(call);
      if (forwarded === undefined) return this.completeAttempt(call, tracker);
      if (!(forwarded.value instanceof ForwardedJson)) throw new InterlinguaError('internal', 'A whole answer was asked for and a stream came.');
      tracker.answered();
      tracker.ended();
      return { value: forwarded.value, deployment: call.deployment, warnings: forwarded.warnings };
    });
  }

  /** Like `stream`, forwarding as `completeForwarding` does; a relayed stream opens on its first frame, as a parsed one on its first event. */
  async streamForwarding(request: ChatRequest, options: ChatCallOptions): Promise<Answered<RelayedStream | OpenedStream>> {
    if (!this.forwards(request, options)) return this.stream(request, options);
    return this.tryDeployments<Answered<RelayedStream | OpenedStream>>(request, options, undefined, async (call, tracker) => {
      const forwarded = await this.transportFor(call.deployment.provider).forward?.(call);
      if (forwarded === undefined) return this.streamAttempt(call, tracker);
      const relay = forwarded.value;
      if (!(relay instanceof RelayedStream)) throw new InterlinguaError('internal', 'A stream was asked for and a whole answer came.');
      await relay.open();
      tracker.answered();
      // The deployment stays busy until the stream ends; a stream broken after its start still counts as a failure.
      relay.whenEnded((finished, broken) => tracker.ended(finished ? undefined : broken));
      return { value: relay, deployment: call.deployment, warnings: forwarded.warnings };
    });
  }

  private forwards(request: ChatRequest, options: ChatCallOptions): boolean {
    return this.tracer === undefined && this.cacheKeyFor(request, options) === undefined;
  }

  private async completeAttempt(call: DeploymentCall, tracker: AttemptTracker): Promise<Answered<ChatResponse>> {
    const answer = await this.transportFor(call.deployment.provider).complete(call);
    tracker.answered();
    tracker.ended();
    // A whole answer the upstream says failed (failed-finish.ts) is still its answer, and its tokens
    // are counted with it; the caller's finish word can only read "stop", so the failure is told.
    const finish = answer.value.finishReason;
    if (finish.unified === 'error') {
      const failed = failedFinishError(finish.raw, call.deployment.provider.name);
      return { value: answer.value, deployment: call.deployment, warnings: [...answer.warnings, { type: 'compatibility', feature: 'finish_reason', message: failed.message }] };
    }
    return { value: answer.value, deployment: call.deployment, warnings: answer.warnings };
  }

  private async streamAttempt(call: DeploymentCall, tracker: AttemptTracker): Promise<Answered<OpenedStream>> {
    const opened = await this.transportFor(call.deployment.provider).stream(call);
    const batches = opened.value;
    let first: StreamEvent[] = [];
    // Not unbounded: an HTTP upstream's batches end in an `upstream_timeout` when no event comes by its deadline (first-event-deadline.ts).
    for (;;) {
      const next = await batches.next();
      if (next.done) break;
      if (next.value.length === 0) continue;
      first = next.value;
      break;
    }
    const head = first[0];
    if (head?.type === 'error') {
      await batches.return?.(undefined);
      throw head.error;
    }
    tracker.answered();
    // The deployment stays busy until the stream ends; a stream broken after its start still counts as a failure.
    let broken: InterlinguaError | undefined;
    const rest = tapBatches(batches, {
      event(event) {
        if (event.type === 'error') broken = event.error;
      },
      end: (finished) => tracker.ended(finished ? undefined : broken),
    }, first);
    return { value: { first, rest }, deployment: call.deployment, warnings: opened.warnings };
  }

  private async tryDeployments<T>(request: ChatRequest, options: ChatCallOptions, span: Span | undefined, attempt: Attempt<T>): Promise<T> {
    const settings = this.router.routingFor(request.model);
    const conversation = settings.sticky ? conversationKey(request, options.caller?.headers, options.keyId) : undefined;
    const planned = this.balancer.plan(this.router.resolve(request.model), settings, conversation);
    const deployments = planned instanceof Promise ? await planned : planned;
    const imageCache: DeploymentCall['imageCache'] = new Map();
    return withRetries(deployments, this.retry, options.cancellation, async (deployment) => {
      const tracker = this.attemptTracker(deployment, settings, conversation, options, span);
      const call: DeploymentCall = { request, deployment, cancellation: options.cancellation, imageCache };
      if (options.caller !== undefined) call.caller = options.caller;
      if (options.capture !== undefined) call.capture = options.capture;
      if (options.keyId !== undefined) call.keyId = options.keyId;
      const holdForFurtherCall = options.holdForFurtherCall;
      if (holdForFurtherCall !== undefined) call.holdForFurtherCall = (next, spent) => holdForFurtherCall(deployment, next, spent);
      try {
        return await attempt(call, tracker);
      } catch (caught) {
        const failure = attemptFailure(caught);
        tracker.ended(failure);
        if (failure instanceof FailedFinishError && failure.usage !== undefined) options.failedAttemptUsage?.(deployment, failure.usage);
        throw failure;
      }
    });
  }

  /**
   * Sends one request to one deployment outside routing: no retry, no fallback, no cache, and
   * nothing learned by the balancer. For a health check an operator runs on purpose.
   */
  sendTo(deployment: Deployment, request: ChatRequest, cancellation: Cancellation): Promise<ChatResponse> {
    return this.transportFor(deployment.provider)
      .complete({ request, deployment, cancellation, imageCache: new Map(), deploymentCheck: true })
      .then((answer) => answer.value);
  }

  /** The request's cache key, unless the cache is off or the caller asked to skip it (`cache-control: no-cache`/`no-store`). */
  private cacheKeyFor(request: ChatRequest, options: ChatCallOptions): string | undefined {
    if (this.cache === undefined) return undefined;
    const control = options.caller?.headers['cache-control'];
    if (typeof control === 'string' && /\bno-(cache|store)\b/i.test(control)) return undefined;
    // Anonymous callers get a scope of their own too: the unscoped digest is `scope: shared`'s,
    // which a shared store (Redis) may hold keys' answers under.
    return cacheKey(request, this.cache.perKey === true ? (options.keyId ?? anonymousCacheScope) : undefined);
  }

  /** A cached answer and the deployment it names (still configured, else the model's first). A failing store is a miss. */
  private async cachedAnswer(key: string, request: ChatRequest): Promise<{ response: ChatResponse; deployment: Deployment } | undefined> {
    let cached;
    try {
      cached = await this.cache?.store.get(key);
    } catch {
      return undefined;
    }
    if (cached === undefined) return undefined;
    const deployments = this.router.resolve(request.model);
    const deployment = deployments.find((candidate) => candidate.name === cached.deployment) ?? deployments[0];
    if (deployment === undefined) throw new InterlinguaError('internal', 'A model without deployments.');
    return { response: cached.response, deployment };
  }

  private remember(key: string, response: ChatResponse, deployment: Deployment): void {
    const cache = this.cache;
    if (cache === undefined) return;
    cache.store.set(key, { response, deployment: deployment.name }, cache.ttlMs).catch(() => {
      // A cache that cannot be written only costs the next request its hit.
    });
  }

  /**
   * Counts the attempt as in flight until it ends, feeds how it went to the balancer, and notes
   * it in the caller's list of attempts: when it answered, then again when it ended.
   */
  private attemptTracker(deployment: Deployment, settings: RoutingSettings, conversation: string | undefined, options: ChatCallOptions, parent: Span | undefined): AttemptTracker {
    const span = parent === undefined || this.tracer === undefined ? undefined : startAttemptSpan(this.tracer, parent, deployment);
    return new AttemptTracker(this.balancer, deployment, settings, conversation, options, span, this.now);
  }

}

/** The cache scope of callers without a gateway key under `cache.scope: key`; key ids are `key_…`. */
const anonymousCacheScope = '(anonymous)';

/** The rest of a stream that is all in its first batch. */
function noMoreBatches(): EventBatches {
  return {
    next: () => Promise.resolve({ done: true, value: undefined }),
    return: () => Promise.resolve({ done: true, value: undefined }),
  };
}

/** Every event of an opened stream, for consumers that do not write batches (gRPC, plugin loops). */
export async function* streamEvents(opened: OpenedStream): AsyncGenerator<StreamEvent, undefined> {
  yield* opened.first;
  for (;;) {
    const next = await opened.rest.next();
    if (next.done) return undefined;
    yield* next.value;
  }
}
