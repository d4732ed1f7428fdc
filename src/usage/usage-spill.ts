import { appendFileSync, createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { UsageRecord } from './usage-record.js';
import { usageAttemptsSchema } from './usage-attempts.js';

/** One spilled line, checked on the way back in: a line cut short by a crash is skipped, not trusted. */
const spilledRecordSchema = z.object({
  id: z.string().min(1),
  createdAt: z.number(),
  keyId: z.string().optional(),
  keyName: z.string().optional(),
  model: z.string(),
  deployment: z.string().optional(),
  caller: z.string(),
  stream: z.boolean(),
  status: z.number().int(),
  errorCode: z.string().optional(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedTokens: z.number(),
  reasoningTokens: z.number(),
  cost: z.number().nullable(),
  latencyMs: z.number(),
  ttftMs: z.number().optional(),
  requestId: z.string().optional(),
  errorMessage: z.string().optional(),
  attempts: usageAttemptsSchema.optional(),
  estimated: z.boolean().optional(),
});

/**
 * Usage records that could not reach the database and no longer fit in memory, or were still
 * waiting when the gateway stopped: JSON lines in a local file, one file per replica. Replaying
 * first renames the file aside, so records spilled meanwhile go to a fresh one; a replay cut
 * short (a crash) is taken up again at the next start. Records are written with an insert that
 * skips ids already stored, so a record replayed twice is stored once.
 */
export class UsageSpill {
  private pending: number;

  constructor(readonly path: string) {
    this.pending = countLines(path) + countLines(replayingPath(path));
  }

  /** Records in the file, as far as this process knows. */
  get count(): number {
    return this.pending;
  }

  append(records: readonly UsageRecord[]): void {
    if (records.length === 0) return;
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    this.pending += records.length;
  }

  /**
   * Hands every spilled record to `write`, `batchSize` at a time, and removes the file once all
   * are written. A failed `write` leaves the rest for the next replay.
   */
  async replay(batchSize: number, write: (batch: UsageRecord[]) => Promise<void>): Promise<number> {
    const aside = replayingPath(this.path);
    if (!existsSync(aside)) {
      if (!existsSync(this.path)) return 0;
      renameSync(this.path, aside);
    }
    let written = 0;
    let batch: UsageRecord[] = [];
    const lines = createInterface({ input: createReadStream(aside, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      const record = parseLine(line);
      if (record === undefined) continue;
      batch.push(record);
      if (batch.length >= batchSize) {
        await write(batch);
        written += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await write(batch);
    written += batch.length;
    rmSync(aside, { force: true });
    this.pending = countLines(this.path);
    return written;
  }
}

function replayingPath(path: string): string {
  return `${path}.replaying`;
}

function parseLine(line: string): UsageRecord | undefined {
  if (line.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = spilledRecordSchema.safeParse(json);
  return parsed.success ? (stripUndefined(parsed.data) as unknown as UsageRecord) : undefined;
}

function stripUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function countLines(path: string): number {
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8');
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}
