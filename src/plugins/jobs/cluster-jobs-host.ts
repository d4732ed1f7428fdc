import type { Logger } from '../../gateway/logger.js';
import { MemoryResultInbox } from './result-inbox.js';
import type { JobsAnswer, JobsCall, JobsCancelled, JobsNotice } from './cluster-jobs-protocol.js';

/** A worker as the primary reaches it. */
export interface JobsPeer {
  send(message: JobsAnswer | JobsNotice): void;
}

/** How long a cancel waits for the other workers to say whether the job was theirs. */
const cancelWaitMs = 2_000;

/**
 * The primary's side of in-process plugin jobs across workers: the one inbox of unread results,
 * the relay of each result to every worker's subscribers, and cancels asked of every worker.
 */
export class ClusterJobsHost {
  private readonly inbox: MemoryResultInbox;
  private nextAskId = 1;
  private readonly cancels = new Map<number, { waiting: number; settle: (cancelled: boolean) => void }>();

  /** A lease a worker holds lapses by itself if the worker dies before settling it. */
  constructor(
    private readonly peers: () => JobsPeer[],
    logger?: Logger,
  ) {
    this.inbox = new MemoryResultInbox(Date.now, logger !== undefined ? { logger } : {});
  }

  async answer(from: JobsPeer, call: JobsCall): Promise<void> {
    const base = { kind: 'interlingua-jobs-answer', id: call.id } as const;
    switch (call.op) {
      case 'inbox-add':
        await this.inbox.add(call.scope, call.result);
        return from.send(base);
      case 'inbox-take':
        return from.send({ ...base, results: await this.inbox.take(call.scope) });
      case 'inbox-lease':
        return from.send({ ...base, ...(await this.inbox.lease(call.scope)) });
      case 'inbox-settle':
        await this.inbox.settle(call.scope, call.lease, call.delivered);
        return from.send(base);
      case 'publish':
        for (const peer of this.peers()) peer.send({ kind: 'interlingua-jobs-notice', op: 'deliver', scope: call.scope, result: call.result });
        return from.send(base);
      case 'cancel':
        return from.send({ ...base, cancelled: await this.cancelElsewhere(from, call.jobId, call.scope) });
      default: {
        const _never: never = call;
        return _never;
      }
    }
  }

  /** A worker's answer to a cancel notice. */
  cancelled(answer: JobsCancelled): void {
    const ask = this.cancels.get(answer.askId);
    if (ask === undefined) return;
    ask.waiting--;
    if (answer.cancelled || ask.waiting === 0) ask.settle(answer.cancelled);
  }

  private cancelElsewhere(from: JobsPeer, jobId: string, scope: string): Promise<boolean> {
    const others = this.peers().filter((peer) => peer !== from);
    if (others.length === 0) return Promise.resolve(false);
    const askId = this.nextAskId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(false), cancelWaitMs);
      const settle = (cancelled: boolean) => {
        clearTimeout(timer);
        this.cancels.delete(askId);
        resolve(cancelled);
      };
      this.cancels.set(askId, { waiting: others.length, settle });
      for (const peer of others) peer.send({ kind: 'interlingua-jobs-notice', op: 'cancel', askId, jobId, scope });
    });
  }
}
