import type { JobBackend } from '../plugin-service.js';
import { InProcessJobQueue, type JobExecutor } from './in-process-queue.js';
import type { PluginJob, PluginJobQueue, PluginJobResult } from './plugin-job.js';
import type { ResultInbox } from './result-inbox.js';
import { LocalResultBroadcast } from './result-broadcast.js';
import { isJobsAnswer, isJobsNotice, type JobsAnswer, type JobsCall, type JobsChannel } from './cluster-jobs-protocol.js';

type Question = JobsCall extends infer Call ? (Call extends unknown ? Omit<Call, 'kind' | 'id'> : never) : never;

/**
 * A worker's job backend under `serve --workers N` without Redis: jobs run here, in process;
 * the inbox lives in the primary and results are delivered to the subscribers of every worker
 * (src/plugins/jobs/cluster-jobs-host.ts), so a conversation may continue on any worker.
 */
export function clusterJobBackend(channel: JobsChannel): (execute: JobExecutor) => JobBackend {
  return (execute) => {
    const calls = new PrimaryCalls(channel);
    const local = new InProcessJobQueue(execute);
    const broadcast = new ClusterResultBroadcast(calls);
    const listener = (message: unknown) => {
      if (!isJobsNotice(message)) return;
      if (message.op === 'deliver') return broadcast.deliverHere(message.scope, message.result);
      void local.cancel(message.jobId, message.scope).then((cancelled) => channel.send({ kind: 'interlingua-jobs-cancelled', askId: message.askId, cancelled }));
    };
    channel.on('message', listener);
    const queue: PluginJobQueue = {
      start: (job: PluginJob) => local.start(job),
      async cancel(jobId, scope) {
        return (await local.cancel(jobId, scope)) || (await calls.ask({ op: 'cancel', jobId, scope })).cancelled === true;
      },
      async close() {
        await local.close();
        channel.off('message', listener);
        calls.close();
      },
    };
    const inbox: ResultInbox = {
      add: async (scope, result) => void (await calls.ask({ op: 'inbox-add', scope, result })),
      take: async (scope) => (await calls.ask({ op: 'inbox-take', scope })).results ?? [],
      lease: async (scope) => {
        const answer = await calls.ask({ op: 'inbox-lease', scope });
        return { lease: answer.lease ?? '', results: answer.results ?? [] };
      },
      settle: async (scope, lease, delivered) => void (lease === '' ? undefined : await calls.ask({ op: 'inbox-settle', scope, lease, delivered: [...delivered] })),
      close: async () => {},
    };
    return { queue, inbox, broadcast };
  };
}

/** Publishing goes through the primary, which hands the result to every worker's subscribers, this one's included. */
class ClusterResultBroadcast extends LocalResultBroadcast {
  constructor(private readonly calls: PrimaryCalls) {
    super();
  }

  override async publish(scope: string, result: PluginJobResult): Promise<void> {
    await this.calls.ask({ op: 'publish', scope, result });
  }

  deliverHere(scope: string, result: PluginJobResult): void {
    this.deliver(scope, result);
  }
}

/** Calls answered by the primary, matched to their answers by id. */
class PrimaryCalls {
  private nextId = 1;
  private readonly pending = new Map<number, (answer: JobsAnswer) => void>();
  private readonly listener = (message: unknown) => {
    if (!isJobsAnswer(message)) return;
    const settle = this.pending.get(message.id);
    this.pending.delete(message.id);
    settle?.(message);
  };

  constructor(private readonly channel: JobsChannel) {
    channel.on('message', this.listener);
  }

  ask(question: Question): Promise<JobsAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.channel.send({ kind: 'interlingua-jobs', id, ...question } as JobsCall);
    });
  }

  close(): void {
    this.channel.off('message', this.listener);
  }
}
