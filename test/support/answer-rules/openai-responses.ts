/**
 * OpenAI Responses answers (https://platform.openai.com/docs/api-reference/responses/object and
 * /responses-streaming): a `response` object of output items; or a stream of typed events, each
 * named by its `event:` line and numbered by an increasing `sequence_number` where numbered, that opens with
 * `response.created`, adds each output item (`response.output_item.added`, at its `output_index`)
 * before its parts and deltas and finishes it with `response.output_item.done`, and ends with
 * `response.completed`, `response.incomplete`, `response.failed` or `error`.
 */
import { argumentsObject, isCount, isRecord, parsed, sseEvents, type JudgedAnswer } from './answer.js';

const itemTypes = new Set(['message', 'function_call', 'reasoning', 'web_search_call', 'file_search_call', 'computer_call', 'image_generation_call', 'code_interpreter_call', 'local_shell_call', 'mcp_call', 'mcp_list_tools', 'mcp_approval_request', 'custom_tool_call']);
const endings = new Set(['response.completed', 'response.incomplete', 'response.failed', 'error']);

function itemProblems(item: unknown, where: string): string[] {
  if (!isRecord(item) || !itemTypes.has(String(item['type']))) return [`${where}: an output item of a type Responses does not have: ${JSON.stringify(isRecord(item) ? item['type'] : item)}`];
  if (item['type'] === 'function_call') {
    if (typeof item['call_id'] !== 'string' || typeof item['name'] !== 'string' || typeof item['arguments'] !== 'string') return [`${where}: a function_call needs call_id, name and arguments as a string`];
    if (!argumentsObject(item['arguments'])) return [`${where}: the function_call's arguments are not a JSON object`];
  }
  if (item['type'] === 'message' && (item['role'] !== 'assistant' || !Array.isArray(item['content']))) return [`${where}: a message item needs role "assistant" and its content list`];
  return [];
}

function usageProblems(usage: unknown, where: string): string[] {
  if (usage === undefined || usage === null) return [];
  return isRecord(usage) && isCount(usage['input_tokens']) && isCount(usage['output_tokens']) && isCount(usage['total_tokens']) ? [] : [`${where}: usage needs input_tokens, output_tokens and total_tokens`];
}

export function responseObjectProblems(response: unknown, where = 'response'): string[] {
  if (!isRecord(response)) return [`${where}: not an object`];
  const problems: string[] = [];
  if (response['object'] !== 'response' || typeof response['id'] !== 'string' || typeof response['status'] !== 'string') problems.push(`${where}: needs object "response", id and status`);
  if (!Array.isArray(response['output'])) problems.push(`${where}: output must be a list`);
  else response['output'].forEach((item, index) => problems.push(...itemProblems(item, `${where}.output.${index}`)));
  problems.push(...usageProblems(response['usage'], where));
  return problems;
}

export function responsesStreamProblems(text: string): string[] {
  const problems: string[] = [];
  let sequence = -1;
  let ended: string | undefined;
  const items = new Map<number, { type: string; done: boolean; arguments: string }>();
  sseEvents(text).forEach(({ event, data }, position) => {
    const where = `event ${position}`;
    const value = parsed(data, where, problems);
    if (!isRecord(value)) return;
    const type = String(value['type']);
    if (event !== undefined && event !== type) problems.push(`${where}: named "${event}" but of type "${type}"`);
    if (ended !== undefined) problems.push(`${where}: "${type}" after ${ended}`);
    // Streams recorded before mid-2025 number no event; where events are numbered, the numbers increase.
    if (typeof value['sequence_number'] === 'number') {
      if (value['sequence_number'] <= sequence) problems.push(`${where}: sequence_number ${value['sequence_number']} does not increase`);
      sequence = value['sequence_number'];
    }
    if (position === 0 && type !== 'response.created') problems.push(`${where}: the stream opens with "${type}", not response.created`);
    if (endings.has(type)) {
      ended = type;
      if (type !== 'error') problems.push(...responseObjectProblems(value['response'], `${where}.response`));
      if (type === 'response.completed') for (const [index, item] of items) if (!item.done) problems.push(`${where}: completed with output item ${index} never done`);
      return;
    }
    if (type === 'response.created' || type === 'response.in_progress') {
      if (!isRecord(value['response'])) problems.push(`${where}: ${type} needs the response`);
      return;
    }
    const index = value['output_index'];
    if (type === 'response.output_item.added') {
      if (typeof index !== 'number' || index !== items.size) problems.push(`${where}: output_item.added at ${String(index)}, expected ${items.size}`);
      const item = value['item'];
      if (!isRecord(item) || !itemTypes.has(String(item['type']))) problems.push(`${where}: output_item.added needs an item of a known type`);
      else items.set(items.size, { type: String(item['type']), done: false, arguments: '' });
      return;
    }
    if (typeof index !== 'number') return;
    const item = items.get(index);
    if (item === undefined) return problems.push(`${where}: "${type}" for output item ${index}, never added`);
    if (item.done) problems.push(`${where}: "${type}" for output item ${index}, already done`);
    if (type === 'response.function_call_arguments.delta') item.arguments += String(value['delta'] ?? '');
    // A client that joins the deltas (as the Chat format makes every client do) must get what
    // `.done` says: `ResponseFunctionCallArgumentsDoneEvent.arguments` is "the function-call
    // arguments" the deltas were added into (openai-node src/resources/responses/responses.ts).
    if (type === 'response.function_call_arguments.done' && value['arguments'] !== item.arguments) {
      problems.push(`${where}: function_call_arguments.done says ${JSON.stringify(value['arguments'])}, its deltas join to ${JSON.stringify(item.arguments)}`);
    }
    if (type === 'response.output_item.done') {
      item.done = true;
      problems.push(...itemProblems(value['item'], `${where}.item`));
    }
    return undefined;
  });
  if (ended === undefined) problems.push('the stream ends without response.completed, response.incomplete, response.failed or error');
  return problems;
}

export function openaiResponsesAnswerProblems(answer: JudgedAnswer): string[] {
  if (answer.stream && answer.status === 200) {
    return answer.contentType.startsWith('text/event-stream') ? responsesStreamProblems(answer.text) : [`a stream must be text/event-stream, not ${answer.contentType}`];
  }
  const problems: string[] = [];
  const body = parsed(answer.text, 'body', problems);
  if (answer.status !== 200) {
    const error = isRecord(body) ? body['error'] : undefined;
    return isRecord(error) && typeof error['message'] === 'string' ? problems : [...problems, 'an error answer needs {"error": {"message", …}}'];
  }
  return [...problems, ...responseObjectProblems(body)];
}
