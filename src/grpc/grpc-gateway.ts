import type { Server, ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { GatewayServices } from '../gateway/services.js';
import { chatHubService } from './chathub/chathub-service.js';
import { interlinguaService } from './interlingua-v1/interlingua-service.js';
import { loadGatewayProtos, loadReflectedProtos } from './proto-files.js';
import type { Authorize } from './served-call.js';
import { grpcHealthCheck, grpcJs, grpcReflection } from './grpc-packages.js';
import { grpcServerLimits, grpcServerOptions, type GrpcServerLimits } from './grpc-server-options.js';
import { boundCalls } from './call-bounds.js';
import { earlyRefusals } from './early-refusals.js';

export interface GrpcGatewayOptions {
  /** The model of a ChatHub call that names none in its `x-model` metadata. */
  defaultModel?: string;
  /**
   * Called with the caller's `authorization: Bearer …` token before any work; throw an
   * `InterlinguaError` to refuse the call. Unset: the gateway's own keys decide, as over HTTP
   * (required with `auth.required`, a bad or revoked key refused either way).
   */
  authorize?: Authorize;
  /** PEM certificate chain and key; without them the server speaks plaintext. */
  tls?: { certificateChain: Buffer; privateKey: Buffer };
  /**
   * Message size, request time, calls open and idle time; each unset one is the HTTP server's own
   * `server:` setting (`maxBodyBytes`, `requestTimeoutMs`, `maxConnections`, `keepAliveTimeoutMs`).
   */
  limits?: Partial<GrpcServerLimits>;
}

export interface GrpcGateway {
  server: Server;
  /** Binds and serves; resolves with the bound port (0 picks a free one). */
  listen(port: number, host: string): Promise<number>;
  /**
   * Stops taking calls; resolves when those in flight are done. Calls still running are cut with
   * the gateway's other work in flight (`Gateway.close`, at its drain deadline), or after
   * `forceAfterMs` if that comes first.
   */
  close(forceAfterMs?: number): Promise<void>;
}

/**
 * How long the calls cut at the shutdown drain deadline have to send their status before their
 * streams are reset: a client that reads gets it within milliseconds, while one that reads nothing
 * never takes it (the status follows the replies it left unread). Reset sooner, every client saw
 * CANCELLED instead of the shutdown's UNAVAILABLE.
 */
const cutStatusGraceMs = 1_000;

export const servedServiceNames = ['aihub.ChatHub', 'interlingua.v1.Interlingua'] as const;

/**
 * The gateway over gRPC: the seed's `aihub.ChatHub` and the native `interlingua.v1.Interlingua`,
 * both on the HTTP gateway's engine (same routing, retries and fallbacks), with server
 * reflection (for grpcurl and Postman) and the standard `grpc.health.v1.Health` service.
 */
export function createGrpcGateway(services: GatewayServices, options: GrpcGatewayOptions = {}): GrpcGateway {
  const authorize: Authorize =
    options.authorize ??
    ((token) => services.access.authenticator.authenticate(token));
  options = { ...options, authorize };
  const { Server, ServerCredentials } = grpcJs();
  const definitions = loadGatewayProtos();
  const limits = grpcServerLimits(services.config.server, options.limits);
  // `earlyRefusals` first: it must be handed grpc-js's own call object (early-refusals.ts).
  const server = new Server({ ...grpcServerOptions(limits), interceptors: [earlyRefusals, boundCalls(limits, services.logger)] });
  const implementations: Record<(typeof servedServiceNames)[number], UntypedServiceImplementation> = {
    'aihub.ChatHub': chatHubService(services, { ...options, maxReplyBytes: limits.maxMessageBytes }),
    'interlingua.v1.Interlingua': interlinguaService(services, { ...options, maxReplyBytes: limits.maxMessageBytes, definition: definitions['interlingua.v1.Interlingua'] as ServiceDefinition }),
  };
  for (const name of servedServiceNames) server.addService(definitions[name] as ServiceDefinition, implementations[name]);
  new (grpcReflection().ReflectionService)(loadReflectedProtos()).addToServer(server);
  const health = new (grpcHealthCheck().HealthImplementation)({ '': 'SERVING', ...Object.fromEntries(servedServiceNames.map((name) => [name, 'SERVING'])) });
  health.addToServer(server);
  // Cut with the rest at the drain deadline: deferred a turn, so each call's cancellation is
  // first aborted as a shutdown (and recorded so) rather than as a caller that went away. Each cut
  // call then sends its UNAVAILABLE status (served-call.ts `endAtShutdown`); the server closes as
  // those calls end, and resets only what is left after `cutStatusGraceMs`.
  services.inFlight.whenCut(() =>
    setImmediate(() => {
      const force = setTimeout(() => server.forceShutdown(), cutStatusGraceMs).unref();
      server.tryShutdown(() => clearTimeout(force));
    }),
  );
  const credentials = options.tls
    ? ServerCredentials.createSsl(null, [{ cert_chain: options.tls.certificateChain, private_key: options.tls.privateKey }], false)
    : ServerCredentials.createInsecure();

  return {
    server,
    listen(port, host) {
      const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
      return new Promise((resolve, reject) => {
        server.bindAsync(address, credentials, (error, bound) => (error ? reject(error) : resolve(bound)));
      });
    },
    close(forceAfterMs = 2_000) {
      for (const name of ['', ...servedServiceNames]) health.setStatus(name, 'NOT_SERVING');
      return new Promise((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), forceAfterMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}
