import type { SharpConstructor } from 'sharp';

let loaded: Promise<SharpConstructor> | undefined;

/**
 * sharp (libvips), loaded on first use: almost no request carries an image that must be converted
 * or scaled, and libvips takes tens of milliseconds to load. It decodes and encodes on libuv's
 * thread pool, off the event loop.
 */
export function loadSharp(): Promise<SharpConstructor> {
  loaded ??= import('sharp').then((module) => module.default);
  return loaded;
}
