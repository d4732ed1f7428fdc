/**
 * Anthropic Messages answers (https://docs.anthropic.com/en/api/messages, .../build-with-claude/streaming):
 * a message of typed content blocks with a stop reason and token counts, or a stream whose events
 * come as "message_start; a series of content blocks, each of which have a content_block_start, one
 * or more content_block_delta events, and a content_block_stop event … Each content block will have
 * an index that corresponds to its index in the final Message content array; one or more
 * message_delta events …; a final message_stop event", with `ping` events anywhere and an `error`
 * event ending a stream that fails.
 */
import { argumentsObject, isCount, isRecord, parsed, sseEvents, type JudgedAnswer, type Json } from './answer.js';

/** The stop reasons the Messages API documents. */
const stopReasons = new Set(['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal', 'model_context_window_exceeded']);

/** Which delta types each content block type takes. */
const deltasOf: Record<string, readonly string[]> = {
  text: ['text_delta', 'citations_delta'],
  tool_use: ['input_json_delta'],
  server_tool_use: ['input_json_delta'],
  thinking: ['thinking_delta', 'signature_delta'],
  redacted_thinking: [],
};

function blockProblems(block: unknown, where: string): string[] {
  if (!isRecord(block) || typeof block['type'] !== 'string') return [`${where}: a content block needs a type`];
  switch (block['type']) {
    case 'text':
      return typeof block['text'] === 'string' ? [] : [`${where}: a text block needs its text`];
    case 'tool_use':
      return typeof block['id'] === 'string' && /^[a-zA-Z0-9_-]+$/.test(block['id']) && typeof block['name'] === 'string' && isRecord(block['input'])
        ? []
        : [`${where}: a tool_use block needs an id of [a-zA-Z0-9_-], a name and an input object`];
    case 'thinking':
      return typeof block['thinking'] === 'string' && typeof block['signature'] === 'string' ? [] : [`${where}: a thinking block needs its thinking and signature`];
    case 'redacted_thinking':
      return typeof block['data'] === 'string' ? [] : [`${where}: a redacted_thinking block needs its data`];
    default:
      return [];
  }
}

function usageProblems(usage: unknown, where: string): string[] {
  return isRecord(usage) && isCount(usage['input_tokens']) && isCount(usage['output_tokens']) ? [] : [`${where}: usage needs input_tokens and output_tokens`];
}

export function anthropicMessageProblems(message: unknown, where = 'message'): string[] {
  if (!isRecord(message)) return [`${where}: not an object`];
  const problems: string[] = [];
  if (message['type'] !== 'message' || message['role'] !== 'assistant') problems.push(`${where}: type must be "message" and role "assistant"`);
  if (typeof message['id'] !== 'string' || typeof message['model'] !== 'string') problems.push(`${where}: id and model must be strings`);
  if (!Array.isArray(message['content'])) problems.push(`${where}: content must be a list`);
  else message['content'].forEach((block, index) => problems.push(...blockProblems(block, `${where}.content.${index}`)));
  if (!stopReasons.has(String(message['stop_reason']))) problems.push(`${where}: stop_reason ${JSON.stringify(message['stop_reason'])} is not one Anthropic documents`);
  problems.push(...usageProblems(message['usage'], where));
  return problems;
}

