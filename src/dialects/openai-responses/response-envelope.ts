/**
 * The `response` object the caller gets, whole (`emitResponse`) or as the snapshots the stream
 * events carry. Besides the answer, a Response repeats the request's settings, and the SDK types
 * mark most of them required (`instructions`, `metadata`, `parallel_tool_calls`, `temperature`,
 * `tool_choice`, `tools`, `top_p`; node_modules/openai/resources/responses/responses.d.ts
 * `Response`). Each is the caller's own setting where it gave one, else what a Responses upstream
 * reported, else OpenAI's default (null where there is none to state). `output_text` is left
 * out: it is not on the wire, the SDK computes it (lib/ResponsesParser.js `addOutputText`).
 */
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import { generateId } from '../../core/ids.js';
import { emitReasoning, emitText, emitToolChoice, emitTools } from './settings-emit.js';
import type { WireUsage } from './usage.js';
import { ownVendor, stringField } from './vendor.js';
import { verbatimTools } from './tool-kinds.js';

/** Ids shaped like OpenAI's; anything else (another upstream's id) is replaced. */
export function responseId(id: string): string {
  return /^resp_[A-Za-z0-9_-]+$/.test(id) ? id : generateId('resp_');
}

export interface ResponseState {
  id: string;
  createdAt: number;
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  error: { code: string; message: string } | null;
  incompleteDetails: { reason: string } | null;
  output: readonly unknown[];
  usage: WireUsage | null;
}

/**
 * The settings part of the object, which does not change during a response: computed once per
 * response. `upstream` holds the fields a Responses upstream reported (`billing`,
 * `service_tier`, its own echo of the settings).
 */
export function responseSettings(context: EmitResponseContext, upstream: Record<string, unknown> | undefined): Record<string, unknown> {
  const request = context.request;
  const callerVendor = ownVendor(request.vendor);
  const settings: Record<string, unknown> = { ...upstream };
  const echo = (key: string, caller: unknown, fallback: unknown) => {
    settings[key] = caller ?? upstream?.[key] ?? fallback;
  };
  const instructions = request.system.filter((part) => stringField(ownVendor(part.vendor), 'role') === undefined);
  echo('instructions', instructions.length === 0 ? undefined : instructions.map((part) => part.text).join('\n\n'), null);
  echo('max_output_tokens', request.sampling.maxOutputTokens, null);
  echo('parallel_tool_calls', request.parallelToolCalls, true);
  echo('previous_response_id', callerVendor?.['previous_response_id'], null);
  echo('reasoning', emitReasoning(request, undefined), { effort: null, summary: null });
  echo('store', callerVendor?.['store'], undefined);
  echo('temperature', request.sampling.temperature, null);
  echo('text', emitText(request), { format: { type: 'text' } });
  echo('tool_choice', emitToolChoice(request), 'auto');
  const hasTools = (request.tools?.length ?? 0) > 0 || verbatimTools(request.vendor).length > 0;
  echo('tools', hasTools ? emitTools(request, 'echo') : undefined, []);
  echo('top_p', request.sampling.topP, null);
  echo('truncation', callerVendor?.['truncation'], 'disabled');
  echo('user', request.user, null);
  echo('metadata', callerVendor?.['metadata'], {});
  if (request.promptCacheKey !== undefined) settings['prompt_cache_key'] = request.promptCacheKey;
  if (settings['store'] === undefined) delete settings['store'];
  return settings;
}

export function responseObject(state: ResponseState, model: string, settings: Record<string, unknown>): Record<string, unknown> {
  return {
    id: state.id,
    object: 'response',
    created_at: state.createdAt,
    status: state.status,
    error: state.error,
    incomplete_details: state.incompleteDetails,
    model,
    output: state.output,
    ...settings,
    usage: state.usage,
  };
}
