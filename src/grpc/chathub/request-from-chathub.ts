import type { ChatRequest, Sampling } from '../../interlingua/request.js';
import type { Message } from '../../interlingua/message.js';
import type { TextPart } from '../../interlingua/content.js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { ChatHubRequest } from './wire-types.js';
import { pushAll } from '../../core/push-all.js';

/**
 * A ChatHub request as the interlingua: `history` turns keep their roles (a leading system turn
 * becomes the system prompt) and `prompt` is the final user turn.
 *
 * proto3 cannot tell 0 from "not sent", and the seed's client always sends all three numbers, so
 * 0 means "the model's default". `max_length` is ChatGLM's limit on prompt and answer together;
 * it is carried as the output limit, the closest thing other vendors have.
 */
export function requestFromChatHub(wire: ChatHubRequest, model: string, stream: boolean): ChatRequest {
  const prompt = wire.prompt ?? '';
  if (prompt === '') throw new InterlinguaError('invalid_request', 'prompt is empty: ChatHub needs a question to answer.', { param: 'prompt' });
  const system: TextPart[] = [];
  const messages: Message[] = [];
  (wire.history ?? []).forEach((turn, index) => {
    const content: TextPart[] = [{ type: 'text', text: turn.content ?? '' }];
    switch (turn.role) {
      case 'system':
        if (messages.length === 0) pushAll(system, content);
        else messages.push({ role: 'system', content });
        return;
      case 'user':
      case 'assistant':
        messages.push({ role: turn.role, content });
        return;
      default:
        throw new InterlinguaError('invalid_request', `history[${index}].role: "${turn.role ?? ''}" is not one of system, user, assistant.`, { param: `history[${index}].role` });
    }
  });
  messages.push({ role: 'user', content: [{ type: 'text', text: prompt }] });
  return { model, system, messages, sampling: samplingFromChatHub(wire), stream };
}

function samplingFromChatHub(wire: ChatHubRequest): Sampling {
  const sampling: Sampling = {};
  const maxLength = wire.max_length ?? 0;
  if (maxLength < 0) throw new InterlinguaError('invalid_request', `max_length: ${maxLength} is negative.`, { param: 'max_length' });
  if (maxLength > 0) sampling.maxOutputTokens = maxLength;
  const topP = fromFloat32(wire.top_p ?? 0);
  // NaN fails every comparison: without this check it would pass both bounds and be dropped unsaid.
  if (!Number.isFinite(topP)) throw new InterlinguaError('invalid_request', `top_p: ${topP} is not a finite number.`, { param: 'top_p' });
  if (topP < 0 || topP > 1) throw new InterlinguaError('invalid_request', `top_p: ${topP} is outside 0..1.`, { param: 'top_p' });
  if (topP > 0) sampling.topP = topP;
  const temperature = fromFloat32(wire.temperature ?? 0);
  // A proto `float` can carry NaN and ±Infinity; Infinity would otherwise reach the emitters and be clamped to a vendor's maximum.
  if (!Number.isFinite(temperature)) throw new InterlinguaError('invalid_request', `temperature: ${temperature} is not a finite number.`, { param: 'temperature' });
  if (temperature < 0) throw new InterlinguaError('invalid_request', `temperature: ${temperature} is negative.`, { param: 'temperature' });
  if (temperature > 0) sampling.temperature = temperature;
  return sampling;
}

/** A proto `float` arrives widened (0.95f reads 0.949999988…); seven significant digits are what it held. */
function fromFloat32(value: number): number {
  return Number(value.toPrecision(7));
}
