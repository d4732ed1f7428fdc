/** The interlingua: the one representation every dialect parses into and emits from. */
export type * from './content.js';
export type * from './cache.js';
export type * from './message.js';
export type * from './tool.js';
export type * from './usage.js';
export type * from './finish-reason.js';
export type * from './warning.js';
export type * from './request.js';
export type * from './response.js';
export type * from './stream-event.js';
export type * from './dialect.js';
export type * from './vendor.js';
export type * from './embedding.js';
export type * from './count-tokens.js';
export { InterlinguaError, errorTable, errorCodeForStatus, isRetryableStatus } from './error.js';
export type { ErrorCode, InterlinguaErrorOptions, UpstreamErrorDetails } from './error.js';
