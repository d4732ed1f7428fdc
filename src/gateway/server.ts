import { AwsRequestSigner } from '../providers/aws-signing.js';
import { answerExpectContinue } from './expect-continue.js';
import { CloudTokens } from '../providers/cloud-tokens.js';
import { authorizedEndpoint } from '../providers/index.js';
import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayConfig, ProviderConfig } from '../config/resolved-config.js';
import { InterlinguaError } from '../interlingua/error.js';
import { handleChatRequest } from './chat-pipeline.js';
import { ChatEngine, type ChatEngineOptions } from './chat-engine.js';
import { createTracing, type Tracing } from './tracing.js';
import { HttpTransport } from './http-transport.js';
import { ResponsesConversations } from './responses-conversation.js';
import { handleStoredResponse } from './stored-responses.js';
import { ResponseRecords } from '../conversations/response-records.js';
import { StoreHandle } from '../store/store-handle.js';
import { StoreDeadline } from '../store/store-deadline.js';
import { KeyRecords } from '../keys/key-records.js';
import { KeyAuthenticator } from '../keys/key-authenticator.js';
import { shareKeyChanges, type SiblingKeyChanges } from '../keys/key-change-feed.js';
import { UsageWriter } from '../usage/usage-writer.js';
import { PriceTable } from '../usage/prices.js';
import { ModelCatalog } from '../catalog/model-catalog.js';
import { catalogVendorOf } from './catalog-vendor.js';
import { warnUnpricedModels } from './unpriced-models.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { metricsReadAllowed, refuseMetricsRead } from '../metrics/metrics-access.js';
import { AccessGate } from './access-gate.js';
import { InFlight } from './in-flight.js';
import { handleEmbeddingsRequest } from './embeddings-pipeline.js';
import { handleCountTokensRequest } from './count-tokens-pipeline.js';
import { sendError, sendJson, toInterlinguaError } from './http-io.js';
import { ImageInliner } from './image-inliner.js';
import { createJsonLogger, type Logger } from './logger.js';
import { requestIdFor, requestIdHeader } from './request-context.js';
import { anthropicModelList, ollamaModelList, openaiModelList } from './model-listing.js';
import { sendGeminiModels } from './gemini-models.js';
import { ModelRouter } from './model-router.js';
import { matchRoute, type Route } from './routes.js';
import { crossOriginFor } from './cross-origin.js';
import { handleOllamaShow, sendOllamaServerInfo } from './ollama-server-info.js';
import { presentedKey } from '../keys/presented-key.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import { keyAllowsModel } from '../keys/key-authenticator.js';
import type { Dialect } from '../interlingua/dialect.js';
import { dialects } from '../dialects/registry.js';
import { handleAdminRequest } from './admin-api.js';
import type { GatewayServices } from './services.js';
import { UpstreamClient } from './upstream-client.js';
import { isHttpProvider, UpstreamDialects } from './upstream-dialects.js';
import { ReasoningRefusalTransport } from './reasoning-refusal.js';
import { EncryptedReasoningRefusalTransport } from './encrypted-reasoning-refusal.js';
import { ToolEmulatingTransport } from '../tool-emulation/index.js';
import { ChatHubTransport } from '../grpc/chathub/chathub-transport.js';
import type { Limiter } from '../limits/limiter.js';
import type { JobExecutor } from '../plugins/jobs/in-process-queue.js';
import { OnebotBridge } from '../onebot/onebot-bridge.js';
import { OnebotAppTransport } from '../onebot/bot-as-model/onebot-app-transport.js';
import { pathOf } from '../onebot/links/access-token.js';
import type { DeploymentTransport } from './deployment-transport.js';
import { PluginService, type JobBackend } from '../plugins/plugin-service.js';
import { jobBackendFor } from '../plugins/jobs/job-backend.js';
import { createRealtimeEvents } from '../plugins/realtime-events.js';
import { pluginChatRunner } from '../plugins/plugin-chat-runner.js';
import type { Duplex } from 'node:stream';
import { ExchangeLog } from '../console/exchange-log.js';
import { ConsoleAssets } from '../console/console-assets.js';
import { defaultSettings } from '../config/defaults.js';
import { guardUpgradeSocket } from '../net/websocket-guard.js';
import { createLimitedServer } from '../net/http-server-limits.js';
import { serveUpgradeAsRequest } from '../net/upgrade-as-request.js';

