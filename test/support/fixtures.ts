import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StreamFrame } from '../../src/interlingua/dialect.js';
import { SseParser } from '../../src/wire/sse-parser.js';

/**
 * Recorded vendor traffic lives in `../shared/fixtures/<dialect>/` beside the checkout; its
 * MANIFEST.md names the source of every file. Tests cite the file they replay.
 */
function findFixturesRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    const candidate = join(directory, '..', 'shared', 'fixtures');
    if (existsSync(join(candidate, 'MANIFEST.md'))) return resolve(candidate);
    directory = dirname(directory);
  }
  throw new Error('shared/fixtures not found beside the checkout');
}

export const fixturesRoot = findFixturesRoot();

export function fixturePath(relativePath: string): string {
  return join(fixturesRoot, relativePath);
}

export function readFixtureText(relativePath: string): string {
  return readFileSync(fixturePath(relativePath), 'utf8');
}

export function readFixtureJson(relativePath: string): unknown {
  return JSON.parse(readFixtureText(relativePath)) as unknown;
}

/** A recorded `.sse` body as frames, exactly as the gateway's SSE parser sees them. */
export function readFixtureSseFrames(relativePath: string): StreamFrame[] {
  const parser = new SseParser();
  return [...parser.push(readFixtureText(relativePath)), ...parser.end()];
}

/**
 * A `.data.ndjson` fixture (SSE `data:` payloads one per line, framing stripped by the recorder)
 * as frames. Anthropic's event name equals the payload's `type`, so it is restored from there.
 */
export function readFixtureDataLines(relativePath: string, restoreEventFromType = false): StreamFrame[] {
  return readFixtureText(relativePath)
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      if (!restoreEventFromType) return { data: line };
      const parsed = JSON.parse(line) as { type?: unknown };
      return typeof parsed.type === 'string' ? { event: parsed.type, data: line } : { data: line };
    });
}
