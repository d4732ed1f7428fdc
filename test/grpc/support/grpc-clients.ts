import { credentials, loadPackageDefinition, Metadata, type ChannelOptions, type Client, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { fileURLToPath } from 'node:url';
import { seedProtoPath, type SeedChatRequest } from './chathub-test-server.js';

type Unary<Request, Reply> = (request: Request, metadata: Metadata, options: { deadline?: number }, callback: (error: ServiceError | null, reply?: Reply) => void) => unknown;
type ServerStream<Request, Reply> = (request: Request, metadata?: Metadata, options?: { deadline?: number }) => ClientReadableStream<Reply>;

export type ChatHubClient = Client & {
  Chat: Unary<Partial<SeedChatRequest>, { response?: string }>;
  StreamingChat: ServerStream<Partial<SeedChatRequest>, { response?: string }>;
};

/** A ChatHub client as its users generate one from the seed's proto: proto-loader with `keepCase`. */
export function chatHubClient(port: number): ChatHubClient {
  const loaded = loadPackageDefinition(loadSync(seedProtoPath, { keepCase: true })) as unknown as { aihub: { ChatHub: new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => ChatHubClient } };
  return new loaded.aihub.ChatHub(`127.0.0.1:${port}`, credentials.createInsecure());
}

const protoRoot = fileURLToPath(new URL('../../../../proto/', import.meta.url));

export type InterlinguaClient = Client & {
  Complete: Unary<unknown, Record<string, unknown>>;
  Stream: ServerStream<unknown, Record<string, unknown>>;
};

/** An interlingua.v1 client from the repository's proto, with enums as names and the oneof member named. */
export function interlinguaClient(port: number, options: ChannelOptions = {}): InterlinguaClient {
  const definition = loadSync('interlingua/v1/interlingua.proto', { keepCase: true, enums: String, longs: Number, oneofs: true, includeDirs: [protoRoot] });
  const loaded = loadPackageDefinition(definition) as unknown as { interlingua: { v1: { Interlingua: new (address: string, creds: ReturnType<typeof credentials.createInsecure>, options: ChannelOptions) => InterlinguaClient } } };
  return new loaded.interlingua.v1.Interlingua(`127.0.0.1:${port}`, credentials.createInsecure(), options);
}

/** Channel options for a client that retries `statusCodes` of interlingua.v1 calls with a 10 ms backoff (gRFC A6 retry policy). */
export function retryingOn(statusCodes: string[], maxAttempts: number): ChannelOptions {
  const retryPolicy = { maxAttempts, initialBackoff: '0.01s', maxBackoff: '0.01s', backoffMultiplier: 1, retryableStatusCodes: statusCodes };
  return { 'grpc.service_config': JSON.stringify({ methodConfig: [{ name: [{ service: 'interlingua.v1.Interlingua' }], retryPolicy }] }) };
}

export function unary<Request, Reply>(method: Unary<Request, Reply>, client: Client, request: Request, metadata = new Metadata(), options: { deadline?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    method.call(client, request, metadata, options, (error, reply) => (error ? reject(error) : resolve(reply as Reply)));
  });
}

export async function collect<Reply>(stream: ClientReadableStream<Reply>): Promise<Reply[]> {
  const replies: Reply[] = [];
  for await (const reply of stream as AsyncIterable<Reply>) replies.push(reply);
  return replies;
}

export function withModel(model: string, extra: Record<string, string> = {}): Metadata {
  const metadata = new Metadata();
  metadata.set('x-model', model);
  for (const [key, value] of Object.entries(extra)) metadata.set(key, value);
  return metadata;
}
