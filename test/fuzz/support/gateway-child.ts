import { resolveConfig } from '../../../src/config/load.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { createGateway } from '../../../src/gateway/server.js';
import { runServerChild } from '../../../bench/child-runtime.js';

/*
 * A gateway in a process of its own, for the fuzz suite: a crash ends this process and not the
 * test runner, and the heap can be measured after a forced collection (`--expose-gc`) through the
 * bench children's `memory` command. argv[2] is the raw configuration as JSON.
 */

const rawConfig = JSON.parse(process.argv[2] ?? '{}') as unknown;

await runServerChild(async () => {
  const gateway = createGateway(resolveConfig(rawConfig, 'fuzz'), { logger: silentLogger });
  await gateway.openStore();
  const address = await gateway.listen(0, '127.0.0.1');
  return { port: address.port, close: () => gateway.close(0) };
});
