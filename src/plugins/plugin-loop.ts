import type { ChatRequest } from '../interlingua/request.js';
import type { Message } from '../interlingua/message.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { Usage } from '../interlingua/usage.js';
import type { ToolChoice } from '../interlingua/tool.js';
import { allowedNames } from '../core/allowed-tools.js';
import { unportedOutputKey, unportedOutputMoved, type UnportedOutput } from '../core/unported-output.js';
import { mergeUsage } from '../core/fold-stream.js';
import { listsCallUnderNone, withoutCallsUnderNone } from '../core/dropped-tool-calls.js';
import { InterlinguaError } from '../interlingua/error.js';
import type { EventBatches } from '../gateway/upstream-events.js';
import type { PluginTool } from './plugin-tool.js';
import type { PluginCallContext, PluginToolRunner } from './tool-runner.js';
import { StepReader } from './step-reader.js';
import { unrunPluginCall, unrunPluginCallsSource } from './unrun-plugin-calls.js';
import { addUsage } from '../core/added-usage.js';

/** One more model call with the conversation so far; its events as they come. */
export type ModelStep = (request: ChatRequest) => Promise<EventBatches>;

export interface LoopRun {
  /** The caller's request with the plugin tools added: step 0 was made with it. */
  request: ChatRequest;
  /** Step 0, already opened (so a failure there was still the caller's HTTP error). */
  firstStep: EventBatches;
  nextStep: ModelStep;
  tools: Map<string, PluginTool>;
  maxSteps: number;
  runner: PluginToolRunner;
  context: PluginCallContext;
  /** Told as each plugin call starts, so the caller can be shown which plugin runs. */
  onPluginCall?: (toolName: string) => void;
  /**
   * Told as each model call finishes, with the usage of all calls so far (so telling it again
   * replaces, never adds): the upstream billed them even if the loop never reaches its finish,
   * as when the caller leaves while a plugin runs.
   */
  onStepUsage?: (spent: Usage) => void;
  /**
   * Asked before each further model call with the request it will make and the usage of the
   * calls made so far: a throw (the key's budget has no room for the call) ends the loop with
   * that error in place of the call.
   */
  beforeStep?: (request: ChatRequest, spent: Usage) => Promise<void>;
}

/**
 * The plugin loop as one stream for the caller: model, plugin calls, results fed back, model
 * again, until the model answers without calling a plugin, calls one of the caller's own tools
 * (then that call is the caller's to answer, as without plugins, and a plugin call beside it is
 * left unrun and reported: unrun-plugin-calls.ts), or `maxSteps` is reached (the
 * last call is made with `toolChoice: none`). The caller sees one response-start, the text of
 * every step as it comes, and one finish with the usage of all steps summed; a step that fails
 * ends the loop with a `usage` event of all steps so far before its error, so that they count.
 * After step 0, `toolChoice` is `auto`: a caller's `required` would otherwise never let it end. A
 * list of allowed tools stays on it, so the later steps may call no more than the first.
 * Each further call is admitted first (`beforeStep`): one model name may stand for many calls.
 */
