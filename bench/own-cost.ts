import { Duplex, Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../src/config/load.js';
import { silentLogger } from '../src/gateway/logger.js';
import { createGateway, type Gateway } from '../src/gateway/server.js';
import type { UpstreamResponse } from '../src/gateway/upstream-client.js';
import { buildScenarios, readFixture, upstreamReplyFixtures, type Scenario } from './scenarios.js';

/**
 * `node build/bench/own-cost.js [--only <text>] [--requests N] [--parse]`: the gateway's own CPU
 * per request, without the kernel, the HTTP client or another process. Requests are written as
 * bytes into in-memory sockets handed to the gateway's `node:http` server, and the upstream client
 * answers with the scenario's recorded reply at once. What remains is what the gateway itself
 * does (parsing, routing, translating, usage, metrics, writing the answer), without what it shares
 * with any proxy. `--parse` turns the same-dialect pass-through off, to see what it saves. Usage
 * goes to an in-memory SQLite store. Run it a few times: on a shared machine one run can be 20% off.
 */

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    requests: { type: 'string', default: '20000' },
    parse: { type: 'boolean', default: false },
  },
});

/** Requests in flight at once, each on a connection of its own. */
const connections = 16;
const warmupRequests = 5_000;

/** A socket whose writes are read back as HTTP answers: an answer is whole at its length, or at the last chunk. */
class MemorySocket extends Duplex {
  readonly remoteAddress = '127.0.0.1';
  readonly remotePort = 1;
  private received = '';
  private answered: (() => void) | undefined;

  ask(request: Buffer): Promise<void> {
    return new Promise((resolve) => {
      this.answered = resolve;
      // A real socket's bytes arrive in a turn of the event loop of their own. Pushed at once, every
      // request would run in microtasks of one turn, and what waits for the next turn (the usage
      // writer's batches, timers) would wait for the whole run, its garbage piling up meanwhile.
      setImmediate(() => this.push(request));
    });
  }

  override _read(): void {}

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.collect(chunk);
    callback();
  }

  override _writev(chunks: Array<{ chunk: Buffer | string }>, callback: () => void): void {
    for (const { chunk } of chunks) this.collect(chunk);
    callback();
  }

  setTimeout(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  private collect(chunk: Buffer | string): void {
    this.received += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    if (!answerComplete(this.received)) return;
    const answered = this.answered;
    this.received = '';
    this.answered = undefined;
    answered?.();
  }
}

function answerComplete(text: string): boolean {
  const head = text.indexOf('\r\n\r\n');
  if (head === -1) return false;
  const length = /content-length: (\d+)/i.exec(text.slice(0, head));
  return length !== null ? text.length - head - 4 >= Number(length[1]) : text.endsWith('0\r\n\r\n');
}

function benchGateway(): Gateway {
  const provider = { apiKey: 'sk-bench', baseUrl: 'http://127.0.0.1:9' };
  const config = resolveConfig(
    {
      providers: {
        oa: { dialect: 'openai-chat', ...provider, baseUrl: `${provider.baseUrl}/v1` },
        an: { dialect: 'anthropic', ...provider, defaultMaxTokens: 1024 },
      },
      models: { 'bench-openai': [{ provider: 'oa', model: 'gpt-4o' }], 'bench-anthropic': [{ provider: 'an', model: 'claude-sonnet-4-20250514' }] },
      retry: { attempts: 0 },
    },
    'own-cost',
  );
  return createGateway(config, { logger: silentLogger });
}

/** The upstream client answers every post with the scenario's recorded reply, as undici would hand it over. */
function answerFromFixture(gateway: Gateway, scenario: Scenario): void {
  const fixtures = upstreamReplyFixtures[scenario.upstreamPath];
  if (fixtures === undefined) throw new Error(`no recorded reply for ${scenario.upstreamPath}`);
  const reply = readFixture(scenario.stream ? fixtures.sse : fixtures.json);
  const contentType = scenario.stream ? 'text/event-stream' : 'application/json';
  gateway.services.upstream.post = async () => {
    const body = new Readable({ read() {} });
    body.push(reply);
    body.push(null);
    const consume = () => (body.resume(), reply);
    const response = Object.assign(body, {
      text: async () => consume().toString('utf8'),
      arrayBuffer: async () => {
        const bytes = consume();
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
      },
    });
    return { status: 200, headers: { 'content-type': contentType }, body: response } as unknown as UpstreamResponse;
  };
}

async function measure(scenario: Scenario, requests: number): Promise<number> {
  const gateway = benchGateway();
  try {
    await gateway.openStore();
    answerFromFixture(gateway, scenario);
    if (flags.parse) {
      const engine = gateway.services.engine;
      engine.streamForwarding = engine.stream.bind(engine);
      engine.completeForwarding = engine.complete.bind(engine);
    }
    const body = Buffer.from(scenario.requestBody);
    const request = Buffer.concat([Buffer.from(`POST ${scenario.callerPath} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`), body]);
    const sockets = Array.from({ length: connections }, () => {
      const socket = new MemorySocket();
      gateway.server.emit('connection', socket);
      return socket;
    });
    const run = async (count: number) => {
      let left = count;
      await Promise.all(
        sockets.map(async (socket) => {
          while (left-- > 0) await socket.ask(request);
        }),
      );
    };
    await run(warmupRequests);
    const started = process.cpuUsage();
    await run(requests);
    const used = process.cpuUsage(started);
    for (const socket of sockets) socket.destroy();
    return (used.user + used.system) / requests;
  } finally {
    await gateway.close(100);
  }
}

const requests = Number(flags.requests);
const only = flags.only;
const scenarios = buildScenarios().filter((scenario) => !scenario.name.includes('events') && (only === undefined || scenario.name.includes(only)));
if (scenarios.length === 0) throw new Error(`--only ${only}: no scenario's name contains it`);
console.log(`the gateway's own CPU per request (${requests} requests after ${warmupRequests}, ${connections} at once${flags.parse ? ', pass-through off' : ''}):`);
for (const scenario of scenarios) console.log(`${scenario.name} | ${(await measure(scenario, requests)).toFixed(1)} µs`);
process.exit(0);