const consoleAssets = new ConsoleAssets();
import { DeploymentBalancer } from './routing/deployment-balancer.js';
import { DeploymentCheckHistory } from './deployment-check-history.js';
import { reloadedConfig, restartNeeded as restartNeededKeys, sameSection } from './config-reload.js';
import { createSharedState, responseCache } from './shared-state.js';
import { sendHealth } from './health.js';
import { loadConfiguredPackages } from './configured-packages.js';
import { runShutdownSteps } from './shutdown-steps.js';
import { answerClientErrors, refuseInDialect, trackRequest, unfinishedAnswerOn } from './client-errors.js';

export interface Gateway {
  server: Server;
  /** The running gateway's engine, router and logger, for other front ends (the gRPC server). */
  services: GatewayServices;
  /** Models as OneBot chat bots (none without an `onebot:` section; a reload may add some). */
  onebot: OnebotBridge;
  /** Where the OneBot reverse-ws and webhook paths listen when `onebot.listen` gives them their own port. */
  onebotAddress?: AddressInfo;
  /** Opens the store and runs its migrations now, so a broken database stops the start. */
  openStore(): Promise<void>;
  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Stops taking requests, waits up to `drainMs` for those in flight, writes usage, closes the store. */
  close(drainMs?: number): Promise<void>;
  /**
   * Serves new requests from `config` while those in flight, streams too, finish on the one they
   * started with (what changes is listed in config-reload.ts). Keys read only at start are named
   * in the result, to be applied by a restart.
   */
  reload(config: GatewayConfig): { restartNeeded: string[] };
}

const defaultDrainMs = 30_000;
/**
 * How long a shutdown waits, after cutting what outlived the drain, for the cut requests to
 * record their usage. Aborting the upstream ends them within milliseconds; this only bounds
 * one that does not listen.
 */
export const shutdownCutGraceMs = 5_000;
/** How long a start waits for Redis before serving without it. */
const redisStartWaitMs = 2_000;

export interface GatewayOptions {
  logger?: Logger;
  /** Traces to record to (tests pass an in-memory exporter's); by default one is made when `telemetry` is configured. */
  tracing?: Tracing;
  /** Where cloud providers' access tokens come from; by default each cloud's default credential chain. */
  cloudTokens?: CloudTokens;
  /** Holds key limits when Redis is not configured; by default this process's memory. */
  localLimiter?: () => Limiter;
  /** Runs async plugin jobs when Redis is not configured; by default in this process alone. */
  localJobs?: (execute: JobExecutor) => JobBackend;
  /**
   * Whether this process dials the OneBot implementations (forward-ws, HTTP polling); false in all
   * but one worker of `serve --workers N`, so each link runs once. Inbound OneBot paths answer anywhere.
   */
  dialsOnebot?: boolean;
  /** The other workers of `serve --workers N`, told of key changes when no Redis is configured. */
  siblingKeyChanges?: SiblingKeyChanges;
}

