import type { IncomingHttpHeaders } from 'node:http';
import type { GatewayConfig } from '../config/resolved-config.js';
import type { ModelPlugins } from '../config/plugin-config.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { ChatResponse } from '../interlingua/response.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import { InterlinguaError } from '../interlingua/error.js';
import type { Warning } from '../interlingua/warning.js';
import type { ToolChoice } from '../interlingua/tool.js';
import type { Answered, ChatCallOptions, ChatEngine, OpenedStream } from '../gateway/chat-engine.js';
import { oneEventBatch } from '../gateway/upstream-events.js';
import type { Logger } from '../gateway/logger.js';
import type { Deployment } from '../gateway/model-router.js';
import type { SpentSoFar } from '../gateway/grown-hold.js';
import type { Usage } from '../interlingua/usage.js';
import { generateId } from '../core/ids.js';
import { responseToEvents } from '../core/response-to-events.js';
import { StreamFolder } from '../core/fold-stream.js';
import { PluginCatalog } from './plugin-catalog.js';
import { PluginToolRunner, type PluginCallContext } from './tool-runner.js';
import { pluginLoop, type LoopRun, type ModelStep } from './plugin-loop.js';
import type { PluginTool, ToolOutcome } from './plugin-tool.js';
import { GatewayShutdown, type PluginJob, type PluginJobQueue, type PluginJobResult } from './jobs/plugin-job.js';
import { conversationScope, noResults, type ConversationOwner, type ResultInbox } from './jobs/result-inbox.js';
import type { ResultBroadcast } from './jobs/result-broadcast.js';
import type { JobExecutor } from './jobs/in-process-queue.js';
import { withJobResults } from './jobs/result-injection.js';
import { CarriedResults } from './jobs/carried-results.js';

/** Names a conversation across turns, for async plugin results; any caller dialect may send it. */
export const conversationHeader = 'x-interlingua-conversation';
const conversationIdPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Where jobs wait, where their results wait for the next turn, and how they reach subscribers. */
export interface JobBackend {
  queue: PluginJobQueue;
  inbox: ResultInbox;
  broadcast: ResultBroadcast;
}

/** A chat request made ready for plugins: earlier job results added, and the loop's plan if its model has plugins. */
export interface PluginTurn {
  request: ChatRequest;
  /** Sent back in `x-interlingua-conversation`; absent when the caller named none and no plugin runs. */
  conversationId?: string;
  plan?: ModelPlugins;
  /** Whose conversation it is (a gateway key, or `onebotOwner`); absent for an anonymous caller. */
  key?: ConversationOwner;
  /**
   * The waiting job results added to `request`, when there were any: the turn's front end settles
   * them as delivered once the caller got the answer whole, or as undelivered when the turn fails.
   */
  carried?: CarriedResults;
}

/** How a plugin loop reports to the transport that carries it. */
export interface LoopObserver {
  /** A plugin tool starts running. */
  onPluginCall?: (toolName: string) => void;
  /**
   * A model call of the loop finished: what all calls so far used (a total, not this call's
   * share) and which deployment answered the first (the one the answer is recorded for). Told at
   * once, so that the tokens count even if the caller leaves before the loop's finish.
   */
  onModelCallSpent?: (spent: SpentSoFar) => void;
  /**
   * Asked before each model call of the loop with the request it will make and, after the first,
   * what the calls so far used and which deployment answered the first (the one the answer is
   * recorded for); a throw refuses the call: before the first, as the caller's HTTP error, later,
   * as the loop's error in place of the call.
   */
  beforeModelCall?: (request: ChatRequest, spent?: SpentSoFar) => Promise<void>;
}

/**
 * Server-side plugins for the gateway's front ends: the tools of each model alias, the loop
 * that runs them on the engine, and the async jobs with their results.
 */
export class PluginService {
  readonly catalog: PluginCatalog;
  readonly runner: PluginToolRunner;
  readonly backend: JobBackend;

  constructor(
    private config: GatewayConfig,
    private engine: ChatEngine,
    private readonly logger: Logger,
    backend: (execute: JobExecutor) => JobBackend,
  ) {
    this.catalog = new PluginCatalog(config.plugins, logger);
    this.runner = new PluginToolRunner(logger);
    this.backend = backend((job, signal) => this.runJob(job, signal));
  }

