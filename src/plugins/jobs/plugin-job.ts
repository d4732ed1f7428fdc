/** An async plugin call, as queued: everything a worker on any replica needs to run it. */
export interface PluginJob {
  id: string;
  plugin: string;
  tool: string;
  args: Record<string, unknown>;
  /** Where the result goes: the conversation's subscribers now, its next turn later. */
  conversationId: string;
  /** Who started it: a gateway key's id, or `onebotOwner`'s for a OneBot chat; absent for an anonymous caller. Only that owner may subscribe. */
  keyId?: string;
  /** Unix milliseconds. */
  startedAt: number;
}

/** A finished job, as pushed to subscribers and kept for the conversation's next turn. */
export interface PluginJobResult {
  type: 'plugin.result';
  job: string;
  plugin: string;
  tool: string;
  conversation: string;
  ok: boolean;
  /** The tool's answer, or what went wrong. */
  text: string;
  startedAt: number;
  finishedAt: number;
}

/** Where jobs wait and run: in this process, or on a Redis queue shared by replicas. */
export interface PluginJobQueue {
  start(job: PluginJob): Promise<void>;
  /** Stops a job of this conversation scope that has not finished; false when there is none. */
  cancel(jobId: string, scope: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Why a job was stopped when its gateway shuts down: it is not finished, and runs again elsewhere or after the restart. */
export class GatewayShutdown extends Error {
  override name = 'GatewayShutdown';
}
