/**
 * `hermes`: calls in `<tool_call>{"name": …, "arguments": …}</tool_call>` tags, tools listed in
 * `<tools></tools>` and results returned in `<tool_response></tool_response>`, the format Nous
 * Research published for Hermes 2 Pro (github.com/NousResearch/Hermes-Function-Calling) that the
 * Qwen2.5 and Qwen3 chat templates use too, so those models already know it.
 */
import type { ToolFormat } from '../tool-format.js';
import { argumentsObject, rulesText, toolSignature } from '../call-rules.js';
import { readCallJson } from '../call-objects.js';
import { unfence } from '../json-text.js';
import { NeedleFinder } from '../segment-scanners.js';

const open = '<tool_call>';
const close = '</tool_call>';

export const hermesFormat: ToolFormat = {
  name: 'hermes',
  instructions(tools, rules) {
    return (
      'You may call one or more functions to assist with the user query. The function signatures are within <tools></tools> XML tags:\n<tools>\n' +
      tools.map((tool) => JSON.stringify({ type: 'function', function: toolSignature(tool) })).join('\n') +
      '\n</tools>\n\nFor each function call, return a JSON object with the function name and arguments within <tool_call></tool_call> XML tags:\n' +
      `${open}\n{"name": <function-name>, "arguments": <args-json-object>}\n${close}` +
      rulesText(rules)
    );
  },
  renderCalls(calls) {
    return calls.map((call) => `${open}\n${JSON.stringify({ name: call.name, arguments: argumentsObject(call.arguments) })}\n${close}`).join('\n');
  },
  renderResults(results) {
    return results.map((result) => `<tool_response>\n${JSON.stringify({ name: result.name, content: result.text })}\n</tool_response>`).join('\n');
  },
  stopSequences: [],
  markers: () => [{ text: open, lineStart: false }],
  segmentScanner: () => new NeedleFinder(close, open.length),
  readSegment(segment, _marker, tools) {
    const body = unfence(segment.slice(open.length).replace(close, ''));
    const read = readCallJson(body, tools);
    if (read.kind === 'calls') return read;
    const reason = read.kind === 'invalid' ? read.reason : `a ${open} block must hold {"name": …, "arguments": {…}}`;
    return { kind: 'invalid', reason, text: segment };
  },
};
