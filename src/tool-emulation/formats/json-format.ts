/**
 * `json`: the plainest format, for any instruction-following model trained on no tool format.
 * The model answers a call with one JSON object `{"tool_calls": [{"name", "arguments"}]}` (a
 * bare `{"name", "arguments"}` is taken too), fenced or not, with or without prose around it.
 *
 * An object is held back until it closes: whether it is a call cannot be known sooner, since the
 * keys that make it one may come last (`{"id": …, "type": "function", "function": {…}}`, the
 * OpenAI wire shape models echo, or `{"arguments": …, "name": …}`), and a call must never reach
 * the caller as text. A brace that opens no JSON object (prose, code) is let go at once.
 */
import type { ToolFormat } from '../tool-format.js';
import { argumentsObject, rulesText, toolSignature } from '../call-rules.js';
import { readCallJson } from '../call-objects.js';
import type { SegmentScanner } from '../tool-format.js';
import { JsonEndScanner } from '../segment-scanners.js';

export const jsonFormat: ToolFormat = {
  name: 'json',
  instructions(tools, rules) {
    return (
      'You can call the following tools. Each is given as a JSON object with its name, a description and a JSON Schema of its arguments:\n' +
      tools.map((tool) => JSON.stringify(toolSignature(tool))).join('\n') +
      '\n\nTo call tools, reply with only this JSON object and nothing else:\n' +
      '{"tool_calls": [{"name": "<tool name>", "arguments": {<arguments as a JSON object>}}]}\n' +
      'List several calls in "tool_calls" to call several tools at once. The results come back in the next message. ' +
      'When no tool is needed, answer in plain text.' +
      rulesText(rules)
    );
  },
  renderCalls(calls) {
    return JSON.stringify({ tool_calls: calls.map((call) => ({ name: call.name, arguments: argumentsObject(call.arguments) })) });
  },
  renderResults(results) {
    return JSON.stringify({ tool_results: results.map((result) => ({ name: result.name, ...(result.isError ? { error: true } : {}), content: result.text })) });
  },
  stopSequences: [],
  markers: () => [{ text: '{', lineStart: false }],
  segmentScanner: () => jsonObjectScanner(),
  readSegment(segment, _marker, tools) {
    // The scanner's lone brace, where no object starts: prose, read without a parse that throws.
    if (segment === '{') return { kind: 'text', text: segment };
    const read = readCallJson(segment, tools);
    if (read.kind === 'calls') return read;
    if (read.kind === 'invalid') return { kind: 'invalid', reason: read.reason, text: segment };
    return { kind: 'text', text: segment };
  },
};

/**
 * The end of the object the `{` marker opens; or just the brace, when the next character that is
 * not whitespace shows no JSON object starts there (a JSON object's first key is a string), so
 * prose or code with braces is not held back until a matching brace that may never come.
 */
function jsonObjectScanner(): SegmentScanner {
  const object = new JsonEndScanner();
  let seen = 0;
  let decided = false;
  return {
    scan(text) {
      for (let index = seen === 0 ? 1 : 0; !decided && index < text.length; index++) {
        const character = text[index]!;
        if (/\s/.test(character)) continue;
        decided = true;
        if (character !== '"' && character !== '}') return 1;
      }
      seen += text.length;
      return object.scan(text);
    },
  };
}
