/**
 * A spill file on a full disk: the write that fails part way is cut back off the file, so the
 * next append (once there is room) does not run on from half a line, and the records before it
 * read back whole. The full disk is a file size limit (RLIMIT_FSIZE, `ulimit -f`) on a child
 * process: its writes past the limit fail as they do on a full file system (EFBIG there, ENOSPC
 * here), with no mount.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageSpill } from '../../src/usage/usage-spill.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-spill-full-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** Appends five records at a time until the limit stops it; prints the error's code. */
const child = `
const { UsageSpill } = await import(process.argv[1]);
const spill = new UsageSpill(process.argv[2]);
const record = (index) => ({ id: 'req_' + index, createdAt: 1000 + index, model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 5 });
try {
  for (let index = 0; index < 1000; index += 5) spill.append([0, 1, 2, 3, 4].map((offset) => record(index + offset)));
  console.log('no error');
} catch (error) {
  console.log(error.code);
}
`;

test('a spill write that fails on a full disk leaves no half line behind', { skip: process.platform === 'win32' }, async () => {
  const spillFile = join(directory, 'full.jsonl');
  const module = fileURLToPath(new URL('../../src/usage/usage-spill.js', import.meta.url));
  // 8 blocks of 512 bytes: 4 KiB, about twenty records.
  const run = spawnSync('sh', ['-c', 'ulimit -f 8 && exec "$0" --input-type=module -e "$1" "$2" "$3"', process.execPath, child, module, spillFile], { encoding: 'utf8' });
  assert.equal(run.stdout.trim(), 'EFBIG', `the limit stopped a write: ${run.stdout}${run.stderr}`);
  const text = readFileSync(spillFile, 'utf8');
  assert.ok(text.length > 0 && text.endsWith('\n'), `the file ends with a whole line (${text.length} bytes, ends ${JSON.stringify(text.slice(-20))})`);

  const spill = new UsageSpill(spillFile);
  const replayed: UsageRecord[] = [];
  const { skipped } = await spill.replay(100, async (batch) => void replayed.push(...batch));
  assert.equal(skipped, 0, 'every line is a record');
  assert.ok(replayed.length >= 5 && replayed.length % 5 === 0, `whole appends only: ${replayed.length} records`);
  assert.deepEqual(
    replayed.map((record) => record.id),
    Array.from({ length: replayed.length }, (_, index) => `req_${index}`),
  );
});
