/**
 * `serve --workers N` is refused above four workers per core the process may use
 * (https://nodejs.org/api/os.html#osavailableparallelism), saying why: `--workers 999` had forked
 * 117 gateways eight seconds in. `serve --help` says so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { parseServeArgs } from '../../src/cli/serve-args.js';
import { UsageError } from '../../src/cli/command-args.js';
import { helpTexts } from '../../src/cli/help-texts.js';

const most = 4 * availableParallelism();

test('serve --workers above four per core is refused with the reason', () => {
  for (const count of [most + 1, 999]) {
    assert.throws(
      () => parseServeArgs(['--workers', String(count)]),
      (error: unknown) => error instanceof UsageError && error.message.startsWith(`serve: --workers ${count} is more than ${most} (4 per core, `) && /only adds memory/.test(error.message),
    );
  }
  assert.equal(parseServeArgs(['--workers', String(most)]).workers, most);
  assert.equal(parseServeArgs(['--workers', 'auto']).workers, availableParallelism());
});

test('serve --help tells the cap', () => {
  assert.match(helpTexts.serve, /--workers N[^]*at most 4 per\s+core/);
});
