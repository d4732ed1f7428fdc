import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { PluginJob } from './plugin-job.js';
import { readJsonBySchema } from '../../core/json-by-schema.js';

/** One spilled job, checked on the way back in: a line cut short by a crash is skipped, not trusted. */
const spilledJobSchema = z.object({
  id: z.string().min(1),
  plugin: z.string(),
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  conversationId: z.string(),
  keyId: z.string().optional(),
  startedAt: z.number(),
});

/**
 * Async plugin jobs a replica accepted while Redis was away and still held when it stopped: JSON
 * lines in a local file (`redis.spillFile`, one per replica), read back at its next start and
 * queued once Redis is there. The caller was told each had started, so dropping them at a
 * shutdown would break that word without a trace. The file is small (at most the jobs that may
 * wait, maxWaitingJobs) and written whole, through a temporary file, so it is never half written.
 */
export class JobSpill {
  constructor(readonly path: string) {}

  /** The jobs in the file; none when there is no file. */
  read(): PluginJob[] {
    if (!existsSync(this.path)) return [];
    const jobs: PluginJob[] = [];
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      const job = parseLine(line);
      if (job !== undefined) jobs.push(job);
    }
    return jobs;
  }

  /** Replaces the file with `jobs`; removes it when there are none. */
  write(jobs: readonly PluginJob[]): void {
    if (jobs.length === 0) {
      rmSync(this.path, { force: true });
      return;
    }
    mkdirSync(dirname(this.path), { recursive: true });
    const partial = `${this.path}.partial`;
    writeFileSync(partial, jobs.map((job) => `${JSON.stringify(job)}\n`).join(''));
    renameSync(partial, this.path);
  }
}

function parseLine(line: string): PluginJob | undefined {
  const spilled = readJsonBySchema(line, spilledJobSchema);
  if (spilled === undefined) return undefined;
  const { keyId, ...job } = spilled;
  return keyId === undefined ? job : { ...job, keyId };
}
