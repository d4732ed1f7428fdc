import type { StreamEvent } from '../interlingua/stream-event.js';
import type { Usage } from '../interlingua/usage.js';
import type { InterlinguaError } from '../interlingua/error.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import type { SpendHold } from '../limits/limiter.js';
import type { CancelReason } from './cancellation.js';
import { mergeUsage } from '../core/fold-stream.js';
import { usageRecordId } from '../usage/usage-record-id.js';
import { clippedText } from '../core/clipped-text.js';
import { costOf } from '../usage/cost.js';
import { catalogVendorOf } from './catalog-vendor.js';
import type { UsageAttempt, UsageRecord } from '../usage/usage-record.js';
import type { Deployment } from './model-router.js';
import type { GatewayServices } from './services.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { EmbeddingRequest } from '../interlingua/embedding.js';
import { KeptText, outputTextOf, type OutputSoFar } from '../core/output-text.js';
import type { Dialect } from '../interlingua/dialect.js';
import type { ChatResponse } from '../interlingua/response.js';
import { ForwardedJson } from './pass-through/forwarded.js';
import type { RelayedStream } from './pass-through/relayed-stream.js';
import { estimatedUsage, usageGap, type AnswerEnd } from './usage-estimate.js';
import { unsentAttemptCode } from './unsent-abort.js';

/**
 * Measures one request as it happens — when it began, when the first content went out, what
 * the upstream reported as usage — and, once it ends, hands one record to usage, limits and
 * metrics. `finish` is idempotent: the first outcome is the one recorded. Usage and metrics only
 * queue the record and process it in batches after the answer; the key's limits are counted at
 * once, as the key's next request must see them.
 */
export class RequestMeter {
  private readonly startedAt = Date.now();
  /** `performance.now()` when the request arrived; answers that report their own timings count from it (Ollama's durations). */
  readonly startedPrecise = performance.now();
  private firstContentMs: number | undefined;
  private usage: Usage = {};
  private finished = false;
  private streamError: InterlinguaError | undefined;
  key: GatewayKey | undefined;
  /** The `x-request-id` the answer carries. */
  requestId: string | undefined;
  /** Filled by the engine as it tries deployments (`ChatCallOptions.attempts`). */
  readonly attempts: UsageAttempt[] = [];
  model = '';
  stream = false;
  /** Answered from the response cache: no upstream was asked, so no tokens were used or paid for. */
  cacheHit = false;
  /** The request as sent on, for estimating its input tokens when the upstream does not count them (an embeddings request's too). */
  request: ChatRequest | EmbeddingRequest | undefined;
  /** The caller's dialect, which reads a forwarded answer's text back when its tokens must be estimated. */
  dialect: Dialect | undefined;
  /** A stream relayed as it came, which decodes only some frames: its text is read back from it if needed. */
  relay: RelayedStream | undefined;
  /** What the request holds against its key's budget until its cost is counted (AccessGate). */
  hold: SpendHold | undefined;
  /** Held beyond `hold` as what the request sends grew (its conversation replayed, a plugin loop's further calls). */
  readonly grownHolds: SpendHold[] = [];
  /** A whole answer, kept for its text should its usage be short. */
  private answer: ChatResponse | ForwardedJson | undefined;
  /** Streamed text observed here; made at the first content, so that a whole answer costs nothing here. */
  private written: KeptText | undefined;
  /** Attempts that failed after their upstream reported the tokens it used, and the deployment of each. */
  private readonly spentByFailedAttempts: Array<{ deployment: Deployment; usage: Usage }> = [];

  constructor(
    private readonly services: GatewayServices,
    private readonly caller: string,
  ) {}

