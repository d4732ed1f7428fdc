/**
 * An MCP server's tool list in pages (`nextCursor`): every page is read, so a tool on a later page
 * is offered and can be picked by name; a server whose pages never end makes the plugin unavailable
 * with its reason, after the cap, rather than being read forever.
 * Reference: https://modelcontextprotocol.io/specification/2025-06-18/server/utilities/pagination
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginCatalog } from '../../src/plugins/plugin-catalog.js';
import { maxToolListPages } from '../../src/plugins/mcp-tool-pages.js';
import type { McpPluginConfig } from '../../src/config/plugin-config.js';

const serverPath = fileURLToPath(new URL('./support/scripted-mcp-server.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'mcp-pages-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function plugin(name: string, mode: string, tools?: string[]): McpPluginConfig {
  const server = { kind: 'stdio' as const, command: process.execPath, args: [serverPath, join(folder, `${name}.pids`), mode], env: {} };
  return { type: 'mcp', name, server, timeoutMs: 5000, concurrency: 4, async: false, ...(tools !== undefined ? { tools } : {}) };
}

test('every page of a paginated tool list is offered, and a tool of the last page can be picked', async () => {
  const catalog = new PluginCatalog(
    new Map([
      ['all', plugin('all', 'three-pages')],
      ['picked', plugin('picked', 'three-pages', ['page_3_tool'])],
    ]),
  );
  try {
    const all = await catalog.toolsOf(['all']);
    assert.deepEqual([...all.tools.keys()], ['page_1_tool', 'page_2_tool', 'page_3_tool']);
    assert.deepEqual(all.warnings, []);
    const picked = await catalog.toolsOf(['picked']);
    assert.deepEqual([...picked.tools.keys()], ['page_3_tool']);
    assert.deepEqual(picked.warnings, []);
  } finally {
    await catalog.close();
  }
});

test('a tool list whose pages never end leaves the plugin out with the reason', async () => {
  const catalog = new PluginCatalog(new Map([['endless', plugin('endless', 'endless-pages')]]));
  try {
    const { tools, warnings } = await catalog.toolsOf(['endless']);
    assert.equal(tools.size, 0);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]?.message ?? '', new RegExp(`unavailable.*more than ${maxToolListPages} pages`));
  } finally {
    await catalog.close();
  }
});
