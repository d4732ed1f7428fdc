/** `serve` as operators run it: SIGHUP and file changes reload the configuration, SIGTERM drains streams in flight. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { refuseIfJudged } from '../support/vendor-rules/judge-incoming.js';
import type { VendorRefusal } from '../support/vendor-rules/index.js';

const bin = fileURLToPath(new URL('../../../bin/interlingua.js', import.meta.url));

/**
 * An OpenAI-compatible upstream whose streams the test finishes by hand: the first chunk goes
 * out at once, the rest when `release` is called, so no test depends on timing.
 */
class HeldStreams {
  readonly held: Array<() => void> = [];
  /** Requests OpenAI would have refused (judged by test/support/vendor-rules); answered with its error. */
  readonly refusals: VendorRefusal[] = [];
  private waiting: Array<() => void> = [];
  server: Server = createServer((incoming, response) => {
    void refuseIfJudged(incoming, response).then((refusal) => (refusal === undefined ? this.answer(response) : this.refusals.push(refusal)));
  });

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Resolves once a stream is being held. */
  nextHeld(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private answer(response: ServerResponse): void {
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(chunk({ role: 'assistant', content: 'first ' }, null));
    this.held.push(() => {
      response.write(chunk({ content: 'last' }, null));
      response.write(chunk({}, 'stop'));
      response.end('data: [DONE]\n\n');
    });
    for (const wake of this.waiting.splice(0)) wake();
  }
}

const upstream = new HeldStreams();
before(() => new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve)));
after(async () => {
  await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
  assert.deepEqual(upstream.refusals.map((refusal) => `${refusal.rule}: ${refusal.message}`), [], 'the gateway sent nothing OpenAI would refuse');
});

function configText(models: string[], serverLines: string[] = []): string {
  return [
    'server:',
    '  drainMs: 60000',
    ...serverLines,
    'providers:',
    '  up:',
    '    dialect: openai-chat',
    `    baseUrl: ${upstream.baseUrl}`,
    '    apiKey: k',
    'models:',
    ...models.flatMap((model) => [`  ${model}:`, '    - provider: up', '      model: m']),
    '',
  ].join('\n');
}

async function startServe(configPath: string): Promise<{ child: ChildProcessWithoutNullStreams; url: string; exited: Promise<number | null>; stderr: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--config', configPath, '--port', '0']);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('close', () => reject(new Error(`serve exited early: ${output} ${stderr}`)));
  });
  return { child, url, exited, stderr: () => stderr };
}

/** Opens a stream and returns once its first chunk has arrived, with a promise of the whole text (wrapped: a returned promise would be awaited too). */
async function openStream(url: string, model: string): Promise<{ whole: Promise<string> }> {
  const response = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.statusCode, 200);
  const iterator = response.body[Symbol.asyncIterator]();
  const first = await iterator.next();
  let text = Buffer.from(first.value as Buffer).toString();
  const whole = (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return text;
      text += Buffer.from(next.value as Buffer).toString();
    }
  })();
  return { whole };
}

async function models(url: string): Promise<string[]> {
  const response = await request(`${url}/v1/models`);
  const body = (await response.body.json()) as { data: Array<{ id: string }> };
  return body.data.map((model) => model.id);
}

/** Polls until the condition holds: the reload happens in another process, at its own pace. */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail('the condition never held');
}

function streamedText(wire: string): string {
  return wire
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => (JSON.parse(line.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? '')
    .join('');
}

test('SIGHUP reloads the configuration while a stream started before it runs to its end', async () => {
  const configPath = join(mkdtempSync(join(tmpdir(), 'interlingua-reload-')), 'interlingua.yaml');
  writeFileSync(configPath, configText(['old']));
  const serve = await startServe(configPath);
  try {
    const held = upstream.nextHeld();
    const stream = await openStream(serve.url, 'old');
    await held;
    writeFileSync(configPath, configText(['old', 'new']));
    serve.child.kill('SIGHUP');
    await eventually(async () => (await models(serve.url)).includes('new'));
    upstream.held.shift()?.();
    const wire = await stream.whole;
    assert.equal(streamedText(wire), 'first last');
    assert.match(wire, /data: \[DONE\]/);
    // A configuration that does not load leaves the running one in place.
    writeFileSync(configPath, 'providers: [');
    serve.child.kill('SIGHUP');
    await eventually(async () => serve.stderr().includes('configuration not reloaded'));
    assert.deepEqual((await models(serve.url)).sort(), ['new', 'old']);
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
});

test('a change to the config file is picked up without a signal', async () => {
  const configPath = join(mkdtempSync(join(tmpdir(), 'interlingua-watch-')), 'interlingua.yaml');
  writeFileSync(configPath, configText(['old']));
  const serve = await startServe(configPath);
  try {
    writeFileSync(configPath, configText(['old', 'watched']));
    await eventually(async () => (await models(serve.url)).includes('watched'));
    // A key only a restart applies is named in a warning; the gateway keeps serving where it listens.
    writeFileSync(configPath, configText(['old', 'watched'], ['  port: 4999']));
    await eventually(async () => /only after a restart: server\.port/.test(serve.stderr()));
    assert.deepEqual((await models(serve.url)).sort(), ['old', 'watched']);
  } finally {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
});

test('SIGTERM stops taking requests and lets a stream in flight finish before exiting', async () => {
  const configPath = join(mkdtempSync(join(tmpdir(), 'interlingua-drain-')), 'interlingua.yaml');
  writeFileSync(configPath, configText(['old']));
  const serve = await startServe(configPath);
  const held = upstream.nextHeld();
  const stream = await openStream(serve.url, 'old');
  await held;
  serve.child.kill('SIGTERM');
  await eventually(async () => serve.stderr().includes('shutting down'));
  let exitedEarly = false;
  void serve.exited.then(() => (exitedEarly = true));
  // Not yet released: the process must still be waiting for the stream.
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(exitedEarly, false);
  upstream.held.shift()?.();
  assert.equal(streamedText(await stream.whole), 'first last');
  assert.equal(await serve.exited, 0);
});

test('a SIGHUP while draining (a closed terminal) neither ends the process nor cuts the stream', async () => {
  const configPath = join(mkdtempSync(join(tmpdir(), 'interlingua-drain-hup-')), 'interlingua.yaml');
  writeFileSync(configPath, configText(['old']));
  const serve = await startServe(configPath);
  const held = upstream.nextHeld();
  const stream = await openStream(serve.url, 'old');
  await held;
  serve.child.kill('SIGTERM');
  await eventually(async () => serve.stderr().includes('shutting down'));
  serve.child.kill('SIGHUP');
  let exitedEarly = false;
  void serve.exited.then(() => (exitedEarly = true));
  // A hangup with no listener would end the process at once; give it the time to.
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(exitedEarly, false);
  upstream.held.shift()?.();
  assert.equal(streamedText(await stream.whole), 'first last');
  assert.equal(await serve.exited, 0);
});
