/**
 * `chatglm3`: the tool format ChatGLM3 was trained on (github.com/THUDM/ChatGLM3, PROMPT_en.md,
 * "Tool Calling"). The system prompt is "Answer the following questions as best as you can. You
 * have access to the following tools:" and the tools as a JSON list; a call is the tool's name on
 * the assistant's header line, then a Python block `tool_call(name=value, …)`; results come back
 * in an `<|observation|>` turn. Over a chat API the header tokens are not text, so a call is read
 * as a line holding a tool's name followed by that block, and results come back in a user turn.
 */
import type { ToolFormat } from '../tool-format.js';
import { argumentsObject, rulesText, toolSignature } from '../call-rules.js';
import { unknownToolReason } from '../call-objects.js';
import { fence, tryParseJson, unfence } from '../json-text.js';
import { pythonLiteral, readPythonCall } from '../python-literals.js';
import { NeedleFinder } from '../segment-scanners.js';

/** The header token a server may leave in the text when it does not strip special tokens. */
const assistantHeader = '<|assistant|>';

export const chatglm3Format: ToolFormat = {
  name: 'chatglm3',
  instructions(tools, rules) {
    return (
      'Answer the following questions as best as you can. You have access to the following tools:\n' +
      JSON.stringify(tools.map(toolSignature), null, 4) +
      '\n\nTo call a tool, write its name alone on a line, then a python block that calls tool_call with the arguments as keyword arguments:\n' +
      `<tool name>\n${fence}python\ntool_call(argument=value, ...)\n${fence}` +
      rulesText(rules)
    );
  },
  renderCalls(calls) {
    return calls
      .map((call) => {
        const value = argumentsObject(call.arguments);
        const keywords = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
        return `${call.name}\n${fence}python\ntool_call(${keywords.map(([key, item]) => `${key}=${pythonLiteral(item)}`).join(', ')})\n${fence}`;
      })
      .join('\n');
  },
  renderResults(results) {
    return results.map((result) => `Observation (${result.name}):\n${result.text}`).join('\n');
  },
  stopSequences: [],
  markers: (tools) =>
    tools.flatMap((tool) => [
      { text: `${tool.name}\n${fence}`, lineStart: true },
      { text: `${assistantHeader}${tool.name}\n${fence}`, lineStart: false },
    ]),
  // Every marker ends with the block's opening fence; the call ends with the next one.
  segmentScanner: (marker) => new NeedleFinder(fence, marker.text.indexOf(fence) + fence.length),
  readSegment(segment, _marker, tools) {
    const withoutHeader = segment.startsWith(assistantHeader) ? segment.slice(assistantHeader.length) : segment;
    const newline = withoutHeader.indexOf('\n');
    const name = withoutHeader.slice(0, newline).trim();
    if (!tools.some((tool) => tool.name === name)) return { kind: 'invalid', reason: unknownToolReason(name, tools), text: segment };
    const body = unfence(withoutHeader.slice(newline + 1));
    if (body.startsWith('{')) {
      const parsed = tryParseJson(body);
      if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)) {
        return { kind: 'calls', calls: [{ name, arguments: JSON.stringify(parsed.value) }] };
      }
      return { kind: 'invalid', reason: `the arguments of "${name}" are not a JSON object`, text: segment };
    }
    const call = readPythonCall(body);
    if (!call.ok) return { kind: 'invalid', reason: `the call of "${name}" is not tool_call(name=value, …): ${call.reason}`, text: segment };
    return { kind: 'calls', calls: [{ name, arguments: JSON.stringify(call.value) }] };
  },
};
