import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded the first time the returned function is called, then kept. Features a
 * configuration does not use (gRPC, Redis, the clouds' SDKs, OneBot's WebSockets) cost a gateway
 * nothing this way, where module-level imports loaded them all at start (docs/speed-startup.md).
 * `require` rather than `import()` where the calling code is synchronous; it shares the one
 * instance an `import` of the same CommonJS package gets.
 */
export function requiredOnFirstUse<Module>(specifier: string): () => Module {
  let loaded: Module | undefined;
  return () => (loaded ??= require(specifier) as Module);
}
