import type { Logger } from '../../gateway/logger.js';
import type { LeasedResults, ResultInbox } from './result-inbox.js';

/**
 * The job results a turn carries to its model, leased from the conversation's inbox until the turn
 * tells whether its answer reached the caller. They are delivered with an answer the caller got
 * whole: a non-streamed answer once the loop finished, a stream once it ended cleanly. A turn that
 * failed before that (the upstream refused it, the model is unknown, a step failed, the stream
 * broke off or its caller left midway) leaves them for the next turn, which tells them again
 * rather than lose them. The first call settles; later ones do nothing, and neither ever throws.
 */
export class CarriedResults {
  private settled = false;

  constructor(
    private readonly inbox: ResultInbox,
    private readonly scope: string,
    private readonly leased: LeasedResults,
    private readonly logger: Logger,
  ) {}

  delivered(): Promise<void> {
    return this.settle(true);
  }

  undelivered(): Promise<void> {
    return this.settle(false);
  }

  private async settle(delivered: boolean): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    const jobs = this.leased.results.map((result) => result.job);
    try {
      await this.inbox.settle(this.scope, this.leased.lease, delivered ? jobs : []);
    } catch (error) {
      // Delivered but still there: the next turn tells them again. Undelivered: they wait until the lease lapses.
      this.logger.warn(delivered ? 'delivered plugin results left in the inbox' : 'undelivered plugin results held until their lease lapses', { jobs, error: String(error) });
    }
  }
}
