/**
 * Ollama `/api/chat` answers (https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion):
 * one JSON object, or newline-delimited objects while streaming, each with the model, its time and
 * a `message` of role `assistant` whose tool calls carry `function.arguments` as an object; every
 * object but the last says `done: false`, the last `done: true` with its `done_reason` and counts.
 */
import { isCount, isRecord, parsed, type JudgedAnswer } from './answer.js';

function chatObjectProblems(value: unknown, where: string, last: boolean): string[] {
  if (!isRecord(value)) return [`${where}: not an object`];
  if (typeof value['error'] === 'string') return [];
  const problems: string[] = [];
  if (typeof value['model'] !== 'string' || typeof value['created_at'] !== 'string') problems.push(`${where}: needs model and created_at`);
  const message = value['message'];
  if (!isRecord(message) || message['role'] !== 'assistant' || typeof message['content'] !== 'string') problems.push(`${where}: message needs role "assistant" and its content`);
  else {
    const calls = message['tool_calls'];
    for (const [index, call] of (Array.isArray(calls) ? calls : []).entries()) {
      const fn = isRecord(call) ? call['function'] : undefined;
      if (!isRecord(fn) || typeof fn['name'] !== 'string' || !isRecord(fn['arguments'])) problems.push(`${where}.message.tool_calls.${index}: needs function.name and function.arguments as an object`);
    }
  }
  if (value['done'] !== last) problems.push(`${where}: done is ${String(value['done'])}, expected ${String(last)}`);
  if (last && (typeof value['done_reason'] !== 'string' || !isCount(value['eval_count']) || !isCount(value['prompt_eval_count']))) problems.push(`${where}: the last object needs done_reason, prompt_eval_count and eval_count`);
  return problems;
}

export function ollamaAnswerProblems(answer: JudgedAnswer): string[] {
  const problems: string[] = [];
  if (answer.status !== 200) {
    const body = parsed(answer.text, 'body', problems);
    return isRecord(body) && typeof body['error'] === 'string' ? problems : [...problems, 'an error answer needs {"error": "…"}'];
  }
  if (!answer.stream) return [...problems, ...chatObjectProblems(parsed(answer.text, 'body', problems), 'body', true)];
  const lines = answer.text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) problems.push('the stream holds no object');
  lines.forEach((line, index) => problems.push(...chatObjectProblems(parsed(line, `line ${index}`, problems), `line ${index}`, index === lines.length - 1)));
  return problems;
}
