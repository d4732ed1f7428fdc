/**
 * Gemini answers (https://ai.google.dev/api/generate-content#generatecontentresponse): a
 * `GenerateContentResponse` of candidates, each a `model` content of parts holding one kind of data
 * each (text, a function call with an `args` object, …), a `FinishReason` of the documented enum
 * and integer token counts; streamed with `?alt=sse`, one such response per `data:` event.
 */
import { isCount, isRecord, parsed, sseEvents, type JudgedAnswer } from './answer.js';

const finishReasons = new Set([
  'FINISH_REASON_UNSPECIFIED', 'STOP', 'MAX_TOKENS', 'SAFETY', 'RECITATION', 'LANGUAGE', 'OTHER', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII',
  'MALFORMED_FUNCTION_CALL', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_OTHER', 'NO_IMAGE', 'IMAGE_RECITATION', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS', 'MISSING_THOUGHT_SIGNATURE',
]);
const dataFields = ['text', 'inlineData', 'functionCall', 'functionResponse', 'fileData', 'executableCode', 'codeExecutionResult'];

function partProblems(part: unknown, where: string): string[] {
  if (!isRecord(part)) return [`${where}: a part must be an object`];
  const fields = dataFields.filter((field) => part[field] !== undefined);
  if (fields.length > 1) return [`${where}: a part holds one kind of data, not ${fields.join(' and ')}`];
  if (fields.length === 0 && part['thoughtSignature'] === undefined) return [`${where}: a part holds no data`];
  const call = part['functionCall'];
  if (call !== undefined && (!isRecord(call) || typeof call['name'] !== 'string' || (call['args'] !== undefined && !isRecord(call['args'])))) return [`${where}: a functionCall needs a name and an args object`];
  if (part['text'] !== undefined && typeof part['text'] !== 'string') return [`${where}: text must be a string`];
  return [];
}

export function generateContentProblems(response: unknown, where = 'response'): string[] {
  if (!isRecord(response)) return [`${where}: not an object`];
  const problems: string[] = [];
  const candidates = response['candidates'];
  if (candidates === undefined && response['promptFeedback'] === undefined) problems.push(`${where}: neither candidates nor promptFeedback`);
  if (candidates !== undefined && !Array.isArray(candidates)) problems.push(`${where}: candidates must be a list`);
  for (const [index, candidate] of (Array.isArray(candidates) ? candidates : []).entries()) {
    const at = `${where}.candidates.${index}`;
    if (!isRecord(candidate)) {
      problems.push(`${at}: not an object`);
      continue;
    }
    const content = candidate['content'];
    if (content !== undefined) {
      if (!isRecord(content) || (content['role'] !== undefined && content['role'] !== 'model')) problems.push(`${at}.content: role must be "model"`);
      else if (content['parts'] !== undefined) {
        if (!Array.isArray(content['parts'])) problems.push(`${at}.content.parts: must be a list`);
        else content['parts'].forEach((part, position) => problems.push(...partProblems(part, `${at}.content.parts.${position}`)));
      }
    }
    if (candidate['finishReason'] !== undefined && !finishReasons.has(String(candidate['finishReason']))) problems.push(`${at}: finishReason ${JSON.stringify(candidate['finishReason'])} is not one Gemini documents`);
  }
  const usage = response['usageMetadata'];
  if (usage !== undefined) {
    if (!isRecord(usage)) problems.push(`${where}: usageMetadata must be an object`);
    else for (const [field, count] of Object.entries(usage)) if (field.endsWith('TokenCount') && !isCount(count)) problems.push(`${where}.usageMetadata.${field}: not a token count`);
  }
  return problems;
}

export function geminiAnswerProblems(answer: JudgedAnswer): string[] {
  const problems: string[] = [];
  if (answer.status !== 200) {
    const body = parsed(answer.text, 'body', problems);
    const error = isRecord(body) ? body['error'] : undefined;
    return isRecord(error) && Number.isInteger(error['code']) && typeof error['message'] === 'string' && typeof error['status'] === 'string'
      ? problems
      : [...problems, 'an error answer needs {"error": {"code", "message", "status"}}'];
  }
  if (!answer.stream) return [...problems, ...generateContentProblems(parsed(answer.text, 'body', problems))];
  if (!answer.contentType.startsWith('text/event-stream')) return [`a stream must be text/event-stream, not ${answer.contentType}`];
  const events = sseEvents(answer.text);
  if (events.length === 0) problems.push('the stream holds no response');
  events.forEach(({ data }, position) => {
    const value = parsed(data, `event ${position}`, problems);
    // An error that ends a stream is written as Gemini's error object.
    if (isRecord(value) && isRecord(value['error'])) return;
    problems.push(...generateContentProblems(value, `event ${position}`));
  });
  return problems;
}