  /** Watches a streamed event: the first content marks time to first token; usage accumulates. */
  observe = (event: StreamEvent): void => {
    switch (event.type) {
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-call-start':
        this.firstContentMs ??= performance.now() - this.startedPrecise;
        (this.written ??= new KeptText()).observe(event);
        return;
      case 'tool-call-delta':
        (this.written ??= new KeptText()).observe(event);
        return;
      case 'usage':
      case 'finish':
        this.usage = mergeUsage(this.usage, event.usage);
        return;
      case 'response-start':
        if (event.usage !== undefined) this.usage = mergeUsage(this.usage, event.usage);
        return;
      case 'error':
        this.streamError = event.error;
        return;
      default:
        return;
    }
  };

  /**
   * An answer went out: whole (with its usage, and its text should that usage be short), or as a
   * stream whose events were observed.
   */
  succeeded(deployment: Deployment, usage?: Usage, answer?: ChatResponse | ForwardedJson): void {
    if (usage !== undefined) this.usage = mergeUsage(this.usage, usage);
    this.answer = answer;
    this.finish(200, deployment, this.streamError?.code, this.streamError?.message);
  }

  /**
   * What the upstream reported for an answer that has yet to reach the caller: should the request
   * fail after all (a stored Responses turn the database did not take), its record still holds
   * the tokens the upstream billed, and they count against the key's limits and budget.
   */
  reported(usage: Usage | undefined): void {
    if (usage !== undefined) this.usage = mergeUsage(this.usage, usage);
  }

  /**
   * An attempt failed after its upstream reported the tokens it used (a failed finish before any
   * content, failed-finish.ts): the upstream bills them, so the record adds them to the answer's
   * (if another attempt answers) and prices them at the deployment that used them, and the key's
   * limits and budget count them. Kept apart from `usage`, which holds the answer's latest counts.
   */
  attemptSpent = (deployment: Deployment, usage: Usage): void => {
    this.spentByFailedAttempts.push({ deployment, usage });
  };

  /**
   * Answered by the gateway itself, with no upstream asked (Ollama's load and unload requests): recorded
   * as every admitted request is, so the key's usage listing shows it, with status 200, no
   * deployment, no attempts, no tokens and no cost. No column says "answered locally" (an error code
   * would count it as an error in listings and metrics); status 200 with no deployment says it.
   */
  answeredWithoutModel(): void {
    this.finish(200, undefined, undefined);
  }

  /** A request that failed: recorded with the status its caller got, which its dialect may make another (Anthropic's 529 for an overload). */
  failed(error: InterlinguaError, deployment?: Deployment): void {
    this.finish(this.dialect?.emitError(error).status ?? error.status, deployment, error.code, error.message);
  }

  /**
   * The caller went away, or the gateway cut the request at the shutdown drain deadline: recorded
   * with nginx's 499 and whatever usage was seen; the error code (`cancelled`, `shutdown`) says which.
   */
  abandoned(deployment?: Deployment, reason: CancelReason = 'caller'): void {
    this.finish(499, deployment, reason === 'shutdown' ? 'shutdown' : 'cancelled');
  }

