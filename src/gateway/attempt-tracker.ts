import type { Span } from '@opentelemetry/api';
import type { RoutingSettings } from '../config/resolved-config.js';
import type { InterlinguaError } from '../interlingua/error.js';
import type { UsageAttempt } from '../usage/usage-record.js';
import type { Cancellation } from './cancellation.js';
import type { Deployment } from './model-router.js';
import type { DeploymentBalancer } from './routing/deployment-balancer.js';
import { countsAgainstDeployment } from './retry-policy.js';
import { endWithError } from './tracing.js';
import { cancelledAttempt } from './unsent-abort.js';

/** What an attempt reports to: the request's cancellation, and its usage record's list of attempts. */
export interface AttemptReport {
  cancellation: Cancellation;
  attempts?: UsageAttempt[];
}

/**
 * One try of a request at one deployment, from sending to the end of its answer: the balancer
 * counts it in flight and learns its answer time or its failure, the usage record gets where it
 * went and how it ended, and its span (when tracing) ends. One object with methods rather than
 * closures, as every request makes at least one.
 */
export class AttemptTracker {
  private readonly started: number;
  private finished = false;
  private noted: UsageAttempt | undefined;

  constructor(
    private readonly balancer: DeploymentBalancer,
    private readonly deployment: Deployment,
    private readonly settings: RoutingSettings,
    private readonly conversation: string | undefined,
    private readonly report: AttemptReport,
    private readonly span: Span | undefined,
    private readonly now: () => number,
  ) {
    this.started = now();
    balancer.begin(deployment);
  }

  /** The deployment answered (a whole answer, or a stream's first events). */
  answered(): void {
    this.note(undefined);
    this.balancer.succeeded(this.deployment, this.now() - this.started, this.settings, this.conversation);
  }

  /** The attempt is over: its answer ended, or it failed with `failure`. Only the first call counts. */
  ended(failure?: InterlinguaError): void {
    if (this.finished) return;
    this.finished = true;
    this.note(failure);
    this.balancer.end(this.deployment);
    if (failure !== undefined && !this.report.cancellation.aborted && countsAgainstDeployment(failure)) this.balancer.failed(this.deployment, failure, this.settings);
    if (this.span === undefined) return;
    if (failure === undefined) this.span.end();
    else endWithError(this.span, failure);
  }

  private note(failure: InterlinguaError | undefined): void {
    const { attempts, cancellation } = this.report;
    if (attempts === undefined) return;
    if (this.noted === undefined) {
      this.noted = { deployment: this.deployment.name, status: 200, ms: 0 };
      attempts.push(this.noted);
    }
    this.noted.ms = this.now() - this.started;
    if (cancellation.aborted) Object.assign(this.noted, cancelledAttempt(failure));
    else if (failure !== undefined) Object.assign(this.noted, { status: failure.status, errorCode: failure.code });
  }
}
