import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './repository-root.js';
import type { StreamFrame } from '../../src/interlingua/dialect.js';
import { SseParser } from '../../src/wire/sse-parser.js';

/**
 * Every fixture a test reads lives in this repository, so a fresh clone tests itself:
 * - `test/fixtures/recorded/<folder>/`: vendor traffic copied from public recordings, each file's
 *   source, commit and licence in `recorded/MANIFEST.md`;
 * - `test/fixtures/<folder>/`: bodies written here, mostly from a vendor's documented format where
 *   no redistributable recording exists (each named in `test/fixtures/README.md`).
 * A fixture is named `<folder>/<file>` and found in whichever of the two holds it. A name in both
 * is an error, so a test never has to wonder which one it read. Nothing outside the clone is
 * looked at: a missing fixture fails loudly rather than being found elsewhere.
 */
export const ownFixturesRoot = join(repositoryRoot(), 'test', 'fixtures');
export const recordedFixturesRoot = join(ownFixturesRoot, 'recorded');

if (!existsSync(join(recordedFixturesRoot, 'MANIFEST.md'))) {
  throw new Error(`recorded fixtures missing: ${join(recordedFixturesRoot, 'MANIFEST.md')}`);
}

/** The file a fixture name stands for, recorded or written here. */
export function fixturePath(name: string): string {
  const recorded = join(recordedFixturesRoot, name);
  const own = join(ownFixturesRoot, name);
  const inRecorded = existsSync(recorded);
  const inOwn = existsSync(own);
  if (inRecorded && inOwn) throw new Error(`fixture ${name} exists both in test/fixtures/recorded/ and test/fixtures/`);
  if (inOwn) return own;
  if (inRecorded) return recorded;
  throw new Error(`no fixture ${name} in test/fixtures/recorded/ or test/fixtures/`);
}

/** The file names in a fixture folder, recorded and written here together, sorted. */
export function fixtureNames(folder: string): string[] {
  const filesIn = (directory: string) =>
    existsSync(directory) ? readdirSync(directory).filter((name) => statSync(join(directory, name)).isFile()) : [];
  return [...new Set([...filesIn(join(recordedFixturesRoot, folder)), ...filesIn(join(ownFixturesRoot, folder))])].sort();
}

export function readFixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function readFixtureJson(name: string): unknown {
  return JSON.parse(readFixtureText(name)) as unknown;
}

/** A recorded `.sse` body as frames, exactly as the gateway's SSE parser sees them. */
export function readFixtureSseFrames(name: string): StreamFrame[] {
  const parser = new SseParser();
  return [...parser.push(readFixtureText(name)), ...parser.end()];
}

/**
 * A `.data.ndjson` fixture (SSE `data:` payloads one per line, framing stripped by the recorder)
 * as frames. Anthropic's event name equals the payload's `type`, so it is restored from there.
 */
export function readFixtureDataLines(name: string, restoreEventFromType = false): StreamFrame[] {
  return readFixtureText(name)
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      if (!restoreEventFromType) return { data: line };
      const parsed = JSON.parse(line) as { type?: unknown };
      return typeof parsed.type === 'string' ? { event: parsed.type, data: line } : { data: line };
    });
}
