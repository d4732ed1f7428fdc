/**
 * `--help`, `--version` and a mistyped option answer without loading the gateway, the dialects
 * or the store: only the CLI's own light modules load. Checked by the modules the child loaded,
 * which does not depend on how busy the machine is, and by its CPU time (the 0.5 s).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runCliReportingLoad } from './support/run-cli.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const entry = ['bin/interlingua.js', 'build/src/cli/main.js', 'build/src/cli/command-args.js', 'build/src/config/closest-word.js', 'build/src/cli/help-texts.js', 'build/src/cli/version.js'];

const cases: Array<{ args: string[]; exitCode: number; also: string[] }> = [
  { args: ['--help'], exitCode: 0, also: [] },
  { args: ['--version'], exitCode: 0, also: [] },
  { args: ['serve', '--help'], exitCode: 0, also: [] },
  { args: ['convert', '--help'], exitCode: 0, also: [] },
  { args: ['keys', '--help'], exitCode: 0, also: [] },
  { args: ['keys', 'create', '--help'], exitCode: 0, also: [] },
  { args: ['usage', '--help'], exitCode: 0, also: [] },
  { args: ['sevre'], exitCode: 1, also: [] },
  { args: ['serve', '--port', 'eighty'], exitCode: 1, also: ['build/src/cli/serve-args.js'] },
  { args: ['convert', '--frm', 'anthropic'], exitCode: 1, also: ['build/src/cli/convert-args.js'] },
  { args: ['keys', 'create'], exitCode: 1, also: ['build/src/cli/keys-args.js', 'build/src/keys/gateway-key.js', 'build/src/keys/time-text.js'] },
  { args: ['usage', '--limit', 'all'], exitCode: 1, also: ['build/src/cli/usage-args.js', 'build/src/keys/time-text.js'] },
];

describe('commands that need no gateway start fast', { concurrency: 2 }, () => {
  for (const { args, exitCode, also } of cases) {
    test(`interlingua ${args.join(' ')} loads only the CLI's light modules and takes under 0.5 s of CPU`, async () => {
      const result = await runCliReportingLoad(args);
      assert.equal(result.code, exitCode, result.stderr);
      const loaded = result.modules.map((url) => (url.startsWith('file://') ? fileURLToPath(url).replace(root, '') : url));
      assert.ok(loaded.includes('build/src/cli/main.js'), `the report sees the CLI's modules: ${loaded.join(' ')}`);
      assert.deepEqual(
        loaded.filter((path) => !entry.includes(path) && !also.includes(path)),
        [],
        'nothing beyond the entry modules and the command\'s argument reader (no gateway, dialect, store or node_modules)',
      );
      assert.ok(Number.isFinite(result.cpuMs) && result.cpuMs < 500, `CPU time ${result.cpuMs} ms`);
    });
  }
});
