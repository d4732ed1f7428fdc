import type { GatewayConfig } from '../config/resolved-config.js';
import type { ChatEngine } from './chat-engine.js';
import type { ImageInliner } from './image-inliner.js';
import type { Logger } from './logger.js';
import type { ModelRouter } from './model-router.js';
import type { UpstreamClient } from './upstream-client.js';
import type { UpstreamDialects } from './upstream-dialects.js';
import type { ResponsesConversations } from './responses-conversation.js';
import type { StoreHandle } from '../store/store-handle.js';
import type { KeyRecords } from '../keys/key-records.js';
import type { AccessGate } from './access-gate.js';
import type { UsageWriter } from '../usage/usage-writer.js';
import type { PriceTable } from '../usage/prices.js';
import type { ModelCatalog } from '../catalog/model-catalog.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { PluginService } from '../plugins/plugin-service.js';
import type { ExchangeLog } from '../console/exchange-log.js';
import type { InFlight } from './in-flight.js';
import type { DeploymentCheckHistory } from './deployment-check-history.js';
import type { StoreAvailability } from '../store/store-availability.js';
import type { HttpProviderConfig } from './upstream-dialects.js';
import type { UpstreamEndpoint } from '../providers/upstream-endpoint.js';

/** What a request handler needs from the running gateway. */
export interface GatewayServices {
  config: GatewayConfig;
  router: ModelRouter;
  engine: ChatEngine;
  upstream: UpstreamClient;
  images: ImageInliner;
  logger: Logger;
  upstreamDialects: UpstreamDialects;
  /**
   * An endpoint with the credentials its provider needs for this body (a SigV4 signature for
   * Bedrock, an OAuth token for Vertex and Entra), for calls made outside the chat transport
   * (token counting); the same signer and token caches as chat.
   */
  authorizeUpstream(provider: HttpProviderConfig, endpoint: UpstreamEndpoint, body: string): Promise<UpstreamEndpoint>;
  store: StoreHandle;
  responses: ResponsesConversations;
  keys: KeyRecords;
  access: AccessGate;
  usage: UsageWriter;
  /** What upstream models accept and cost: the catalog with the configuration's `catalog:` over it. */
  catalog: ModelCatalog;
  prices: PriceTable;
  metrics?: GatewayMetrics;
  /** The database's and Redis's availability, for health and for requests that need them. */
  stores: readonly StoreAvailability[];
  /** Server-side plugins: the tool loop of models that have them, and async plugin jobs. */
  plugins: PluginService;
  /** Work in flight (HTTP, gRPC, OneBot turns), which a shutdown waits for and, at its deadline, cuts. */
  inFlight: InFlight;
  /** The last health checks run from the console on each deployment. */
  deploymentChecks: DeploymentCheckHistory;
  /** Recent exchanges for the console's inspector; absent unless `console.captureBodies` is set. */
  exchanges?: ExchangeLog;
}
