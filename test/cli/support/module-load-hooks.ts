/**
 * Module hooks for a CLI child (registered by module-report.ts): each module the child loads is
 * written to standard error as `[module] URL`. They run on Node's loader thread, whence a
 * synchronous write to descriptor 2 reaches the parent in order.
 */
import { writeSync } from 'node:fs';

type NextLoad = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<unknown> {
  if (!url.startsWith('node:')) writeSync(2, `[module] ${url}\n`);
  return nextLoad(url, context);
}