/** The HTTP gateway on bare `node:http`: its per-request cost is the lowest on Node (GUIDE.md, "Speed"). */
export function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Gateway {
  const router = new ModelRouter(config);
  const upstream = new UpstreamClient();
  const images = new ImageInliner(config.images);
  const upstreamDialects = new UpstreamDialects();
  // Build every provider's dialect now, so a broken chat template stops the start, not a request;
  // first of all, so that nothing is open yet (Redis connections, store probes) to hold the process.
  for (const provider of config.providers.values()) if (isHttpProvider(provider)) upstreamDialects.for(provider);
  const awsSigner = new AwsRequestSigner();
  const cloudTokens = options.cloudTokens ?? new CloudTokens();
  // Every deployment goes through tool emulation, which passes through whatever needs none, learns
  // which models refuse to think, and asks again without reasoning another account sealed.
  const http = new ToolEmulatingTransport(
    new ReasoningRefusalTransport(
      new EncryptedReasoningRefusalTransport(
        new HttpTransport(upstreamDialects, upstream, images, awsSigner, cloudTokens, (provider, model) =>
          services.catalog.factsFor(catalogVendorOf(provider, model), model),
        ),
      ),
    ),
  );
  const chatHubClients = new ChatHubTransport();
  const chatHub = new ToolEmulatingTransport(chatHubClients);
  const logger = options.logger ?? createJsonLogger(undefined, { level: config.logging.level });
  const onebotApps = new OnebotAppTransport({ logger, maxMessageBytes: defaultSettings.onebotMaxMessageBytes });
  const onebotApp = new ToolEmulatingTransport(onebotApps);
  const transportFor = (provider: ProviderConfig): DeploymentTransport => {
    if (provider.dialect === 'chathub') return chatHub;
    if (provider.dialect === 'onebot') return onebotApp;
    return http;
  };
  const store = new StoreHandle(config.database ?? { kind: 'sqlite', path: ':memory:' });
  const openStore = () => store.get();
  // What a caller waits on the database for keeps one deadline, and is refused at once while it is away.
  const storeDeadline = new StoreDeadline(store.availability);
  const keys = new KeyRecords(openStore, storeDeadline);
  const shared = createSharedState(config, options.localLimiter);
  const limiter = shared.limiter;
  const balancer = new DeploymentBalancer({ health: shared.health, sticky: shared.sticky, logger });
  const cache = shared.cache;
  // Labels only the running configuration's model names (a reload's included), never what callers made up.
  const metrics = new GatewayMetrics(() => services.config);
  const stores = [store.availability, ...(shared.redis !== undefined ? [shared.redis.availability] : [])];
  for (const availability of stores) {
    availability.useLog(logger);
    metrics.stores.watch(availability);
  }
  if (shared.replicas !== undefined) metrics.stores.watchReplicas(shared.replicas);
  const authenticator = new KeyAuthenticator(keys, config.auth.required, store.availability);
  shareKeyChanges(keys, authenticator, shared.redis !== undefined && config.redis !== undefined ? { connections: shared.redis, keyPrefix: config.redis.keyPrefix } : undefined, logger, options.siblingKeyChanges);
  const tracing = options.tracing ?? (config.telemetry === undefined ? undefined : createTracing(config.telemetry));
  let engineOptions: ChatEngineOptions = { balancer, ...(cache ? { cache } : {}), ...(tracing ? { tracer: tracing.tracer } : {}) };
  const engine = new ChatEngine(router, config.retry, transportFor, engineOptions);
  const inFlight = new InFlight();
  const catalog = new ModelCatalog(config.catalog);
  const services: GatewayServices = {
    config,
    router,
    engine,
    upstream,
    images,
    logger,
    upstreamDialects,
    authorizeUpstream: async (provider, endpoint, body) => authorizedEndpoint(provider.dialect, provider, endpoint, body, awsSigner, cloudTokens),
    store,
    responses: new ResponsesConversations(new ResponseRecords(openStore, storeDeadline)),
    keys,
    access: new AccessGate(authenticator, limiter, openStore, storeDeadline),
    usage: new UsageWriter(openStore, logger, { ...(config.usageSpillFile !== undefined ? { spillFile: config.usageSpillFile } : {}), availability: store.availability, metrics: metrics.stores }),
    catalog,
    prices: new PriceTable(config.prices, catalog),
    metrics,
    stores,
    plugins: new PluginService(config, engine, logger, jobBackendFor(config, shared.redis, logger, options.localJobs)),
    inFlight,
    deploymentChecks: new DeploymentCheckHistory(),
    ...(config.console.captureBodies > 0 ? { exchanges: new ExchangeLog(config.console.captureBodies) } : {}),
  };
  warnUnpricedModels(config, services.prices, logger);
  // Always there, so that a reload can add bots; with none it takes no path and dials nothing.
  // The `images` limits bound each OneBot message's images too; read when a bot starts, so a reload's limits reach the bots it starts.
  const onebotImages = {
    get maxImages() {
      return services.images.settings.maxImages ?? defaultSettings.imageMaxCount;
    },
    get maxTotalBytes() {
      return services.images.settings.maxTotalBytes ?? defaultSettings.imageMaxTotalBytes;
    },
  };
  const onebot = new OnebotBridge(config.onebot, pluginChatRunner(services.plugins, () => services.engine, logger), logger, inFlight, onebotImages);
  const onebotServer = config.onebot?.listen !== undefined ? createLimitedServer(config.server, logger) : undefined;
  const server = createLimitedServer(config.server, logger, (request, response) => {
    inFlight.begin();
    trackRequest(request, response);
    const sharesPort = onebotServer === undefined && onebot.hasWebhooks && onebot.ownsPath(pathOf(request.url));
    // Every answer carries the request's id, and so does every log line written for it.
    const requestId = requestIdFor(request.headers);
    response.setHeader(requestIdHeader, requestId);
    const scoped: GatewayServices = { ...services, logger: services.logger.forRequest?.(requestId) ?? services.logger };
    (sharesPort ? onebot.handleRequest(request, response).then(() => undefined) : handle(scoped, request, response))
      .catch((error: unknown) => {
        services.logger.error('unhandled failure', { error: String(error) });
        if (!response.headersSent) sendJson(response, 500, { error: { message: 'internal error' } });
        else response.destroy();
      })
      .finally(() => inFlight.end());
  });
  // A request Node cannot read once its route is known is refused in the caller's dialect.
  answerClientErrors(server);
  answerExpectContinue(server, () => services.config.server.maxBodyBytes);
  // Async plugin results reach their callers over WebSocket on the same port as everything else.
  const realtime = createRealtimeEvents(services.access.authenticator, services.plugins, logger, config.server.realtime);
  const sharedOnebot = onebotServer === undefined ? onebot : undefined;
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    guardUpgradeSocket(socket, logger);
    // Node calls this listener with nothing around it: a throw here would end the process.
    try {
      if (realtime.handleUpgrade(request, socket, head)) return;
      if (sharedOnebot?.handleUpgrade(request, socket, head) === true) return;
      // No WebSocket here (an `Upgrade: h2c` from curl --http2, a WebSocket aimed at an API path): answered as a plain request.
      serveUpgradeAsRequest(server, request, socket, head, unfinishedAnswerOn(request.socket));
    } catch (error) {
      logger.error('upgrade request failed', { error: String(error) });
      socket.destroy();
    }
  });
  if (onebotServer !== undefined) attachOnebot(onebotServer, onebot, logger);

  const gateway: Gateway = {
    server,
    services,
    onebot,
    async openStore() {
      await loadConfiguredPackages(config);
      await store.get();
      await services.usage.replaySpill();
      await shared.start(redisStartWaitMs);
    },
    async listen(port = config.server.port, host = config.server.host) {
      await loadConfiguredPackages(config);
      await shared.start(redisStartWaitMs);
      const address = await listenOn(server, port, host);
      const listen = config.onebot?.listen;
      if (onebotServer !== undefined && listen !== undefined) gateway.onebotAddress = await listenOn(onebotServer, listen.port, listen.host);
      if (options.dialsOnebot !== false) onebot.start();
      return address;
    },
    reload(next) {
      // Build every new provider's dialect first: a broken chat template leaves the running configuration in place.
      for (const provider of next.providers.values()) if (isHttpProvider(provider)) upstreamDialects.for(provider);
      const running = services.config;
      const restartNeeded = restartNeededKeys(running, next);
      const config = reloadedConfig(running, next);
      if (!sameSection(running.cache, config.cache)) {
        const { cache: _previous, ...rest } = engineOptions;
        const cache = responseCache(config, shared.redis);
        engineOptions = cache === undefined ? rest : { ...rest, cache };
      }
      const router = new ModelRouter(config);
      const engine = new ChatEngine(router, config.retry, transportFor, engineOptions);
      services.config = config;
      services.router = router;
      services.engine = engine;
      services.catalog = new ModelCatalog(config.catalog);
      services.prices = new PriceTable(config.prices, services.catalog);
      warnUnpricedModels(config, services.prices, logger);
      services.access.authenticator.required = config.auth.required;
      services.images.settings = config.images;
      if (config.console.captureBodies !== running.console.captureBodies) {
        if (config.console.captureBodies > 0) services.exchanges = new ExchangeLog(config.console.captureBodies);
        else delete services.exchanges;
      }
      // The new plugin definitions take effect at once; closing replaced MCP connections follows.
      services.plugins.reconfigure(config, engine).catch((error: unknown) => logger.warn('closing a replaced MCP connection failed', { error: String(error) }));
      onebot.reload(config.onebot);
      onebotApps.reload(config.providers.values());
      return { restartNeeded };
    },
    async close(drainMs = defaultDrainMs) {
      // Stop taking requests (and OneBot messages), let those in flight (streams, gRPC calls,
      // OneBot turns) finish up to the deadline, then cut the rest.
      realtime.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      onebot.stopAnswering();
      await inFlight.drained(drainMs);
      // A cut request takes the caller-gone path: its upstream is aborted and its usage recorded
      // (499, `shutdown`). Its connection is closed at once, so no cut stream looks finished to
      // its caller; then the records are awaited, so they are written before the store closes.
      inFlight.cut();
      server.closeAllConnections();
      await inFlight.drained(shutdownCutGraceMs);
      if (inFlight.size > 0) logger.warn('requests still running after the shutdown cut; their usage may be lost', { requests: inFlight.size });
      // OneBot links close only now, so replies of turns that finished in the drain went out;
      // reverse-ws sockets are upgraded connections the HTTP server waits for.
      onebot.close();
      onebotServer?.closeAllConnections();
      onebotServer?.close();
      await closed;
      // Each step runs even when one before it failed (a store away at shutdown), in this order:
      // usage before the store it is written to, plugin jobs before the Redis connections they use.
      await runShutdownSteps(
        [
          ['onebot applications', () => onebotApps.close()],
          ['usage', () => services.usage.close()],
          ['plugins', () => services.plugins.close()],
          ['chathub clients', () => chatHubClients.close()],
          [
            ['upstream clients', () => services.upstream.close()],
            ['image fetches', () => services.images.close()],
            ['shared state', () => shared.close()],
            ['tracing', () => tracing?.shutdown()],
          ],
          ['store', () => store.close()],
        ],
        logger,
      );
    },
  };
  return gateway;
}

