import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UsageRecord } from '../usage/usage-record.js';
import { StoreMetrics } from './store-metrics.js';

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
  tokens: Record<'input' | 'output' | 'cached' | 'reasoning', Incrementable>;
  cost: Incrementable;
}

/**
 * Model names come from callers (an unknown one is refused, but still counted), so the series they
 * open are bounded: past this many model × deployment pairs, new ones are counted under `other`,
 * and a label is cut to `maxLabelLength` characters. Otherwise every odd name would stay in memory
 * and in every `/metrics` answer for the life of the process.
 */
const maxSeries = 1000;
const maxLabelLength = 200;
const overflowLabel = 'other';

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

  constructor() {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'interlingua_requests_total', help: 'Requests answered, by outcome status.', labelNames: ['model', 'deployment', 'caller', 'status'], registers });
    this.errors = new Counter({ name: 'interlingua_errors_total', help: 'Requests that ended in an error, by error code.', labelNames: ['model', 'deployment', 'code'], registers });
    this.latency = new Histogram({ name: 'interlingua_request_duration_seconds', help: 'Time from request to the end of the answer.', labelNames: ['model', 'deployment'], buckets: latencyBuckets, registers });
    this.firstToken = new Histogram({ name: 'interlingua_time_to_first_token_seconds', help: 'Time from request to the first streamed content.', labelNames: ['model', 'deployment'], buckets: firstTokenBuckets, registers });
    this.tokens = new Counter({ name: 'interlingua_tokens_total', help: 'Tokens reported by upstreams, by kind.', labelNames: ['model', 'deployment', 'kind'], registers });
    this.cost = new Counter({ name: 'interlingua_cost_usd_total', help: 'Cost in US dollars from the price table.', labelNames: ['model', 'deployment'], registers });
    this.stores = new StoreMetrics(this.registry);
    collectDefaultMetrics({ register: this.registry, prefix: 'interlingua_process_' });
  }

  observe(record: UsageRecord): void {
    const series = this.seriesFor(labelValue(record.model), labelValue(record.deployment ?? 'none'));
    series.requests(record.caller, String(record.status)).inc();
    if (record.errorCode !== undefined) series.errors(record.errorCode).inc();
    series.latency.observe(record.latencyMs / 1000);
    if (record.ttftMs !== undefined) series.firstToken.observe(record.ttftMs / 1000);
    if (record.inputTokens > 0) series.tokens.input.inc(record.inputTokens);
    if (record.outputTokens > 0) series.tokens.output.inc(record.outputTokens);
    if (record.cachedTokens > 0) series.tokens.cached.inc(record.cachedTokens);
    if (record.reasoningTokens > 0) series.tokens.reasoning.inc(record.reasoningTokens);
    if (record.cost !== null && record.cost > 0) series.cost.inc(record.cost);
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
      };
      this.series.set(name, series);
    }
    return series;
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

function labelValue(text: string): string {
  return text.length <= maxLabelLength ? text : `${text.slice(0, maxLabelLength)}…`;
}
