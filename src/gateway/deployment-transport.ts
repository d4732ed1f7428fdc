import type { IncomingHttpHeaders } from 'node:http';
import type { ChatRequest } from '../interlingua/request.js';
import type { InterlinguaError } from '../interlingua/error.js';
import type { Usage } from '../interlingua/usage.js';
import type { ChatResponse } from '../interlingua/response.js';
import type { ImagePart } from '../interlingua/content.js';
import type { Warning } from '../interlingua/warning.js';
import type { Cancellation } from './cancellation.js';
import type { Deployment } from './model-router.js';
import type { EventBatches } from './upstream-events.js';
import type { Forwarded } from './pass-through/forwarded.js';
import type { ExchangeCapture } from '../console/exchange-log.js';

/** One try of one request at one deployment. */
export interface DeploymentCall {
  request: ChatRequest;
  deployment: Deployment;
  cancellation: Cancellation;
  /** The caller's own headers and dialect: vendor headers pass through when the upstream speaks it too. */
  caller?: { dialect: string; headers: IncomingHttpHeaders };
  /** Each image URL is fetched once per request, even across retries and deployments. */
  imageCache: Map<string, Promise<ImagePart['source']>>;
  /** Records what was sent and received, when the console's capture is on. */
  capture?: ExchangeCapture;
  /** The gateway key the call is made for: an upstream that keeps per-user state (a OneBot bot application) keeps keys apart. */
  keyId?: string;
  /** Made by the admin API's deployment check, for no caller: kept apart from keyless callers where an upstream keeps per-user state. */
  deploymentCheck?: true;
  /**
   * Holds against the key's budget for a further upstream call this attempt makes of its own
   * accord (tool emulation's repair), given what the attempt has spent: undefined once held, or
   * the refusal, for the attempt to end on without making the call. Absent when nothing is held
   * (no key, or a key without a budget).
   */
  holdForFurtherCall?: (request: ChatRequest, spent: Usage) => Promise<InterlinguaError | undefined>;
}

/** What could not be carried to this upstream, found while writing its request. */
export interface Carried<T> {
  value: T;
  warnings: Warning[];
}

/**
 * How the gateway talks to one kind of upstream (HTTP dialects, gRPC ChatHub). Failures are
 * thrown as `InterlinguaError`s before anything was answered, so the engine can retry.
 */
export interface DeploymentTransport {
  complete(call: DeploymentCall): Promise<Carried<ChatResponse>>;
  /** Resolves once the upstream accepted the request; its events follow in batches. */
  stream(call: DeploymentCall): Promise<Carried<EventBatches>>;
  /**
   * The answer (whole or streamed, as the request asks) forwarded as the upstream wrote it, for a
   * caller of the upstream's own dialect; undefined, before anything is sent, when it must be parsed.
   */
  forward?(call: DeploymentCall): Promise<Carried<Forwarded> | undefined>;
}
