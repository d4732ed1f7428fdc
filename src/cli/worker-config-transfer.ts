import { deserialize, serialize } from 'node:v8';
import type { GatewayConfig } from '../config/resolved-config.js';

/**
 * A resolved configuration as it crosses the IPC channel to a worker. The channel speaks JSON,
 * which would lose the configuration's Maps, RegExps (provider model patterns) and Buffers (gRPC
 * TLS keys); the V8 serializer keeps them, as structured clone does
 * (https://nodejs.org/api/v8.html#serialization-api). Only the configuration travels this way, so
 * the limit and job messages keep the default JSON channel.
 */
export function encodeConfig(config: GatewayConfig): string {
  return serialize(config).toString('base64');
}

export function decodeConfig(encoded: string): GatewayConfig {
  return deserialize(Buffer.from(encoded, 'base64')) as GatewayConfig;
}
