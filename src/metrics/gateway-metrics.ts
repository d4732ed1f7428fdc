import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UsageRecord } from '../usage/usage-record.js';
import { StoreMetrics } from './store-metrics.js';
import { ConfiguredLabels, type LabelSource } from './configured-labels.js';

interface Incrementable {
  inc(value?: number): void;
}
interface Observable {
  observe(value: number): void;
}

/** One model and deployment's metrics, bound to their labels. */
interface Series {
  requests(caller: string, status: string): Incrementable;
  errors(code: string): Incrementable;
  latency: Observable;
  firstToken: Observable;
  tokens: Record<TokenKind, Incrementable>;
  cost: Incrementable;
  /** What requests added since the last drain, applied to the bound children in one go. */
  pending: PendingTotals;
}

type TokenKind = 'input' | 'output' | 'cached' | 'reasoning';

interface PendingTotals {
  /** By `caller\u0000status`. */
  requests: Map<string, number>;
  errors: Map<string, number>;
  latencySeconds: number[];
  firstTokenSeconds: number[];
  tokens: Record<TokenKind, number>;
  cost: number;
}

/**
 * Model names come from callers (an unknown one is refused, but still counted). A gateway's
 * metrics label only configured names (configured-labels.ts); a registry given no configuration
 * (a library user's) still bounds its series: past this many model × deployment pairs, new ones
 * are counted under `other`, and a label is cut to `maxLabelLength` characters. Otherwise every
 * odd name would stay in memory and in every `/metrics` answer for the life of the process.
 */
const maxSeries = 1000;
const maxLabelLength = 200;
const overflowLabel = 'other';

/**
 * Records are added up per series as they come (a few additions), and the sums reach prom-client
 * at most this often, or when `/metrics` is read: each prom-client `inc`/`observe` validates and
 * hashes its labels, which per request cost more than everything else metrics do.
 */
const drainIntervalMs = 250;
/** A series holding this many latencies not yet observed is drained without waiting for the timer, so memory stays bounded. */
const maxPendingValues = 4096;
/**
 * Latencies handed to prom-client per turn of the event loop when draining in the background:
 * each `observe` costs 0.3–1 µs, and the 2,000–4,000 a busy quarter second gathers, observed in one
 * go, held every request in flight for 1–4 ms. A `/metrics` read still drains everything at once.
 */
const observationsPerTurn = 256;
/** Latencies waiting for their slices beyond which they are all observed at once, so that memory stays bounded. */
const maxHanding = 4 * maxPendingValues;

const latencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80, 160];
const firstTokenBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20];

