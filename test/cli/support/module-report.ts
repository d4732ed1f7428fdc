/**
 * `node --import module-report.js bin/interlingua.js …`: the child reports the modules it loads
 * (module-load-hooks.ts) and, as it exits, the CPU time it used: `[cpu-ms] N`.
 */
import { register } from 'node:module';
import { writeSync } from 'node:fs';

register(new URL('./module-load-hooks.js', import.meta.url));
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeSync(2, `[cpu-ms] ${Math.round((user + system) / 1000)}\n`);
});