export function anthropicStreamProblems(text: string): string[] {
  const problems: string[] = [];
  const events = sseEvents(text);
  const blocks: Array<{ type: string; open: boolean; json: string }> = [];
  let started = false;
  let stopReason: unknown;
  let ended = false;
  events.forEach(({ event, data }, position) => {
    const where = `event ${position}`;
    const value = parsed(data, where, problems);
    if (!isRecord(value)) return;
    const type = value['type'];
    if (event !== undefined && event !== type) problems.push(`${where}: named "${event}" but of type "${String(type)}"`);
    if (ended) problems.push(`${where}: "${String(type)}" after the stream ended`);
    if (type === 'ping') return;
    if (type === 'error') {
      ended = true;
      if (!isRecord(value['error']) || typeof value['error']['type'] !== 'string' || typeof value['error']['message'] !== 'string') problems.push(`${where}: an error event needs error.type and error.message`);
      return;
    }
    if (!started && type !== 'message_start') {
      problems.push(`${where}: "${String(type)}" before message_start`);
      started = true;
    }
    switch (type) {
      case 'message_start': {
        if (started) problems.push(`${where}: a second message_start`);
        started = true;
        const message = value['message'];
        if (!isRecord(message) || message['type'] !== 'message' || message['role'] !== 'assistant' || typeof message['id'] !== 'string') problems.push(`${where}: message_start needs the message's id, type and role`);
        else {
          if (!Array.isArray(message['content']) || message['content'].length > 0) problems.push(`${where}: message_start's content must be an empty list`);
          problems.push(...usageProblems(message['usage'], where));
        }
        return;
      }
      case 'content_block_start': {
        const block = value['content_block'];
        if (value['index'] !== blocks.length) problems.push(`${where}: content_block_start index ${String(value['index'])}, expected ${blocks.length}`);
        if (blocks.some((open) => open.open)) problems.push(`${where}: content_block_start while block ${blocks.findIndex((open) => open.open)} is open`);
        if (!isRecord(block) || typeof block['type'] !== 'string') {
          problems.push(`${where}: content_block_start needs a content_block with a type`);
          return;
        }
        problems.push(...blockProblems(block['type'] === 'text' ? { ...block, text: block['text'] ?? '' } : block['type'] === 'thinking' ? { signature: '', ...block } : block, `${where}.content_block`));
        const input = block['input'];
        if ((block['type'] === 'tool_use' || block['type'] === 'server_tool_use') && isRecord(input) && Object.keys(input).length > 0) problems.push(`${where}: a streamed tool_use starts with an empty input`);
        blocks.push({ type: block['type'], open: true, json: '' });
        return;
      }
      case 'content_block_delta': {
        const block = blocks[Number(value['index'])];
        const delta = value['delta'];
        if (block === undefined || !block.open) {
          problems.push(`${where}: a delta for block ${String(value['index'])}, which is not open`);
          return;
        }
        if (!isRecord(delta) || !(deltasOf[block.type] ?? [String(isRecord(delta) ? delta['type'] : '')]).includes(String(delta['type']))) {
          problems.push(`${where}: a ${String(isRecord(delta) ? delta['type'] : 'missing')} delta for a ${block.type} block`);
          return;
        }
        const field = { text_delta: 'text', input_json_delta: 'partial_json', thinking_delta: 'thinking', signature_delta: 'signature' }[String(delta['type'])];
        if (field !== undefined && typeof delta[field] !== 'string') problems.push(`${where}: a ${String(delta['type'])} needs its ${field}`);
        if (delta['type'] === 'input_json_delta') block.json += String(delta['partial_json'] ?? '');
        return;
      }
      case 'content_block_stop': {
        const block = blocks[Number(value['index'])];
        if (block === undefined || !block.open) problems.push(`${where}: content_block_stop for block ${String(value['index'])}, which is not open`);
        else {
          block.open = false;
          if (!argumentsObject(block.json)) problems.push(`${where}: the ${block.type} block's input_json_delta pieces do not join into a JSON object`);
        }
        return;
      }
      case 'message_delta': {
        const delta = value['delta'];
        if (!isRecord(delta)) problems.push(`${where}: message_delta needs its delta`);
        else if (delta['stop_reason'] !== undefined && delta['stop_reason'] !== null) {
          stopReason = delta['stop_reason'];
          if (!stopReasons.has(String(stopReason))) problems.push(`${where}: stop_reason ${JSON.stringify(stopReason)} is not one Anthropic documents`);
        }
        if (!isRecord(value['usage']) || !isCount(value['usage']['output_tokens'])) problems.push(`${where}: message_delta needs usage.output_tokens`);
        return;
      }
      case 'message_stop':
        ended = true;
        if (blocks.some((block) => block.open)) problems.push(`${where}: message_stop with block ${blocks.findIndex((block) => block.open)} still open`);
        if (stopReason === undefined) problems.push(`${where}: message_stop before any message_delta gave the stop reason`);
        return;
      default:
        problems.push(`${where}: an event of type "${String(type)}" Anthropic does not send`);
    }
  });
  if (!ended) problems.push('the stream ends without message_stop or an error event');
  return problems;
}

export function anthropicAnswerProblems(answer: JudgedAnswer): string[] {
  if (answer.stream && answer.status === 200) {
    return answer.contentType.startsWith('text/event-stream') ? anthropicStreamProblems(answer.text) : [`a stream must be text/event-stream, not ${answer.contentType}`];
  }
  const problems: string[] = [];
  const body = parsed(answer.text, 'body', problems) as Json | undefined;
  if (answer.status !== 200) {
    const error = isRecord(body) ? body['error'] : undefined;
    return isRecord(body) && body['type'] === 'error' && isRecord(error) && typeof error['type'] === 'string' && typeof error['message'] === 'string'
      ? problems
      : [...problems, 'an error answer needs {"type": "error", "error": {"type", "message"}}'];
  }
  return [...problems, ...anthropicMessageProblems(body)];
}
