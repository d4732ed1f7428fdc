import { fileURLToPath } from 'node:url';
import type { Options, PackageDefinition } from '@grpc/proto-loader';
import { grpcHealthCheck, protoLoader } from './grpc-packages.js';

/**
 * The repository's `proto/` folder, shipped in the package beside `build/`: this file runs as
 * `build/src/grpc/proto-files.js`, three levels below the package root.
 */
export const protoDirectory = fileURLToPath(new URL('../../../proto/', import.meta.url));

export const chatHubProtoFile = 'aihub/chat.proto';
export const interlinguaProtoFile = 'interlingua/v1/interlingua.proto';

/**
 * How messages become JavaScript objects: field names as the proto spells them (`max_length`,
 * as the seed's Python server reads them), 64-bit integers as numbers, enums by name, the set
 * member of a oneof named in a virtual field, and absent fields left out rather than defaulted.
 */
export const loaderOptions: Options = { keepCase: true, longs: Number, enums: String, oneofs: true, defaults: false, includeDirs: [protoDirectory] };

/** Both services in one definition. */
export function loadGatewayProtos(): PackageDefinition {
  return protoLoader().loadSync([chatHubProtoFile, interlinguaProtoFile], loaderOptions);
}

/** Every service the server answers, health included, so reflection can describe them all. */
export function loadReflectedProtos(): PackageDefinition {
  return protoLoader().loadSync([chatHubProtoFile, interlinguaProtoFile, grpcHealthCheck().protoPath], loaderOptions);
}

export function loadChatHubProto(): PackageDefinition {
  return protoLoader().loadSync(chatHubProtoFile, loaderOptions);
}