  private finish(status: number, deployment: Deployment | undefined, errorCode: string | undefined, errorMessage?: string): void {
    if (this.finished || this.model === '') return;
    this.finished = true;
    const charged = deployment ?? (status === 499 ? this.attemptCutShort() : undefined);
    const outcome: Outcome = { status, deployment: charged, errorCode, errorMessage, latencyMs: Math.round(performance.now() - this.startedPrecise) };
    const end = this.answerEnd(status, charged);
    if (end === undefined || !usageGap(this.usage, end)) {
      this.forgetAnswer();
      this.record(outcome, this.cacheHit ? {} : this.usage, false);
      return;
    }
    const { services } = this;
    // Recorded once: estimated, or as seen should a shutdown not wait for the estimate.
    let recordedOnce = false;
    const recordOnce = (usage: Usage, estimated: boolean) => {
      if (recordedOnce) return;
      recordedOnce = true;
      this.record(outcome, usage, estimated);
    };
    // After this turn of the event loop: what the end set off (aborting the upstream call, answering others) goes first.
    const recorded = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        const output = this.outputSoFar();
        this.forgetAnswer();
        return estimatedUsage(this.usage, end, this.request, output);
      })
      .catch((error: unknown) => {
        services.logger.error('could not estimate the tokens the upstream did not count', { error: String(error) });
        return { usage: this.usage, estimated: false };
      })
      .then(({ usage, estimated }) => recordOnce(usage, estimated));
    // The writer waits for it before it flushes or closes, so that a shutdown loses no record.
    services.usage.recordLater(recorded, () => recordOnce(this.usage, false));
  }

  /**
   * Lets go of the answer once its usage is settled: the meter may be held after the request
   * (closures of the request's handling), and the answer, a relayed stream above all (its
   * upstream body, its frames), must not be held with it (a relayed stream's cost per request
   * nearly doubled in own-cost.js while it was).
   */
  private forgetAnswer(): void {
    this.relay = undefined;
    this.answer = undefined;
    this.written = undefined;
  }

  /** The answer's text so far, from wherever it is kept. */
  private outputSoFar(): OutputSoFar {
    const { answer, dialect } = this;
    if (answer instanceof ForwardedJson) return dialect === undefined ? { texts: [] } : answer.outputSoFar(dialect);
    if (answer !== undefined) return outputTextOf(answer.content);
    if (this.relay !== undefined && dialect !== undefined) return this.relay.outputSoFar(dialect.createStreamDecoder());
    return this.written?.soFar() ?? { texts: [] };
  }

  /**
   * The deployment a request was sent to when its caller left before any answer came: the upstream
   * had the request, and bills its input (and what it wrote until the gateway hung up) all the same,
   * so a caller must not escape its key's budget by leaving just before the answer (as in
   * BerriAI/litellm#13245, non-streamed calls left by their client recorded without their cost).
   * Not when it was left before it was sent (queued for a connection: unsent-abort.ts), which
   * the upstream never had.
   */
  private attemptCutShort(): Deployment | undefined {
    const last = this.attempts.at(-1);
    if (last === undefined || last.status !== 499 || last.errorCode === unsentAttemptCode) return undefined;
    try {
      return this.services.router.resolve(this.model).find((candidate) => candidate.name === last.deployment);
    } catch {
      // The model left the configuration (a reload) while the request ran: nothing to price it by.
      return undefined;
    }
  }

  /**
   * How a chat answer ended, for its usage: `unfinished` when the caller left before the end (of
   * a stream, or before a whole answer came) or the stream broke. Undefined when no upstream was
   * asked (a refusal, a failure before any was, a cached answer) or for requests the meter has no
   * copy of (token counts), whose recorded usage is what was seen.
   */
  private answerEnd(status: number, deployment: Deployment | undefined): AnswerEnd | undefined {
    if (deployment === undefined || this.cacheHit || this.request === undefined) return undefined;
    if (status === 499 || (this.stream && this.streamError !== undefined)) return 'unfinished';
    return status === 200 ? 'finished' : undefined;
  }

  /** What `usage` cost at `deployment`'s price; null when the model has no price. */
  private costAt(deployment: Deployment, usage: Usage): number | null {
    const { prices } = this.services;
    return costOf(usage, prices.priceOf(deployment.model, catalogVendorOf(deployment.provider, deployment.model))) ?? null;
  }

  private record(outcome: Outcome, answerUsage: Usage, estimated: boolean): void {
    const { services, key } = this;
    const { status, deployment, errorCode, errorMessage } = outcome;
    let usage = answerUsage;
    // Each part priced at the deployment that used it. Where one has no price the request's cost is
    // unknown ("no price"), yet the dollars of the parts that have one are known and count against
    // the key's budget, as LiteLLM counts an unpriced call as $0 beside priced ones (its `spend:
    // null` "gets written as 0.0", https://github.com/BerriAI/litellm/issues/11975): no price is
    // guessed for the rest, and a failed, priced attempt cannot escape the budget by a fallback
    // to an unpriced deployment.
    const answerCost = deployment === undefined ? 0 : this.costAt(deployment, answerUsage);
    let cost = answerCost;
    let knownCost = answerCost ?? 0;
    for (const spent of this.spentByFailedAttempts) {
      usage = addedUsage(usage, spent.usage);
      const spentCost = this.costAt(spent.deployment, spent.usage);
      cost = cost === null || spentCost === null ? null : cost + spentCost;
      knownCost += spentCost ?? 0;
    }
    const record: UsageRecord = {
      id: usageRecordId(),
      createdAt: this.startedAt,
      model: clippedText(this.model, storedModelMaxCharacters),
      caller: this.caller,
      stream: this.stream,
      status,
      inputTokens: usage.inputTokens ?? 0,
      outputTokens: usage.outputTokens ?? 0,
      cachedTokens: usage.cachedInputTokens ?? 0,
      reasoningTokens: usage.reasoningTokens ?? 0,
      cost,
      latencyMs: outcome.latencyMs,
    };
    if (key !== undefined) {
      record.keyId = key.id;
      record.keyName = key.name;
    }
    // A request that failed everywhere is tied to the deployment its last attempt went to.
    const deploymentName = deployment !== undefined ? `${deployment.provider.name}/${deployment.model}` : this.attempts.at(-1)?.deployment;
    if (deploymentName !== undefined) record.deployment = deploymentName;
    if (errorCode !== undefined) record.errorCode = errorCode;
    if (errorMessage !== undefined) record.errorMessage = clippedText(errorMessage, storedErrorMaxCharacters);
    if (this.requestId !== undefined) record.requestId = this.requestId;
    if (this.attempts.length > 0) record.attempts = this.attempts.map((attempt) => ({ ...attempt }));
    if (this.stream && this.firstContentMs !== undefined) record.ttftMs = Math.round(this.firstContentMs);
    if (estimated) record.estimated = true;
    if (cost === null && knownCost > 0) record.knownCost = knownCost;
    // Both only queue: the writer inserts in batches, metrics add up and reach prom-client in batches.
    services.usage.record(record);
    services.metrics?.observe(record);
    // Limits stay on the path: the next request of this key must see these tokens and this spend.
    if (key !== undefined) services.access.settle(key, usage, cost ?? knownCost, this.hold, ...this.grownHolds).catch((error: unknown) => services.logger.error('could not count usage against limits', { error: String(error) }));
  }
}

