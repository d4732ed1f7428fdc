import type { ToolCallPart, ToolResultPart } from '../interlingua/content.js';
import type { Logger } from '../gateway/logger.js';
import { generateId } from '../core/ids.js';
import { callerSafeMessage, failureDetail } from '../gateway/connection-failure.js';
import type { PluginTool, ToolOutcome } from './plugin-tool.js';
import { ArgumentChecker } from './argument-check.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import type { PluginJob } from './jobs/plugin-job.js';

/** Who a model's plugin call runs for: its cancellation, and where an async result must go. */
export interface PluginCallContext {
  /** Fires when the caller goes away. */
  signal: AbortSignal;
  conversationId: string;
  keyId?: string;
  startJob(job: PluginJob): Promise<void>;
}

/**
 * Runs plugin tools within their limits: arguments checked against the schema first, at most
 * `concurrency` calls per plugin at once, `timeoutMs` for the whole call, stopped when the
 * caller leaves. Every failure becomes an error result for the model, and every call is logged.
 */
export class PluginToolRunner {
  private readonly checker = new ArgumentChecker();
  private readonly gates = new Map<string, ConcurrencyGate>();

  constructor(private readonly logger: Logger) {}

  /** One call the model made, answered as the tool result it reads next. */
  async answer(call: ToolCallPart, tool: PluginTool, context: PluginCallContext): Promise<ToolResultPart> {
    const checked = this.checker.check(call.arguments, tool.definition.parameters);
    if (!checked.ok) {
      this.logger.info('plugin call', { plugin: tool.settings.name, tool: call.name, callId: call.id, outcome: 'invalid-arguments' });
      return result(call, { text: checked.problem, isError: true });
    }
    if (!tool.settings.async) return result(call, await this.execute(tool, checked.value, context.signal, { callId: call.id }));
    const job: PluginJob = {
      id: generateId('job_'),
      plugin: tool.settings.name,
      tool: call.name,
      args: checked.value,
      conversationId: context.conversationId,
      startedAt: Date.now(),
      ...(context.keyId !== undefined ? { keyId: context.keyId } : {}),
    };
    try {
      await context.startJob(job);
    } catch (error) {
      this.logger.error('plugin job not started', { plugin: job.plugin, tool: job.tool, job: job.id, error: String(error) });
      return result(call, { text: `The tool could not be started: ${callerSafeMessage(error)}`, isError: true });
    }
    this.logger.info('plugin job started', { plugin: job.plugin, tool: job.tool, job: job.id, conversation: job.conversationId });
    return result(call, {
      text: `Started as job ${job.id}. It runs in the background; its result will be sent to the user when it finishes and will be part of this conversation then. Tell the user so; do not wait for it.`,
      isError: false,
    });
  }

  /** Runs a tool on checked arguments: for synchronous calls, and for jobs on a worker. */
  async execute(tool: PluginTool, args: Record<string, unknown>, cancelled: AbortSignal, logFields: Record<string, unknown>): Promise<ToolOutcome> {
    const settings = tool.settings;
    const started = Date.now();
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const signal = AbortSignal.any([cancelled, timeout]);
    let outcome: ToolOutcome;
    let word: string;
    let failure: string | undefined;
    try {
      const release = await this.gate(settings.name, settings.concurrency).acquire(signal);
      try {
        outcome = await tool.execute(args, signal);
      } finally {
        release();
      }
      word = outcome.isError ? 'tool-error' : 'ok';
    } catch (error) {
      if (timeout.aborted) {
        word = 'timeout';
        outcome = { text: `The tool did not finish within ${settings.timeoutMs} ms and was stopped.`, isError: true };
      } else if (cancelled.aborted) {
        word = 'cancelled';
        outcome = { text: 'The tool call was cancelled.', isError: true };
      } else {
        word = 'failed';
        // The model's answer reaches the caller: a socket error's message, naming an internal address, stays in the log.
        failure = failureDetail(error);
        outcome = { text: `The tool failed: ${callerSafeMessage(error)}`, isError: true };
      }
    }
    this.logger.info('plugin call', {
      ...logFields,
      plugin: settings.name,
      tool: tool.definition.name,
      outcome: word,
      milliseconds: Date.now() - started,
      ...(failure !== undefined ? { error: failure } : {}),
    });
    return outcome;
  }

  /**
   * The plugin's gate, held at the limit its call was configured with: a reload that changes
   * `concurrency` changes the limit of the gate in use, whose count still holds the calls running.
   */
  private gate(plugin: string, limit: number): ConcurrencyGate {
    const gate = this.gates.get(plugin);
    if (gate === undefined) {
      const created = new ConcurrencyGate(limit);
      this.gates.set(plugin, created);
      return created;
    }
    if (gate.currentLimit !== limit) gate.setLimit(limit);
    return gate;
  }
}

function result(call: ToolCallPart, outcome: ToolOutcome): ToolResultPart {
  return {
    type: 'tool-result',
    toolCallId: call.id,
    toolName: call.name,
    content: [{ type: 'text', text: outcome.text }],
    ...(outcome.isError ? { isError: true } : {}),
  };
}
