/**
 * Interlingua as a library: the interlingua types, every dialect's codecs, and the gateway.
 * `dialects['anthropic'].parseRequest(body)` then `dialects['gemini'].emitRequest(...)`
 * translates without running a server.
 */
export * from './interlingua/index.js';
export { dialects, dialectNames } from './dialects/registry.js';
export { openaiChatDialect } from './dialects/openai-chat/index.js';
export { anthropicDialect } from './dialects/anthropic/index.js';
export { geminiDialect } from './dialects/gemini/index.js';
export { bedrockDialect } from './dialects/bedrock/index.js';
export { SseParser, formatSseFrame } from './wire/sse-parser.js';
export { NdjsonParser } from './wire/ndjson-parser.js';
export { AwsEventStreamParser, encodeAwsEventStreamMessage } from './wire/aws-event-stream.js';
export { foldStream, StreamFolder, mergeUsage } from './core/fold-stream.js';
export { responseToEvents } from './core/response-to-events.js';
export { createGateway, type Gateway, type GatewayOptions } from './gateway/server.js';
export { CloudTokens } from './providers/cloud-tokens.js';
export { loadConfigFile, resolveConfig, configFromEnvironment, ConfigError } from './config/load.js';
export type { GatewayConfig, ProviderConfig, DeploymentConfig } from './config/resolved-config.js';
export { createGrpcGateway, type GrpcGateway, type GrpcGatewayOptions } from './grpc/grpc-gateway.js';
export { turnsToTupleHistory, tupleHistoryToTurns, tupleHistoryToWireTurns, type RoleTurn, type TupleHistory } from './grpc/chathub/tuple-history.js';
export { CumulativeText } from './grpc/chathub/cumulative-text.js';
