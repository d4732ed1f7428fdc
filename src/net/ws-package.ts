import { requiredOnFirstUse } from '../core/on-first-use.js';

/**
 * The `ws` package, loaded with the first WebSocket the gateway opens or accepts (OneBot links,
 * realtime plugin events): a gateway that never upgrades a connection never loads it. Its
 * CommonJS export is the `WebSocket` class, with `WebSocketServer` and the rest as its properties.
 */
export const wsPackage = requiredOnFirstUse<typeof import('ws', { with: { 'resolution-mode': 'require' } })>('ws');
