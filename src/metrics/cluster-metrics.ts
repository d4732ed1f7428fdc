import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue, type Registry } from 'prom-client';

/**
 * `/metrics` under `serve --workers N`: whichever worker takes the scrape asks the primary, which
 * collects every worker's registry as JSON and adds them up with prom-client's
 * `AggregatorRegistry.aggregate` ("Metrics are aggregated using the method specified by their
 * `aggregator` property, or by summation if `aggregator` is undefined": prom-client 15's
 * index.d.ts, `AggregatorRegistry.aggregate`). So a scrape sees the
 * whole gateway, not the one worker its connection reached.
 */
type MetricsJson = Array<MetricObjectWithValues<MetricValue<string>>>;

export type MetricsMessage =
  /** Worker → primary: a scrape arrived. */
  | { kind: 'interlingua-metrics'; op: 'ask'; id: number }
  /** Primary → worker: the sum, for that scrape. */
  | { kind: 'interlingua-metrics'; op: 'text'; id: number; text: string }
  /** Primary → every worker: send your registry. */
  | { kind: 'interlingua-metrics'; op: 'collect'; collectId: number }
  /** Worker → primary: its registry. */
  | { kind: 'interlingua-metrics'; op: 'json'; collectId: number; metrics: MetricsJson };

export function isMetricsMessage(message: unknown): message is MetricsMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'interlingua-metrics';
}

export interface MetricsChannel {
  send(message: MetricsMessage): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** A worker's side: answers the primary's collections from `registry`, and returns what `/metrics` should answer. */
export function clusterExposition(registry: Registry, channel: MetricsChannel): () => Promise<string> {
  let nextId = 1;
  const pending = new Map<number, (text: string) => void>();
  channel.on('message', (message) => {
    if (!isMetricsMessage(message)) return;
    if (message.op === 'collect') void registry.getMetricsAsJSON().then((metrics) => channel.send({ kind: 'interlingua-metrics', op: 'json', collectId: message.collectId, metrics }));
    if (message.op === 'text') {
      pending.get(message.id)?.(message.text);
      pending.delete(message.id);
    }
  });
  return () => {
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      channel.send({ kind: 'interlingua-metrics', op: 'ask', id });
    });
  };
}

/** A worker as the primary reaches it. */
export interface MetricsPeer {
  send(message: MetricsMessage): void;
}

/** How long a scrape waits for the workers' registries; a worker that does not answer in time is left out. */
const collectWaitMs = 2_000;

/** The primary's side: gathers every worker's registry for each scrape and answers with their sum. */
export class ClusterMetricsHost {
  private nextCollectId = 1;
  private readonly collections = new Map<number, { metrics: MetricsJson[]; waiting: number; done: () => void }>();

  constructor(private readonly peers: () => MetricsPeer[]) {}

  handle(from: MetricsPeer, message: MetricsMessage): void {
    if (message.op === 'ask') void this.sum().then((text) => from.send({ kind: 'interlingua-metrics', op: 'text', id: message.id, text }));
    if (message.op === 'json') {
      const collection = this.collections.get(message.collectId);
      if (collection === undefined) return;
      collection.metrics.push(message.metrics);
      if (--collection.waiting === 0) collection.done();
    }
  }

  private async sum(): Promise<string> {
    const peers = this.peers();
    const collectId = this.nextCollectId++;
    const metrics: MetricsJson[] = [];
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, collectWaitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.collections.set(collectId, { metrics, waiting: peers.length, done });
      for (const peer of peers) peer.send({ kind: 'interlingua-metrics', op: 'collect', collectId });
      if (peers.length === 0) done();
    });
    this.collections.delete(collectId);
    return AggregatorRegistry.aggregate(metrics).metrics();
  }
}
