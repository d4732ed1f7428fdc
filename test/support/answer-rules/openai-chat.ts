/**
 * OpenAI Chat Completions answers (https://platform.openai.com/docs/api-reference/chat/object and
 * /chat-streaming): a `chat.completion` whose choices hold the assistant's message, a finish reason
 * and token counts; or `chat.completion.chunk` objects, one per `data:` line, all of one id, the
 * first delta of each tool call carrying its id, type and name and later ones only arguments by the
 * call's `index`, ended by `data: [DONE]`. A usage chunk, when asked for, has empty choices.
 */
import { argumentsObject, isCount, isRecord, parsed, sseEvents, type JudgedAnswer, type Json } from './answer.js';

/** The finish reasons the API documents. */
const finishReasons = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

function usageProblems(usage: unknown, where: string): string[] {
  if (!isRecord(usage)) return [`${where}: usage must be an object`];
  const { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } = usage;
  if (!isCount(prompt) || !isCount(completion) || !isCount(total)) return [`${where}: usage needs prompt_tokens, completion_tokens and total_tokens`];
  return (total as number) === (prompt as number) + (completion as number) ? [] : [`${where}: total_tokens ${String(total)} is not prompt_tokens + completion_tokens`];
}

export function openaiCompletionProblems(body: unknown): string[] {
  if (!isRecord(body)) return ['body: not an object'];
  const problems: string[] = [];
  if (body['object'] !== 'chat.completion' || typeof body['id'] !== 'string' || !Number.isInteger(body['created']) || typeof body['model'] !== 'string') {
    problems.push('body: a chat.completion needs object, id, created and model');
  }
  if (!Array.isArray(body['choices']) || body['choices'].length === 0) problems.push('body: choices must be a non-empty list');
  else {
    body['choices'].forEach((choice: unknown, index) => {
      const where = `choices.${index}`;
      if (!isRecord(choice) || choice['index'] !== index || !isRecord(choice['message'])) return problems.push(`${where}: needs its index and message`);
      const message = choice['message'];
      if (message['role'] !== 'assistant') problems.push(`${where}.message: role must be "assistant"`);
      if (message['content'] !== null && typeof message['content'] !== 'string') problems.push(`${where}.message: content must be a string or null`);
      const calls = message['tool_calls'];
      if (calls !== undefined && calls !== null) {
        if (!Array.isArray(calls)) problems.push(`${where}.message.tool_calls: must be a list`);
        else {
          calls.forEach((call: unknown, position) => {
            const fn = isRecord(call) ? call['function'] : undefined;
            if (!isRecord(call) || typeof call['id'] !== 'string' || call['type'] !== 'function' || !isRecord(fn) || typeof fn['name'] !== 'string' || typeof fn['arguments'] !== 'string') {
              problems.push(`${where}.message.tool_calls.${position}: needs id, type "function", function.name and function.arguments as a string`);
            } else if (!argumentsObject(fn['arguments'])) problems.push(`${where}.message.tool_calls.${position}: arguments are not a JSON object`);
          });
        }
      }
      if (!finishReasons.has(String(choice['finish_reason']))) problems.push(`${where}: finish_reason ${JSON.stringify(choice['finish_reason'])} is not one OpenAI documents`);
      return undefined;
    });
  }
  if (body['usage'] !== undefined) problems.push(...usageProblems(body['usage'], 'body'));
  return problems;
}

