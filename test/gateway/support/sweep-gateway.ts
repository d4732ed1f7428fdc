/**
 * The gateway the request sweeps send through: one judged test upstream per upstream dialect or
 * preset, each answering with what `reply` chooses, and every model routed under an alias of its
 * own. Vertex's providers get OAuth tokens from a local token server; the others a key.
 */
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { GoogleTokenServer } from '../../support/google-token-server.js';
import { TestUpstream, type RecordedRequest, type UpstreamReply } from '../../support/test-upstream.js';

export interface SweepUpstream {
  dialect: string;
  models: readonly string[];
  reply: (request: RecordedRequest) => UpstreamReply;
  config?: Record<string, unknown>;
  /** Where the vendor's API lives under its host (its judge knows it by that path); `/v1` for OpenAI's own. */
  path?: string;
  /** The judge to name where the path is OpenAI's own (vendor-rules/index.ts). */
  vendor?: string;
}

export interface SweepGateway {
  url: string;
  upstreams: ReadonlyMap<string, TestUpstream>;
  close(): Promise<void>;
}

export async function startSweepGateway(entries: readonly SweepUpstream[], aliasOf: (dialect: string, model: string) => string): Promise<SweepGateway> {
  const tokenServer = await new GoogleTokenServer().start();
  const credentialsFile = tokenServer.writeKeyFile();
  const upstreams = new Map<string, TestUpstream>();
  const providers: Record<string, Record<string, unknown>> = {};
  const models: Record<string, Array<{ provider: string; model: string }>> = {};
  for (const { dialect, models: names, reply, config, path, vendor } of entries) {
    const upstream = await new TestUpstream(vendor === undefined ? {} : { vendor }).start();
    upstream.answerUnqueuedWith(reply);
    upstreams.set(dialect, upstream);
    const apiPath = path ?? (dialect === 'openai-chat' || dialect === 'openai-responses' ? '/v1' : '');
    const auth = dialect.startsWith('vertex') ? { credentialsFile } : { apiKey: 'upstream-key' };
    providers[dialect] = { dialect, baseUrl: `${upstream.baseUrl}${apiPath}`, ...auth, ...config };
    for (const name of names) models[aliasOf(dialect, name)] = [{ provider: dialect, model: name }];
  }
  const gateway = createGateway(resolveConfig({ providers, models, retry: { attempts: 1 }, routing: { cooldown: false } }), { logger: silentLogger });
  const url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  return {
    url,
    upstreams,
    async close() {
      const stopped = await Promise.allSettled([gateway.close(), tokenServer.stop(), ...[...upstreams.values()].map((upstream) => upstream.stop())]);
      for (const result of stopped) if (result.status === 'rejected') throw result.reason;
    },
  };
}
