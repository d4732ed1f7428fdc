import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { UsageRecord } from './usage-record.js';
import { usageAttemptsSchema } from './usage-attempts.js';
import { countLines, readLines } from './spill-lines.js';
import { readJsonBySchema } from '../core/json-by-schema.js';

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
 * 256 MiB, about 600,000 records (some 4 minutes of an outage at 2,300 requests a second, an hour
 * at 170). A spill file is the replica's last resort, on the disk it runs from: beyond this, a
 * long outage would fill that disk (and the database beside it on SQLite), or overrun the 1 GiB
 * volume the Kubernetes manifests give the spill files of a pod's workers.
 */
export const defaultMaxSpillBytes = 256 * 1024 * 1024;

/**
 * Usage records that could not reach the database and no longer fit in memory, or were still
 * waiting when the gateway stopped: JSON lines in a local file, one file per replica. Replaying
 * first renames the file aside, so records spilled meanwhile go to a fresh one; a replay cut
 * short (a crash) is taken up again at the next start. Records are written with an insert that
 * skips ids already stored, so a record replayed twice is stored once. The file (with one being
 * replayed) holds at most `maxBytes`: `append` takes what fits and says how many.
 */
export class UsageSpill {
  private pending: number;
  /** Bytes in the file and in the one being replayed, as far as this process knows. */
  private bytes: number;

  constructor(
    readonly path: string,
    readonly maxBytes = defaultMaxSpillBytes,
  ) {
    this.pending = countLines(path) + countLines(replayingPath(path));
    this.bytes = sizeOf(path) + sizeOf(replayingPath(path));
  }

  /** Records in the file, as far as this process knows. */
  get count(): number {
    return this.pending;
  }

  /**
   * Appends the first of `records` that fit under `maxBytes` and returns how many that was; the
   * rest are the caller's to keep or drop. A write that fails (a full disk) is cut back off the
   * file and thrown, so no half line is left for the next append to run into.
   */
  append(records: readonly UsageRecord[]): number {
    if (records.length === 0) return 0;
    let text = '';
    let size = 0;
    let taken = 0;
    for (const record of records) {
      const line = `${JSON.stringify(record)}\n`;
      const lineBytes = Buffer.byteLength(line);
      if (this.bytes + size + lineBytes > this.maxBytes) break;
      text += line;
      size += lineBytes;
      taken++;
    }
    if (taken === 0) return 0;
    mkdirSync(dirname(this.path), { recursive: true });
    const descriptor = openSync(this.path, 'a');
    try {
      const before = fstatSync(descriptor).size;
      try {
        const data = Buffer.from(text);
        for (let written = 0; written < data.length; ) written += writeSync(descriptor, data, written);
      } catch (error) {
        ftruncateSync(descriptor, before);
        throw error;
      }
    } finally {
      closeSync(descriptor);
    }
    this.pending += taken;
    this.bytes += size;
    return taken;
  }

  /**
   * Hands every spilled record to `write`, `batchSize` at a time, and removes the file once all
   * are written. A failed `write` leaves the rest for the next replay. The file is read as the
   * batches are written, so memory holds one batch whatever the file's size. Says how many
   * records were written, and how many lines were skipped as no record (cut short, or garbage).
   */
  async replay(batchSize: number, write: (batch: UsageRecord[]) => Promise<void>): Promise<{ written: number; skipped: number }> {
    const aside = replayingPath(this.path);
    if (!existsSync(aside)) {
      if (!existsSync(this.path)) return { written: 0, skipped: 0 };
      renameSync(this.path, aside);
    }
    let written = 0;
    let skipped = 0;
    let batch: UsageRecord[] = [];
    for await (const line of readLines(aside)) {
      const record = parseLine(line);
      if (record === undefined) {
        skipped++;
        continue;
      }
      batch.push(record);
      if (batch.length >= batchSize) {
        await write(batch);
        written += batch.length;
        this.pending = Math.max(0, this.pending - batch.length);
        batch = [];
      }
    }
    if (batch.length > 0) await write(batch);
    written += batch.length;
    rmSync(aside, { force: true });
    this.pending = countLines(this.path);
    this.bytes = sizeOf(this.path);
    return { written, skipped };
  }
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function replayingPath(path: string): string {
  return `${path}.replaying`;
}

/** The record a line holds, or undefined for one that holds none; an overlong line comes as ''. */
function parseLine(line: string): UsageRecord | undefined {
  const record = readJsonBySchema(line, spilledRecordSchema);
  return record === undefined ? undefined : (stripUndefined(record) as unknown as UsageRecord);
}

function stripUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