  /**
   * A configuration reload: models' plugins and the plugin definitions change for turns that
   * start from now on (MCP servers whose definition changed are reconnected); jobs keep running.
   */
  async reconfigure(config: GatewayConfig, engine: ChatEngine): Promise<void> {
    this.config = config;
    this.engine = engine;
    await this.catalog.reload(config.plugins);
  }

  /** Reads the conversation header, leases the owner's waiting job results to the turn (see `PluginTurn.carried`), and finds the model's plugins. */
  prepare(request: ChatRequest, headers: IncomingHttpHeaders, key: ConversationOwner | undefined): PluginTurn | Promise<PluginTurn> {
    const plan = this.config.modelPlugins.get(request.model);
    const named = single(headers[conversationHeader]);
    if (named !== undefined && !conversationIdPattern.test(named)) {
      throw new InterlinguaError('invalid_request', `${conversationHeader} must be 1 to 128 letters, digits or "_.:-".`, { param: conversationHeader });
    }
    // Neither a conversation nor plugins (most requests): the turn is ready at once, without a promise.
    if (named === undefined && plan === undefined) return { request };
    return this.turnWithResults(request, plan, named, key);
  }

  private async turnWithResults(request: ChatRequest, plan: ModelPlugins | undefined, named: string | undefined, key: ConversationOwner | undefined): Promise<PluginTurn> {
    const conversationId = named ?? generateId('conv_');
    const scope = conversationScope(key?.id, conversationId);
    const leased = named === undefined ? noResults : await this.backend.inbox.lease(scope);
    return {
      request: withJobResults(request, leased.results),
      conversationId,
      ...(plan !== undefined ? { plan } : {}),
      ...(key !== undefined ? { key } : {}),
      ...(leased.results.length > 0 ? { carried: new CarriedResults(this.backend.inbox, scope, leased, this.logger) } : {}),
    };
  }

  /** The loop as one caller stream; a failure of the first model call is thrown, as without plugins. */
  async stream(turn: PluginTurn, options: ChatCallOptions, observer: LoopObserver = {}): Promise<Answered<OpenedStream>> {
    const { request, tools, warnings, plan } = await this.withTools(turn);
    await observer.beforeModelCall?.(request);
    const opened = await this.engine.stream(request, options);
    const nextStep: ModelStep = async (next) => eventBatches((await this.engine.stream(next, options)).value);
    const loop = pluginLoop({ request, firstStep: eventBatches(opened.value), nextStep, tools, maxSteps: plan.maxSteps, runner: this.runner, context: this.context(turn, options), ...loopHooks(observer, opened.deployment) });
    const first = await loop.next();
    return { value: { first: first.done ? [] : first.value, rest: loop }, deployment: opened.deployment, warnings: [...warnings, ...opened.warnings] };
  }

  /** The loop folded into one answer; an error in any step is thrown. */
  async complete(turn: PluginTurn, options: ChatCallOptions, observer: LoopObserver = {}): Promise<Answered<ChatResponse>> {
    const { request, tools, warnings, plan } = await this.withTools(turn);
    await observer.beforeModelCall?.(request);
    const answered = await this.engine.complete(request, options);
    const nextStep: ModelStep = async (next) => oneEventBatch(responseToEvents((await this.engine.complete(next, options)).value));
    const loop = pluginLoop({ request, firstStep: oneEventBatch(responseToEvents(answered.value)), nextStep, tools, maxSteps: plan.maxSteps, runner: this.runner, context: this.context(turn, options), ...loopHooks(observer, answered.deployment) });
    const folder = new StreamFolder();
    for await (const batch of loop) for (const event of batch) folder.push(event);
    if (options.cancellation.aborted) throw new InterlinguaError('internal', 'The caller went away.');
    return { value: folder.result(), deployment: answered.deployment, warnings: [...warnings, ...answered.warnings] };
  }

