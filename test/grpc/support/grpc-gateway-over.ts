import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { createGrpcGateway, type GrpcGateway, type GrpcGatewayOptions } from '../../../src/grpc/grpc-gateway.js';

export interface ServedGrpc {
  gateway: Gateway;
  grpc: GrpcGateway;
  port: number;
  close(): Promise<void>;
}

/** The model every call names: `gpt-4o` at the one OpenAI-compatible upstream. */
export const servedModel = 'm';

/**
 * A gateway serving gRPC in front of one OpenAI-compatible upstream (its HTTP side is not
 * listening), with the `server:` settings a test is about and no retries of its own, so that
 * what a caller sees is each upstream answer in turn.
 */
export async function grpcGatewayOver(upstreamUrl: string, server: Record<string, number> = {}, options: GrpcGatewayOptions = {}): Promise<ServedGrpc> {
  const config = resolveConfig({
    server,
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'sk-test' } },
    models: { [servedModel]: [{ provider: 'oa', model: 'gpt-4o' }] },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 1 },
  });
  const gateway = createGateway(config, { logger: silentLogger });
  const grpc = createGrpcGateway(gateway.services, options);
  const port = await grpc.listen(0, '127.0.0.1');
  return {
    gateway,
    grpc,
    port,
    async close() {
      await grpc.close(0);
      await gateway.close(0);
    },
  };
}
