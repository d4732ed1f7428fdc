import { connect } from 'node:net';
import { BenchChild } from '../../../bench/processes.js';
import type { MemoryReport } from '../../../bench/protocol.js';
import { TestUpstream, type RecordedRequest, type UpstreamReply } from '../../support/test-upstream.js';
import { readFixtureText } from '../../support/fixtures.js';
import { upstreamScenarios } from '../../gateway/support/upstream-scenarios.js';
import { fuzzAdminKey, fuzzModel, onebotReverseWsPath, onebotWebhookPath } from './fuzz-routes.js';

/** Bodies over this are refused with a 413; small, so that the over-the-limit cases stay cheap. */
export const fuzzMaxBodyBytes = 1024 * 1024;

/**
 * The recording upstream's answer to whatever the gateway sends: an OpenAI chat completion (a
 * recorded one, streamed when asked) or embeddings, so that a fuzzed request that is still valid
 * is served and only the gateway's own refusals and faults show.
 */
function upstreamAnswer(request: RecordedRequest): UpstreamReply {
  if (request.url.endsWith('/embeddings')) return embeddingsFor(request.body);
  if (request.url.endsWith('/chat/completions')) {
    const body = request.body as { stream?: unknown } | undefined;
    return body?.stream === true ? upstreamScenarios['openai-chat'].streamText.reply : upstreamScenarios['openai-chat'].text.reply;
  }
  return { kind: 'json', status: 404, body: { error: { message: `no route ${request.url}`, type: 'invalid_request_error' } } };
}

/** The recorded OpenAI embeddings answer, its first vector once per input sent. */
function embeddingsFor(body: unknown): UpstreamReply {
  const recorded = JSON.parse(readFixtureText('openai-embeddings/response-float.json')) as { data: Array<Record<string, unknown>> };
  const input = (body as { input?: unknown } | undefined)?.input;
  const count = Array.isArray(input) ? input.length : 1;
  const first = recorded.data[0] ?? {};
  return { kind: 'json', body: { ...recorded, data: Array.from({ length: count }, (_, index) => ({ ...first, index })) } };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function fuzzConfig(upstream: TestUpstream): Record<string, unknown> {
  return {
    server: { maxBodyBytes: fuzzMaxBodyBytes },
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-fuzz' } },
    models: { [fuzzModel]: [{ provider: 'oa', model: 'gpt-4o' }] },
    retry: { attempts: 0 },
    adminKey: fuzzAdminKey,
    logging: { level: 'silent' },
    onebot: {
      bots: [
        { transport: 'webhook', url: onebotWebhookPath, model: fuzzModel },
        { transport: 'reverse-ws', url: onebotReverseWsPath, model: fuzzModel },
      ],
    },
  };
}

/**
 * A gateway in a child process (`--expose-gc`, so its heap can be measured after a forced
 * collection) in front of a recording test upstream in this one. A crashed child is started
 * again by `ensureRunning`, which says how the last one ended, so each test reports its own cause.
 */
export class FuzzedGateway {
  private child: BenchChild | undefined;

  private constructor(readonly upstream: TestUpstream) {}

  static async start(): Promise<FuzzedGateway> {
    const upstream = await new TestUpstream().answerUnqueuedWith(upstreamAnswer).start();
    const gateway = new FuzzedGateway(upstream);
    await gateway.ensureRunning();
    return gateway;
  }

  get port(): number {
    if (this.child === undefined) throw new Error('the fuzz gateway is not running');
    return this.child.port;
  }

  get alive(): boolean {
    return this.child?.alive === true;
  }

  /**
   * Starts a gateway when none runs; returns how the previous one ended when it had died. A
   * process that refuses connections is dying: its exit is awaited first.
   */
  async ensureRunning(): Promise<string | undefined> {
    if (this.child?.alive === true && !(await accepts(this.child.port))) {
      for (let waited = 0; waited < 5_000 && this.child.alive; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      if (this.child.alive) await this.child.stop();
    }
    const died = this.child !== undefined && !this.child.alive ? this.child.exitDescription : undefined;
    if (this.child === undefined || !this.child.alive) {
      this.child = await BenchChild.start('fuzz gateway', new URL('./gateway-child.js', import.meta.url), [JSON.stringify(fuzzConfig(this.upstream))], {
        nodeFlags: ['--expose-gc'],
        ownNodeFlagsOnly: true,
      });
    }
    return died;
  }

  /** How the gateway process ended, when it has. */
  get exitDescription(): string | undefined {
    return this.child !== undefined && !this.child.alive ? this.child.exitDescription : undefined;
  }

  /** Heap in use after a forced collection, and RSS. */
  async memory(): Promise<MemoryReport> {
    if (this.child === undefined) throw new Error('the fuzz gateway is not running');
    const report = await this.child.request<MemoryReport>({ type: 'memory', collectGarbage: true }, 'memory-used', 30_000);
    if (!report.collected) throw new Error('the fuzz gateway was started without --expose-gc');
    return report;
  }

  async stop(): Promise<void> {
    await this.child?.stop();
    await this.upstream.stop();
  }
}
