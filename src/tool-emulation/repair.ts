/**
 * One repair round-trip for a call the model wrote wrongly (invalid JSON, an unknown tool): the
 * model is shown its reply and what was wrong with it, and asked, without streaming, to write
 * that call again; calls it wrote correctly stand (a stream has already sent them). A second failure is a clear `upstream_error`, not a retry: sampling the same
 * model on the same prompt again rarely fixes its grasp of the format.
 *
 * The repair is a second upstream call, billed as the first is: its tokens join the answer's
 * usage, and a failed repair's error carries the tokens of both calls (`UnreadableCallError`).
 */
import type { AssistantPart } from '../interlingua/content.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { ToolDefinition } from '../interlingua/tool.js';
import type { Usage } from '../interlingua/usage.js';
import { FailedFinishError } from '../gateway/failed-finish.js';
import { addUsage } from '../core/added-usage.js';
import type { DeploymentCall, DeploymentTransport } from '../gateway/deployment-transport.js';
import type { ReadCall, ToolFormat } from './tool-format.js';
import type { CallsTaken } from './calls-taken.js';
import { readWholeReply } from './reply-reader.js';

export interface RepairContext {
  inner: DeploymentTransport;
  call: DeploymentCall;
  /** The request as the upstream was sent it (tools already in the prompt). */
  sent: ChatRequest;
  format: ToolFormat;
  /** The tools the reply is read against. */
  tools: readonly ToolDefinition[];
  /** How many of the calls read reach the caller. */
  taken: CallsTaken;
}

/** The calls the repair wrote, and the usage of the answer and its repair together. */
export interface Repaired {
  calls: ReadCall[];
  usage: Usage;
}

/**
 * A call the model could not write readably even when asked again. Its output cannot be used, as
 * with a failed finish (gateway/failed-finish.ts), and both calls are billed all the same: the
 * error carries their tokens, which the engine hands to the request's meter when the error ends an
 * attempt before anything reached the caller. Not retried, unlike a failed finish (see above).
 */
export class UnreadableCallError extends FailedFinishError {
  override readonly retryable: boolean = false;

  constructor(message: string, usage: Usage) {
    super(undefined, '', usage);
    this.message = message;
  }
}

export function repairPrompt(reason: string, format: ToolFormat): string {
  return (
    `Your tool call could not be read: ${reason}. ` +
    `Write that tool call again, correctly, in the ${format.name} format described above, and nothing else.`
  );
}

/** `spent` is the usage of the answer being repaired. */
export async function repairCalls(context: RepairContext, reply: string, reason: string, spent: Usage): Promise<Repaired> {
  const { streamUsage: _streamUsage, ...sent } = context.sent;
  const request: ChatRequest = {
    ...sent,
    stream: false,
    messages: [
      ...sent.messages,
      { role: 'assistant', content: [{ type: 'text', text: reply }] },
      { role: 'user', content: [{ type: 'text', text: repairPrompt(reason, context.format) }] },
    ],
  };
  // Held for against the key's budget as any further call of the request is; refused, the answer
  // ends as a failed repair does, its tokens still counted.
  const refusal = await context.call.holdForFurtherCall?.(request, spent);
  if (refusal !== undefined) throw new UnreadableCallError(`The model wrote a tool call that could not be read (${reason}); it was not asked to correct it: ${refusal.message}`, spent);
  const answer = await context.inner.complete({ ...context.call, request }).catch((error: unknown) => {
    // A repair that ended in a failed finish carries its own tokens only; the answer it repaired was billed too.
    throw error instanceof FailedFinishError ? error.withUsage(error.usage === undefined ? spent : addUsage(spent, error.usage)) : error;
  });
  const usage = addUsage(spent, answer.value.usage);
  const pieces = readWholeReply(replyText(answer.value.content), context.format, context.tools);
  const invalid = pieces.find((piece) => piece.type === 'invalid');
  const calls = pieces.flatMap((piece) => (piece.type === 'call' ? [piece.call] : []));
  if (invalid === undefined && calls.length > 0) return { calls, usage };
  const second = invalid?.type === 'invalid' ? `wrote one that could not be read either (${invalid.reason})` : 'wrote no tool call';
  throw new UnreadableCallError(`The model wrote a tool call that could not be read (${reason}); asked once to correct it, it ${second}.`, usage);
}

/** The text of an answer, which is where a model without native tools writes its calls. */
export function replyText(content: readonly AssistantPart[]): string {
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