/** Two attempts' token counts together: each count that either has, summed; the vendor's raw object belongs to neither. */
function addedUsage(first: Usage, second: Usage): Usage {
  const sum: Usage = {};
  for (const field of summedUsageFields) {
    const a = first[field];
    const b = second[field];
    if (a !== undefined || b !== undefined) sum[field] = (a ?? 0) + (b ?? 0);
  }
  return sum;
}

const summedUsageFields = ['inputTokens', 'outputTokens', 'totalTokens', 'cachedInputTokens', 'cacheWriteTokens', 'cacheWrite1hTokens', 'reasoningTokens'] as const satisfies ReadonlyArray<Exclude<keyof Usage, 'raw'>>;

/**
 * What a usage record keeps of a model name and an error message. The name is the caller's,
 * stored before the router knows it (a refused unknown name is recorded too), and a request body
 * may be megabytes: a few such names made every usage page and report megabytes long. The longest
 * real names, Bedrock inference-profile ARNs and Vertex resource paths, stay well under it. An
 * upstream's error message is its own words, of any length.
 */
const storedModelMaxCharacters = 256;
const storedErrorMaxCharacters = 2_000;

/** How a request ended, as its usage record tells it. */
interface Outcome {
  status: number;
  deployment: Deployment | undefined;
  errorCode: string | undefined;
  errorMessage: string | undefined;
  latencyMs: number;
}