function listenOn(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * OneBot implementations on a port of their own (`onebot.listen`): reverse-ws paths through the
 * `upgrade` event, webhook paths as requests (an upgrade to another path too); anything else there is a 404.
 */
function attachOnebot(server: Server, onebot: OnebotBridge, logger: Logger): void {
  server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => {
    guardUpgradeSocket(socket, logger);
    try {
      if (!onebot.handleUpgrade(request, socket, head)) serveUpgradeAsRequest(server, request, socket, head, unfinishedAnswerOn(request.socket));
    } catch (error) {
      logger.error('upgrade request failed', { error: String(error) });
      socket.destroy();
    }
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    trackRequest(request, response);
    onebot
      .handleRequest(request, response)
      .then((taken) => {
        if (taken) return;
        request.resume();
        sendJson(response, 404, { error: { message: 'not a OneBot path' } });
      })
      .catch((error: unknown) => {
        logger.error('onebot request failed', { error: String(error) });
        if (!response.headersSent) sendJson(response, 500, { error: { message: 'internal error' } });
      });
  });
  // A webhook post Node cannot read is refused in OneBot's shape (onebot/links/webhook-refusal.ts), anything else as Node would.
  answerClientErrors(server);
}

async function handle(services: GatewayServices, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const target = request.url ?? '/';
  const queryStart = target.indexOf('?');
  const pathname = queryStart === -1 ? target : target.slice(0, queryStart);
  const query = queryStart === -1 ? '' : target.slice(queryStart + 1);
  const origins = services.config.server.corsOrigins;
  if (origins.length > 0 && request.headers.origin !== undefined && crossOriginFor(origins).answered(request, response, pathname)) return;
  // HEAD is GET without the body (RFC 9110 §9.3.2), which Node leaves out of a HEAD answer itself.
  const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
  const route = matchRoute(method, pathname, query, request.headers);
  switch (route.kind) {
    case 'health':
      request.resume();
      return sendHealth(services.stores, route.strict, response);
    case 'metrics':
      request.resume();
      if (!metricsReadAllowed(services.config, request.headers.authorization)) return refuseMetricsRead(response);
      return sendMetrics(services, response);
    case 'admin':
      return handleAdminRequest(services, route, request, response);
    case 'console':
      return consoleAssets.serve(route.path, request, response);
    case 'ollama-server':
      request.resume();
      return sendOllamaServerInfo(route, response);
    case 'not-found':
      refuseInDialect(response, route.dialect);
      request.resume();
      return sendError(response, route.dialect, new InterlinguaError('not_found', route.message));
    case 'method-not-allowed':
      refuseInDialect(response, route.dialect);
      request.resume();
      response.setHeader('allow', route.allow);
      return sendError(response, route.dialect, new InterlinguaError('invalid_request', `Use ${route.allow} on this route.`, { status: 405 }));
    default:
      return handleCallerRoute(services, route, query, request, response);
  }
}

