import type { Client, Metadata, MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { grpcJs } from '../grpc-packages.js';
import type { ProviderConfig } from '../../config/resolved-config.js';
import { loadChatHubProto } from '../proto-files.js';
import type { ChatHubReply, ChatHubRequest } from './wire-types.js';

export type ChatHubMethod = MethodDefinition<ChatHubRequest, ChatHubReply>;

/** The two methods of `aihub.ChatHub`, with their paths and (de)serializers, read once from the proto. */
export function chatHubMethods(): { chat: ChatHubMethod; streamingChat: ChatHubMethod } {
  const service = loadChatHubProto()['aihub.ChatHub'] as ServiceDefinition;
  return { chat: service.Chat as ChatHubMethod, streamingChat: service.StreamingChat as ChatHubMethod };
}

/**
 * One gRPC channel per ChatHub upstream (`grpc://host:port`, or `grpcs://` for TLS with the
 * system's root certificates), kept open across requests like the HTTP pools.
 */
export class ChatHubClients {
  private readonly clients = new Map<string, Client>();

  for(provider: ProviderConfig): Client {
    let client = this.clients.get(provider.baseUrl);
    if (client === undefined) {
      const url = new URL(provider.baseUrl);
      const secure = url.protocol === 'grpcs:';
      const { Client, credentials } = grpcJs();
      client = new Client(url.host, secure ? credentials.createSsl() : credentials.createInsecure());
      this.clients.set(provider.baseUrl, client);
    }
    return client;
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}

/** The provider's key as a bearer token and its configured headers, as call metadata. */
export function upstreamMetadata(provider: ProviderConfig): Metadata {
  const metadata = new (grpcJs().Metadata)();
  for (const [name, value] of Object.entries(provider.headers)) metadata.set(name.toLowerCase(), value);
  if (provider.apiKey !== undefined) metadata.set('authorization', `Bearer ${provider.apiKey}`);
  return metadata;
}