export function openaiChunkStreamProblems(text: string): string[] {
  const problems: string[] = [];
  const events = sseEvents(text);
  let id: unknown;
  let done = false;
  let usageSeen = false;
  let errored = false;
  const finished = new Set<number>();
  const calls = new Map<string, { started: boolean; json: string }>();
  events.forEach(({ data }, position) => {
    const where = `chunk ${position}`;
    if (done) problems.push(`${where}: data after [DONE]`);
    if (data === '[DONE]') {
      done = true;
      return;
    }
    const chunk = parsed(data, where, problems);
    if (!isRecord(chunk)) return;
    if (isRecord(chunk['error'])) {
      errored = true;
      return;
    }
    if (chunk['object'] !== 'chat.completion.chunk' || typeof chunk['id'] !== 'string' || !Number.isInteger(chunk['created']) || typeof chunk['model'] !== 'string') {
      problems.push(`${where}: a chunk needs object "chat.completion.chunk", id, created and model`);
    }
    if (id === undefined) id = chunk['id'];
    else if (chunk['id'] !== id) problems.push(`${where}: id ${String(chunk['id'])} differs from the stream's ${String(id)}`);
    if (!Array.isArray(chunk['choices'])) return problems.push(`${where}: choices must be a list`);
    if (usageSeen) problems.push(`${where}: a chunk after the usage chunk`);
    if (chunk['usage'] !== undefined && chunk['usage'] !== null) {
      problems.push(...usageProblems(chunk['usage'], where));
      if (chunk['choices'].length === 0) usageSeen = true;
    }
    for (const choice of chunk['choices'] as unknown[]) {
      if (!isRecord(choice) || !Number.isInteger(choice['index']) || !isRecord(choice['delta'])) {
        problems.push(`${where}: each choice needs its index and delta`);
        continue;
      }
      const index = choice['index'] as number;
      if (finished.has(index)) problems.push(`${where}: choice ${index} goes on after its finish_reason`);
      const delta = choice['delta'] as Json;
      if (delta['content'] !== undefined && delta['content'] !== null && typeof delta['content'] !== 'string') problems.push(`${where}: delta.content must be a string`);
      for (const call of Array.isArray(delta['tool_calls']) ? (delta['tool_calls'] as unknown[]) : []) {
        if (!isRecord(call) || !Number.isInteger(call['index'])) {
          problems.push(`${where}: each tool call delta needs its index`);
          continue;
        }
        const key = `${index}/${String(call['index'])}`;
        const fn = isRecord(call['function']) ? call['function'] : {};
        const known = calls.get(key);
        if (known === undefined) {
          if (typeof call['id'] !== 'string' || call['type'] !== 'function' || typeof fn['name'] !== 'string') problems.push(`${where}: a tool call's first delta needs its id, type "function" and function.name`);
          calls.set(key, { started: true, json: typeof fn['arguments'] === 'string' ? fn['arguments'] : '' });
        } else if (typeof fn['arguments'] === 'string') known.json += fn['arguments'];
      }
      const reason = choice['finish_reason'];
      if (reason !== undefined && reason !== null) {
        if (!finishReasons.has(String(reason))) problems.push(`${where}: finish_reason ${JSON.stringify(reason)} is not one OpenAI documents`);
        finished.add(index);
      }
    }
    return undefined;
  });
  for (const [key, call] of calls) if (!argumentsObject(call.json)) problems.push(`tool call ${key}: its arguments do not join into a JSON object`);
  if (!done && !errored) problems.push('the stream ends without data: [DONE]');
  else if (finished.size === 0 && !errored) problems.push('no choice was given a finish_reason');
  return problems;
}

export function openaiChatAnswerProblems(answer: JudgedAnswer): string[] {
  if (answer.stream && answer.status === 200) {
    return answer.contentType.startsWith('text/event-stream') ? openaiChunkStreamProblems(answer.text) : [`a stream must be text/event-stream, not ${answer.contentType}`];
  }
  const problems: string[] = [];
  const body = parsed(answer.text, 'body', problems);
  if (answer.status !== 200) {
    const error = isRecord(body) ? body['error'] : undefined;
    return isRecord(error) && typeof error['message'] === 'string' && typeof error['type'] === 'string' ? problems : [...problems, 'an error answer needs {"error": {"message", "type"}}'];
  }
  return [...problems, ...openaiCompletionProblems(body)];
}