type CallerRoute = Extract<Route, { kind: 'chat' | 'embeddings' | 'count-tokens' | 'stored-response' | 'models' | 'ollama-show' }>;

/** Routes for callers: who is calling is settled first, and refused in the caller's dialect. */
async function handleCallerRoute(services: GatewayServices, route: CallerRoute, query: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  refuseInDialect(response, callerDialect(route));
  let key: GatewayKey | undefined;
  try {
    const presented = presentedKey(request.headers, query, route.kind === 'chat' || route.kind === 'count-tokens' ? route.bearer : 'gateway-key');
    key = services.access.authenticator.known(presented) ?? (await services.access.authenticator.authenticate(presented));
  } catch (caught) {
    request.resume();
    const error = toInterlinguaError(caught);
    if (error.code === 'internal') services.logger.error('internal error', { error: String(error.cause ?? error) });
    return sendError(response, callerDialect(route), error);
  }
  switch (route.kind) {
    case 'chat':
      return handleChatRequest(services, route.inbound, request, response, key);
    case 'embeddings':
      return handleEmbeddingsRequest(services, route.inbound, request, response, key);
    case 'count-tokens':
      return handleCountTokensRequest(services, route.inbound, request, response, key);
    case 'ollama-show':
      return handleOllamaShow(services, key, request, response);
    case 'stored-response':
      request.resume();
      return handleStoredResponse(services, key, route.id, route.action, response, query);
    case 'models': {
      request.resume();
      // A key limited to some models sees only those, as it may use only those.
      const models = services.router.listModels().filter((model) => key === undefined || keyAllowsModel(key, model));
      if (route.format === 'gemini') return sendGeminiModels(services, response, models, route.model, (model) => key === undefined || keyAllowsModel(key, model));
      const lists = { anthropic: anthropicModelList, ollama: ollamaModelList, openai: openaiModelList };
      return sendJson(response, 200, lists[route.format](models));
    }
    default: {
      const unhandled: never = route;
      throw new Error(`unhandled route ${JSON.stringify(unhandled)}`);
    }
  }
}

function callerDialect(route: CallerRoute): Dialect {
  switch (route.kind) {
    case 'chat':
    case 'embeddings':
    case 'count-tokens':
      return route.inbound.dialect;
    case 'stored-response':
      return dialects['openai-responses'];
    case 'ollama-show':
      return dialects.ollama;
    case 'models':
      return route.format === 'openai' ? dialects['openai-chat'] : dialects[route.format];
  }
}

async function sendMetrics(services: GatewayServices, response: ServerResponse): Promise<void> {
  const metrics = services.metrics;
  if (metrics === undefined) return sendJson(response, 404, { error: { message: 'metrics are off' } });
  const text = await metrics.text();
  response.writeHead(200, { 'content-type': metrics.contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