  /** Runs a job to its end (on whichever replica's worker took it) and delivers its result. */
  async runJob(job: PluginJob, signal: AbortSignal): Promise<void> {
    const tool = await this.catalog.tool(job.plugin, job.tool).catch(() => undefined);
    const outcome: ToolOutcome =
      tool === undefined
        ? { text: `The tool "${job.tool}" of plugin "${job.plugin}" is not available on this gateway.`, isError: true }
        : await this.runner.execute(tool, job.args, signal, { job: job.id, conversation: job.conversationId });
    // Stopped by a shutdown, the job is not over: a Redis queue runs it again; in-process it is lost.
    if (signal.aborted && signal.reason instanceof GatewayShutdown) return;
    const result: PluginJobResult = {
      type: 'plugin.result',
      job: job.id,
      plugin: job.plugin,
      tool: job.tool,
      conversation: job.conversationId,
      ok: !outcome.isError,
      text: outcome.text,
      startedAt: job.startedAt,
      finishedAt: Date.now(),
    };
    const scope = conversationScope(job.keyId, job.conversationId);
    await this.backend.inbox.add(scope, result);
    await this.backend.broadcast.publish(scope, result);
    this.logger.info('plugin job finished', { plugin: job.plugin, tool: job.tool, job: job.id, ok: result.ok, milliseconds: result.finishedAt - job.startedAt });
  }

  async close(): Promise<void> {
    await this.backend.queue.close();
    await Promise.all([this.backend.inbox.close(), this.backend.broadcast.close(), this.catalog.close()]);
  }

  private async withTools(turn: PluginTurn): Promise<{ request: ChatRequest; tools: Map<string, PluginTool>; warnings: Warning[]; plan: ModelPlugins }> {
    const plan = turn.plan;
    if (plan === undefined) throw new InterlinguaError('internal', 'No plugins for this model.');
    const { tools, warnings } = await this.catalog.toolsOf(plan.plugins);
    const callerTools = turn.request.tools ?? [];
    const clash = callerTools.find((tool) => tools.has(tool.name));
    if (clash !== undefined) {
      throw new InterlinguaError('invalid_request', `The tool "${clash.name}" is a plugin of model "${turn.request.model}"; give your own tool another name.`, { param: 'tools' });
    }
    const request: ChatRequest = {
      ...turn.request,
      tools: [...callerTools, ...[...tools.values()].map((tool) => tool.definition)],
      ...withPluginsAllowed(turn.request.toolChoice, tools),
    };
    return { request, tools, warnings, plan };
  }

  private context(turn: PluginTurn, options: ChatCallOptions): PluginCallContext {
    const controller = new AbortController();
    if (options.cancellation.aborted) controller.abort();
    else options.cancellation.once('abort', () => controller.abort());
    return {
      signal: controller.signal,
      conversationId: turn.conversationId ?? generateId('conv_'),
      ...(turn.key !== undefined ? { keyId: turn.key.id } : {}),
      startJob: (job) => this.backend.queue.start(job),
    };
  }
}

/** The observer as the loop asks it; later calls' spend is priced for the deployment that answered the first. */
function loopHooks(observer: LoopObserver, firstAnswered: Deployment): Pick<LoopRun, 'onPluginCall' | 'onStepUsage' | 'beforeStep'> {
  const { onPluginCall, onModelCallSpent, beforeModelCall } = observer;
  return {
    ...(onPluginCall !== undefined ? { onPluginCall } : {}),
    ...(onModelCallSpent !== undefined ? { onStepUsage: (usage: Usage) => onModelCallSpent({ usage, deployment: firstAnswered }) } : {}),
    ...(beforeModelCall !== undefined ? { beforeStep: (request: ChatRequest, usage: Usage) => beforeModelCall(request, { usage, deployment: firstAnswered }) } : {}),
  };
}

/** An opened engine stream as plain batches, its first events first. */
async function* eventBatches(opened: OpenedStream): AsyncGenerator<StreamEvent[], undefined> {
  try {
    yield opened.first;
    for (;;) {
      const next = await opened.rest.next();
      if (next.done) return undefined;
      yield next.value;
    }
  } finally {
    await opened.rest.return?.(undefined);
  }
}

/**
 * A caller's list of allowed tools names its own tools; the model's plugins are the gateway's, and
 * a list without them would keep every plugin from running. So they join the list.
 */
function withPluginsAllowed(choice: ToolChoice | undefined, plugins: Map<string, PluginTool>): { toolChoice?: ToolChoice } {
  if ((choice?.type !== 'auto' && choice?.type !== 'required') || choice.allowed === undefined) return {};
  return { toolChoice: { ...choice, allowed: [...choice.allowed, ...plugins.keys()] } };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
