/** Docker cannot run here, so the image recipe and the manifests are checked as files: parsed, cross-referenced, loaded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { loadConfigFile } from '../../src/config/load.js';
import { loadCommandConfig } from '../../src/cli/gateway-config.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifestsDirectory = join(root, 'deploy', 'kubernetes');

type Manifest = { kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };

function manifests(): Manifest[] {
  return readdirSync(manifestsDirectory)
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .flatMap((name) =>
      parseAllDocuments(readFileSync(join(manifestsDirectory, name), 'utf8')).map((document) => {
        assert.deepEqual(document.errors, [], `${name} is valid YAML`);
        return document.toJS() as Manifest;
      }),
    );
}

function find(kind: string, name: string): Manifest {
  const found = manifests().find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  assert.ok(found, `${kind} ${name}`);
  return found;
}

test('every path the Dockerfile copies from the source tree exists, and it runs as a non-root user', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((match) => (match[1] ?? '').trim().split(/\s+/).slice(0, -1));
  assert.ok(copied.length >= 5);
  for (const path of copied) assert.ok(existsSync(join(root, path)), `${path} exists`);
  assert.match(dockerfile, /^FROM node:20-slim AS build$/m);
  assert.match(dockerfile, /^USER node$/m);
  assert.match(dockerfile, /"serve"/);
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.ok(dockerfile.includes(`/app/${packageJson.bin.interlingua}`), 'the entry point is the package bin');
});

test('the image is built from everything `npm run build` reads, and runs with all it built', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const buildStage = dockerfile.slice(0, dockerfile.indexOf('RUN npm run build'));
  const copied = [...buildStage.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((match) => (match[1] ?? '').trim().split(/\s+/).slice(0, -1));
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build'] ?? '';
  // Each file the script names (tools/prune-build.mjs, tsconfig.json, console/tsconfig.json, …), by its first path segment.
  const read = [...script.matchAll(/[\w.-]+(?:\/[\w.-]+)*\.(?:mjs|json|ts)\b/g)].map((match) => match[0]);
  assert.ok(read.length >= 3, script);
  for (const path of read) assert.ok(copied.includes(path.split('/')[0] ?? path), `the build stage copies ${path} (it copies ${copied.join(', ')})`);
  for (const built of ['build/src', 'build/console']) assert.match(dockerfile, new RegExp(`^COPY --from=build /app/${built} \\./${built}$`, 'm'));
});

test('the README\'s docker run keeps its SQLite and spill files in the image\'s writable data folder, not beside the mounted configuration', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const workdir = [...runtime.matchAll(/^WORKDIR (\S+)$/gm)].at(-1)?.[1] ?? '';
  assert.match(runtime, new RegExp(`^RUN mkdir -p ${workdir} && chown node:node ${workdir}$`, 'm'), 'the user owns the working directory');
  const environment = Object.fromEntries([...runtime.matchAll(/^ENV (\w+)=(\S+)$/gm)].map((match) => [match[1] ?? '', match[2] ?? '']));
  const command = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime)?.[1] ?? '[]') as string[];
  const mounted = command[command.indexOf('--config') + 1] ?? '';
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.ok(readme.includes(`-v "$PWD/interlingua.yaml:${mounted}" interlingua`), `the README mounts the configuration at ${mounted}`);
  // The configuration as the README's recipe mounts it (no database section), read the way the
  // image's command reads it, with the image's environment; its folder stands for the mount.
  const path = join(mkdtempSync(join(tmpdir(), 'interlingua-docker-')), basename(mounted));
  writeFileSync(path, 'server:\n  host: 0.0.0.0\nproviders:\n  openai:\n    dialect: openai-chat\n    apiKey: sk-test\n');
  const { config } = loadCommandConfig(path, environment);
  assert.deepEqual(config.database, { kind: 'sqlite', path: `${workdir}/interlingua.db` });
  assert.equal(config.usageSpillFile, `${workdir}/interlingua.usage-spill.jsonl`);
});

test('the kustomization lists every manifest file', () => {
  const kustomization = parseAllDocuments(readFileSync(join(manifestsDirectory, 'kustomization.yaml'), 'utf8'))[0]?.toJS() as { resources: string[] };
  const files = readdirSync(manifestsDirectory).filter((name) => name.endsWith('.yaml') && !['kustomization.yaml', 'secret.example.yaml'].includes(name));
  assert.deepEqual([...kustomization.resources].sort(), files.sort());
});

test('the gateway runs as several replicas, probed on /health, with time to drain streams', () => {
  const deployment = find('Deployment', 'interlingua');
  assert.ok(deployment.spec.replicas >= 2);
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  assert.equal(container.readinessProbe.httpGet.path, '/health', 'a shared store away must not take every replica out of the Service');
  assert.equal(container.livenessProbe.httpGet.path, '/health');
  assert.equal(container.startupProbe.httpGet.path, '/ready', 'a new replica joins once it reaches its stores');
  assert.equal(pod.securityContext.runAsNonRoot, true);
  // The grace period covers the drain the configuration asks for.
  const config = find('ConfigMap', 'interlingua-config').data?.['interlingua.yaml'] ?? '';
  const drainMs = Number(/drainMs: (\d+)/.exec(config)?.[1]);
  assert.ok(pod.terminationGracePeriodSeconds * 1000 > drainMs + 5000, 'grace period over drain plus the preStop pause');
  const service = find('Service', 'interlingua');
  assert.deepEqual(service.spec.selector, deployment.spec.selector.matchLabels);
  assert.equal(service.spec.ports[0].targetPort, container.ports[0].name);
});

test('the ConfigMap is a valid configuration once the Secret’s variables are set, using PostgreSQL and Redis', () => {
  const secret = find('Secret', 'interlingua-secrets');
  const config = find('ConfigMap', 'interlingua-config').data?.['interlingua.yaml'] ?? '';
  const path = join(mkdtempSync(join(tmpdir(), 'interlingua-k8s-')), 'interlingua.yaml');
  writeFileSync(path, config);
  const loaded = loadConfigFile(path, { ...secret.stringData });
  assert.equal(loaded.server.host, '0.0.0.0');
  assert.equal(loaded.database?.kind, 'postgres');
  assert.ok(loaded.redis?.url.startsWith('redis://'));
  assert.equal(loaded.cache?.store, 'redis');
  // Every variable the configuration reads is a key of the Secret the pods take their environment from.
  for (const [, name] of config.matchAll(/\$\{([A-Z_]+)\}/g)) assert.ok(name !== undefined && name in (secret.stringData ?? {}), `${name} in the Secret`);
  const deployment = find('Deployment', 'interlingua');
  assert.equal(deployment.spec.template.spec.containers[0].envFrom[0].secretRef.name, secret.metadata.name);
  // The hosts in the Secret's URLs are the Services of the manifests.
  assert.ok(find('Service', 'interlingua-postgres') && secret.stringData?.DATABASE_URL?.includes('@interlingua-postgres:'));
  assert.ok(find('Service', 'interlingua-redis') && secret.stringData?.REDIS_URL?.includes('//interlingua-redis:'));
  // The root file system is read-only: usage records spilled during a database outage need a writable volume.
  const container = deployment.spec.template.spec.containers[0];
  const spillFile = loaded.usageSpillFile ?? '';
  const mount = (container.volumeMounts as Array<{ mountPath: string; readOnly?: boolean }>).find((candidate) => spillFile.startsWith(`${candidate.mountPath}/`));
  assert.ok(mount !== undefined && mount.readOnly !== true, `${spillFile} is on a writable volume`);
});
