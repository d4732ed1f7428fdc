/**
 * Every process an MCP plugin starts is closed again: when its tool list fails (each request would
 * otherwise leave one more running), and when a closed connection is replaced by a new one (the old
 * client, closing late, must not make the connection forget the new one, which would then run on
 * unclosed beside a third).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginCatalog } from '../../src/plugins/plugin-catalog.js';
import { McpConnection } from '../../src/plugins/mcp-connection.js';
import type { McpPluginConfig } from '../../src/config/plugin-config.js';

const serverPath = fileURLToPath(new URL('./support/scripted-mcp-server.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'mcp-lifetime-'));
const pidFiles: string[] = [];

/** A plugin of the scripted server, and the file where each of its processes writes its pid. */
function plugin(name: string, mode: string): { config: McpPluginConfig; pidFile: string } {
  const pidFile = join(folder, `${name}.pids`);
  pidFiles.push(pidFile);
  const config: McpPluginConfig = { type: 'mcp', name, server: { kind: 'stdio', command: process.execPath, args: [serverPath, pidFile, mode], env: {} }, timeoutMs: 5000, concurrency: 4, async: false };
  return { config, pidFile };
}

function startedPids(pidFile: string): number[] {
  try {
    return readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids still running once a process that was told to stop has had a moment to. */
async function stillRunning(pids: number[]): Promise<number[]> {
  for (let attempt = 0; attempt < 30 && pids.some(isAlive); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.filter(isAlive);
}

after(() => {
  // Whatever a failing run left behind, so the test process can end.
  for (const pid of pidFiles.flatMap(startedPids)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

test('a server whose tool list fails is closed each time, and none runs on after close()', async () => {
  const { config, pidFile } = plugin('failing', 'failing-list');
  const catalog = new PluginCatalog(new Map([['failing', config]]));
  for (let request = 0; request < 3; request++) {
    const { tools, warnings } = await catalog.toolsOf(['failing']);
    assert.equal(tools.size, 0);
    assert.match(warnings[0]?.message ?? '', /unavailable/);
  }
  await catalog.close();
  const started = startedPids(pidFile);
  assert.equal(started.length, 3, 'one server started per request');
  assert.deepEqual(await stillRunning(started), []);
});

test('a connection opened while the previous one closes is kept, and closed by close()', async () => {
  const { config, pidFile } = plugin('healthy', 'healthy');
  const connection = new McpConnection(config);
  assert.deepEqual((await connection.tools()).map((tool) => tool.definition.name), ['echo']);
  // The first client's close ends after the second connection began.
  await Promise.all([connection.close(), connection.tools()]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual((await connection.tools()).map((tool) => tool.definition.name), ['echo']);
  assert.equal(startedPids(pidFile).length, 2, 'the second connection is still the one in use');
  await connection.close();
  assert.deepEqual(await stillRunning(startedPids(pidFile)), []);
});
