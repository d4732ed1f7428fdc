import { requiredOnFirstUse } from '../core/on-first-use.js';

/**
 * The gRPC packages, loaded when a gRPC server is made or a ChatHub upstream first called: some
 * 300 modules and 30 MB that a gateway without either never needs, though the library entry and
 * the CLI name `createGrpcGateway`.
 */
export const grpcJs = requiredOnFirstUse<typeof import('@grpc/grpc-js')>('@grpc/grpc-js');
export const protoLoader = requiredOnFirstUse<typeof import('@grpc/proto-loader')>('@grpc/proto-loader');
export const grpcReflection = requiredOnFirstUse<typeof import('@grpc/reflection')>('@grpc/reflection');
export const grpcHealthCheck = requiredOnFirstUse<typeof import('grpc-health-check')>('grpc-health-check');