export async function* pluginLoop(run: LoopRun): AsyncGenerator<StreamEvent[], undefined> {
  const messages: Message[] = [...run.request.messages];
  let usage: Usage | undefined;
  let batches = run.firstStep;
  // The output every call listed for the caller's answer (core/unported-output.ts), each placed
  // after the parts the caller was shown before it.
  const listed: Record<string, UnportedOutput[]> = {};
  let partsShown = 0;
  for (let step = 0; ; step++) {
    const reader = new StepReader(step, (name) => run.tools.has(name));
    const partsBefore = partsShown;
    // This step's usage as reported so far, for a step that fails before its finish.
    let stepUsage: Usage = {};
    try {
      for (;;) {
        const next = await batches.next();
        if (next.done) break;
        for (const event of next.value) if (event.type === 'usage' || event.type === 'finish' || (event.type === 'response-start' && event.usage !== undefined)) stepUsage = mergeUsage(stepUsage, event.usage ?? {});
        const shown = reader.read(next.value);
        partsShown += shown.filter((event) => event.type === 'text-start' || event.type === 'reasoning-start' || event.type === 'tool-call-start').length;
        const failed = shown.at(-1)?.type === 'error';
        if (failed) shown.splice(-1, 0, { type: 'usage', usage: usage === undefined ? stepUsage : addUsage(usage, stepUsage) });
        if (shown.length > 0 || step === 0) yield shown;
        if (failed) return undefined;
      }
    } finally {
      await batches.return?.(undefined);
    }
    if (run.context.signal.aborted) return undefined;
    if (!reader.finished) {
      yield [{ type: 'error', error: new InterlinguaError('stream_interrupted', 'The upstream stream ended before it finished.') }];
      return undefined;
    }
    usage = usage === undefined ? reader.usage() : addUsage(usage, reader.usage());
    run.onStepUsage?.(usage);
    // The last step, sent with `none`, of a model without native tools may still write a call: read
    // and dropped where it is read (core/dropped-tool-calls.ts), it too is a call left unrun.
    const droppedAtLimit = step > 0 && step + 1 >= run.maxSteps && listsCallUnderNone(reader.finishVendor);
    const finishVendor = droppedAtLimit ? withoutCallsUnderNone(reader.finishVendor) : reader.finishVendor;
    for (const [dialect, entries] of Object.entries(unportedOutputMoved(finishVendor, partsBefore))) (listed[dialect] ??= []).push(...entries);
    const calls = reader.pluginCalls();
    const last = calls.length === 0 || reader.callerCalls > 0 || step + 1 >= run.maxSteps;
    if (last) {
      if (reader.callerCalls > 0 && calls.length > 0) {
        const unrunCalls = calls.map((call) => unrunPluginCall(call, run.tools.get(call.name)?.settings.name ?? call.name));
        (listed[unrunPluginCallsSource] ??= []).push(...unrunCalls);
      }
      // Plugin calls left unrun at the step limit are not the caller's to answer: no `tool-calls` finish.
      const unrun = (calls.length > 0 || droppedAtLimit) && reader.callerCalls === 0;
      const finish: StreamEvent = { type: 'finish', finishReason: unrun ? { unified: 'other', raw: 'plugin_step_limit' } : reader.finishReason, usage };
      const stopSequence = reader.stopSequence;
      if (stopSequence !== undefined) finish.stopSequence = stopSequence;
      if (Object.keys(listed).length > 0) finish.vendor = Object.fromEntries(Object.entries(listed).map(([dialect, entries]) => [dialect, { [unportedOutputKey]: entries }]));
      yield [finish];
      return undefined;
    }
    const results = await Promise.all(
      calls.map((call) => {
        run.onPluginCall?.(call.name);
        return run.runner.answer(call, run.tools.get(call.name) as PluginTool, run.context);
      }),
    );
    if (run.context.signal.aborted) return undefined;
    messages.push({ role: 'assistant', content: reader.assistantTurn() }, { role: 'tool', content: results });
    const finalStep = step + 2 >= run.maxSteps;
    const next: ChatRequest = { ...run.request, messages, toolChoice: finalStep ? { type: 'none' } : laterStepChoice(run.request) };
    try {
      await run.beforeStep?.(next, usage);
      batches = await run.nextStep(next);
    } catch (error) {
      yield [{ type: 'error', error: error instanceof InterlinguaError ? error : new InterlinguaError('internal', 'The gateway failed between plugin steps.', { cause: error }) }];
      return undefined;
    }
  }
}

/** `auto`, keeping the request's list of allowed tools. */
function laterStepChoice(request: ChatRequest): ToolChoice {
  const allowed = allowedNames(request.toolChoice);
  return allowed === undefined ? { type: 'auto' } : { type: 'auto', allowed: [...allowed] };
}