/**
 * Prometheus metrics at `/metrics`, by model and deployment: requests and errors, latency and
 * time-to-first-token histograms, tokens by kind, and cost. Each gateway has its own registry,
 * so several in one process (tests, embedding) never collide.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'model' | 'deployment' | 'caller' | 'status'>;
  private readonly errors: Counter<'model' | 'deployment' | 'code'>;
  private readonly latency: Histogram<'model' | 'deployment'>;
  private readonly firstToken: Histogram<'model' | 'deployment'>;
  private readonly tokens: Counter<'model' | 'deployment' | 'kind'>;
  private readonly cost: Counter<'model' | 'deployment'>;
  private readonly series = new Map<string, Series>();
  /** The database's and Redis's health, and usage records waiting for the database. */
  readonly stores: StoreMetrics;

  /** Configured names, when the gateway gives its configuration: any other name is counted as `other`. */
  private readonly labels: ConfiguredLabels | undefined;

  constructor(configuration?: () => LabelSource) {
    this.labels = configuration === undefined ? undefined : new ConfiguredLabels(configuration);
    const registers = [this.registry];
    // Every read of the registry (`/metrics`, a worker answering the primary) first applies what waits.
    const collect = () => this.drain();
    this.requests = new Counter({ name: 'interlingua_requests_total', help: 'Requests answered, by outcome status.', labelNames: ['model', 'deployment', 'caller', 'status'], registers, collect });
    this.errors = new Counter({ name: 'interlingua_errors_total', help: 'Requests that ended in an error, by error code.', labelNames: ['model', 'deployment', 'code'], registers, collect });
    this.latency = new Histogram({ name: 'interlingua_request_duration_seconds', help: 'Time from request to the end of the answer.', labelNames: ['model', 'deployment'], buckets: latencyBuckets, registers, collect });
    this.firstToken = new Histogram({ name: 'interlingua_time_to_first_token_seconds', help: 'Time from request to the first streamed content.', labelNames: ['model', 'deployment'], buckets: firstTokenBuckets, registers, collect });
    this.tokens = new Counter({ name: 'interlingua_tokens_total', help: 'Tokens reported by upstreams, by kind.', labelNames: ['model', 'deployment', 'kind'], registers, collect });
    this.cost = new Counter({ name: 'interlingua_cost_usd_total', help: 'Cost in US dollars from the price table.', labelNames: ['model', 'deployment'], registers, collect });
    this.stores = new StoreMetrics(this.registry);
    collectDefaultMetrics({ register: this.registry, prefix: 'interlingua_process_' });
  }

  /** Counts one finished request: sums kept in the series until the next drain (no prom-client call here). */
  observe(record: UsageRecord): void {
    const model = this.labels?.model(record.model) ?? record.model;
    const deployment = record.deployment === undefined ? 'none' : (this.labels?.deployment(record.deployment) ?? record.deployment);
    const series = this.seriesFor(labelValue(model), labelValue(deployment));
    const pending = series.pending;
    const outcome = `${record.caller}\u0000${record.status}`;
    pending.requests.set(outcome, (pending.requests.get(outcome) ?? 0) + 1);
    if (record.errorCode !== undefined) pending.errors.set(record.errorCode, (pending.errors.get(record.errorCode) ?? 0) + 1);
    pending.latencySeconds.push(record.latencyMs / 1000);
    if (record.ttftMs !== undefined) pending.firstTokenSeconds.push(record.ttftMs / 1000);
    pending.tokens.input += record.inputTokens;
    pending.tokens.output += record.outputTokens;
    pending.tokens.cached += record.cachedTokens;
    pending.tokens.reasoning += record.reasoningTokens;
    // The dollars known of a partly priced request count, as they do in spend totals and budgets.
    const dollars = record.cost ?? record.knownCost ?? 0;
    if (dollars > 0) pending.cost += dollars;
    this.waiting.add(series);
    if (pending.latencySeconds.length >= maxPendingValues) this.drainImmediate ??= setImmediate(() => this.drainInBackground()).unref();
    else this.drainTimer ??= setTimeout(() => this.drainInBackground(), drainIntervalMs).unref();
  }

  /** Series with sums not yet in prom-client. */
  private readonly waiting = new Set<Series>();
  private drainTimer: NodeJS.Timeout | undefined;
  /** A drain due on the next turn: a series holds `maxPendingValues` latencies. */
  private drainImmediate: NodeJS.Immediate | undefined;
  /** Latencies taken from their series by a drain, handed to prom-client a slice per turn of the event loop. */
  private readonly handing: Array<{ histogram: Observable; values: number[]; next: number }> = [];
  private handingCount = 0;
  private handingImmediate: NodeJS.Immediate | undefined;

  /** Applies every series' sums to its prom-client children: one `inc` per sum, one `observe` per latency. */
  drain(): void {
    this.takeSums();
    this.handOver(Number.POSITIVE_INFINITY);
  }

  /** A drain in the background: the sums at once, the latencies a slice per turn. */
  private drainInBackground(): void {
    this.takeSums();
    this.handOver(observationsPerTurn);
  }

  /** Applies the counters' sums and moves the latencies to `handing`. */
  private takeSums(): void {
    if (this.drainTimer !== undefined) {
      clearTimeout(this.drainTimer);
      this.drainTimer = undefined;
    }
    if (this.drainImmediate !== undefined) {
      clearImmediate(this.drainImmediate);
      this.drainImmediate = undefined;
    }
    for (const series of this.waiting) {
      const pending = series.pending;
      for (const [outcome, count] of pending.requests) {
        const separator = outcome.indexOf('\u0000');
        series.requests(outcome.slice(0, separator), outcome.slice(separator + 1)).inc(count);
      }
      for (const [code, count] of pending.errors) series.errors(code).inc(count);
      // prom-client throws on an increment that is not finite, and this runs from a timer.
      for (const kind of tokenKinds) if (pending.tokens[kind] > 0 && Number.isFinite(pending.tokens[kind])) series.tokens[kind].inc(pending.tokens[kind]);
      if (pending.cost > 0 && Number.isFinite(pending.cost)) series.cost.inc(pending.cost);
      this.hand(series.latency, pending.latencySeconds);
      this.hand(series.firstToken, pending.firstTokenSeconds);
      series.pending = emptyTotals();
    }
    this.waiting.clear();
  }

  private hand(histogram: Observable, values: number[]): void {
    if (values.length === 0) return;
    this.handing.push({ histogram, values, next: 0 });
    this.handingCount += values.length;
  }

  /**
   * Observes up to `observations` of the latencies taken, and schedules the rest for the next
   * turn. Past `maxHanding` waiting, all go in at once: memory stays bounded even if requests come
   * faster than slices go.
   */
  private handOver(observations: number): void {
    if (this.handingImmediate !== undefined) {
      clearImmediate(this.handingImmediate);
      this.handingImmediate = undefined;
    }
    let left = this.handingCount > maxHanding ? Number.POSITIVE_INFINITY : observations;
    while (left > 0) {
      const taken = this.handing[this.handing.length - 1];
      if (taken === undefined) break;
      const end = Math.min(taken.values.length, taken.next + left);
      for (let index = taken.next; index < end; index++) taken.histogram.observe(taken.values[index] as number);
      left -= end - taken.next;
      this.handingCount -= end - taken.next;
      taken.next = end;
      if (end === taken.values.length) this.handing.pop();
    }
    if (this.handing.length > 0) this.handingImmediate = setImmediate(() => this.handOver(observationsPerTurn)).unref();
  }

  /**
   * The label-bound children of one model and deployment, made once: binding labels on every
   * request (validating and hashing them) was most of what metrics cost per request.
   */
  private seriesFor(model: string, deployment: string): Series {
    const name = `${model}\u0000${deployment}`;
    let series = this.series.get(name);
    const overflow = model === overflowLabel && deployment === overflowLabel;
    if (series === undefined && this.series.size >= maxSeries && !overflow) return this.seriesFor(overflowLabel, overflowLabel);
    if (series === undefined) {
      const byKey = <T>(make: (key: string) => T) => {
        const made = new Map<string, T>();
        return (key: string) => {
          let child = made.get(key);
          if (child === undefined) made.set(key, (child = make(key)));
          return child;
        };
      };
      const requestsByOutcome = byKey((key) => {
        const [caller = '', status = ''] = key.split('\u0000');
        return this.requests.labels({ model, deployment, caller, status });
      });
      series = {
        requests: (caller, status) => requestsByOutcome(`${caller}\u0000${status}`),
        errors: byKey((code) => this.errors.labels({ model, deployment, code })),
        latency: this.latency.labels({ model, deployment }),
        firstToken: this.firstToken.labels({ model, deployment }),
        tokens: {
          input: this.tokens.labels({ model, deployment, kind: 'input' }),
          output: this.tokens.labels({ model, deployment, kind: 'output' }),
          cached: this.tokens.labels({ model, deployment, kind: 'cached' }),
          reasoning: this.tokens.labels({ model, deployment, kind: 'reasoning' }),
        },
        cost: this.cost.labels({ model, deployment }),
        pending: emptyTotals(),
      };
      this.series.set(name, series);
    }
    return series;
  }

  /** Latencies counted but not yet handed to prom-client (a background drain hands them over a slice per turn). */
  get pendingObservations(): number {
    let pending = this.handingCount;
    for (const series of this.waiting) pending += series.pending.latencySeconds.length + series.pending.firstTokenSeconds.length;
    return pending;
  }

  /** How many model × deployment pairs have series of their own. */
  get seriesCount(): number {
    return this.series.size;
  }

  /** The text exposition format: this process's registry, or what `useExposition` gave instead. */
  text(): Promise<string> {
    return this.exposition();
  }

  /**
   * Answers `/metrics` from elsewhere: a worker of `serve --workers N` answers with every
   * worker's metrics added up (src/metrics/cluster-metrics.ts). Counters and histograms are summed;
   * a gauge says how it is combined (`aggregator`), e.g. a store is up only if it is up for all.
   */
  useExposition(text: () => Promise<string>): void {
    this.exposition = text;
  }

  private exposition: () => Promise<string> = () => this.registry.metrics();

  get contentType(): string {
    return this.registry.contentType;
  }
}

const tokenKinds: readonly TokenKind[] = ['input', 'output', 'cached', 'reasoning'];

function emptyTotals(): PendingTotals {
  return { requests: new Map(), errors: new Map(), latencySeconds: [], firstTokenSeconds: [], tokens: { input: 0, output: 0, cached: 0, reasoning: 0 }, cost: 0 };
}

function labelValue(text: string): string {
  return text.length <= maxLabelLength ? text : `${text.slice(0, maxLabelLength)}…`;
}
