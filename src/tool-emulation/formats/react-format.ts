/**
 * `react`: Thought / Action / Action Input / Observation, the loop of the ReAct paper (Yao et
 * al. 2022, arxiv.org/abs/2210.03629) in the wording of LangChain's ReAct agent prompt, which
 * many local models and agent tutorials are tuned on. `Thought:` and `Final Answer:` labels are
 * dropped from the answer (the words after them are the answer); `Observation:` is a stop
 * sequence, so the model waits for the real result instead of inventing one.
 */
import type { ToolDefinition } from '../../interlingua/tool.js';
import type { SegmentReading, SegmentScanner, ToolFormat } from '../tool-format.js';
import { rulesText } from '../call-rules.js';
import { unknownToolReason } from '../call-objects.js';
import { fence, tryParseJson, unfence } from '../json-text.js';
import { JsonEndScanner, NeedleFinder } from '../segment-scanners.js';

const action = 'Action:';
const actionInput = 'Action Input:';
const labels = ['Thought:', 'Final Answer:'];

export const reactFormat: ToolFormat = {
  name: 'react',
  instructions(tools, rules) {
    return (
      'Answer the following questions as best you can. You have access to the following tools:\n\n' +
      tools.map((tool) => `${tool.name}: ${tool.description ?? ''} Arguments (JSON Schema): ${JSON.stringify(tool.parameters)}`).join('\n') +
      '\n\nUse the following format:\n\n' +
      'Thought: you should always think about what to do\n' +
      `Action: the action to take, should be one of [${tools.map((tool) => tool.name).join(', ')}]\n` +
      'Action Input: the input to the action, as a JSON object\n' +
      'Observation: the result of the action\n' +
      '... (this Thought/Action/Action Input/Observation can repeat N times)\n' +
      'Thought: I now know the final answer\n' +
      'Final Answer: the final answer to the original input question\n\n' +
      'To take several actions at once, write several Action / Action Input pairs one after another, then stop. ' +
      'Never write an Observation yourself: it is given to you.' +
      rulesText(rules)
    );
  },
  renderCalls(calls) {
    return calls.map((call) => `${action} ${call.name}\n${actionInput} ${call.arguments === '' ? '{}' : call.arguments}`).join('\n');
  },
  renderResults(results) {
    return results.map((result) => `Observation: ${result.text}`).join('\n');
  },
  stopSequences: ['\nObservation:'],
  markers: () => [action, ...labels].map((text) => ({ text, lineStart: true })),
  segmentScanner: (marker) => (marker.text === action ? new ActionScanner() : labelScanner(marker.text)),
  readSegment(segment, marker, tools) {
    if (marker.text !== action) return { kind: 'text', text: '' };
    return readAction(segment, tools);
  },
};

/** A label ends with it, and with the one space after it when there is one. */
function labelScanner(label: string): SegmentScanner {
  let seen = 0;
  return {
    scan(text) {
      const at = label.length - seen;
      seen += text.length;
      if (at >= text.length) return undefined;
      return label.length + (text[at] === ' ' ? 1 : 0);
    },
  };
}

/**
 * `Action: name` then `Action Input:` and the input: a JSON object or array up to its closing
 * bracket, a fenced block up to its closing fence, or anything else up to the end of its line.
 */
class ActionScanner implements SegmentScanner {
  private seen = 0;
  private phase: 'label' | 'space' | 'backticks' | 'input' = 'label';
  private readonly inputLabel = new NeedleFinder(actionInput);
  /** Offset of the input's first character, once known. */
  private inputStart = 0;
  private backticks = 0;
  private input: SegmentScanner | undefined;
  /** The line scanner ends before its newline, not after it. */
  private endsBeforeNeedle = false;

  scan(text: string): number | undefined {
    const base = this.seen;
    this.seen += text.length;
    if (this.input !== undefined) return this.inputEnd(this.input.scan(text));
    let index = 0;
    if (this.phase === 'label') {
      const end = this.inputLabel.scan(text);
      if (end === undefined) return undefined;
      index = end - base;
      this.phase = 'space';
    }
    while (this.phase === 'space' && index < text.length) {
      if (!/\s/.test(text[index]!)) {
        this.inputStart = base + index;
        const first = text[index];
        if (first === '{' || first === '[') this.startInput(new JsonEndScanner(), false);
        else if (first === '`') this.phase = 'backticks';
        else this.startInput(new NeedleFinder('\n'), true);
        break;
      }
      index++;
    }
    // Three backticks open a fenced block; fewer begin an ordinary one-line input.
    while (this.phase === 'backticks' && index < text.length) {
      if (text[index] !== '`') this.startInput(new NeedleFinder('\n', this.backticks), true);
      else if (++this.backticks === fence.length) this.startInput(new NeedleFinder(fence, fence.length), false);
      index++;
    }
    if (this.input === undefined) return undefined;
    // The input scanner counts from the input's first character; only backticks of it may lie in earlier pieces.
    const fromInput = this.inputStart - base;
    return this.inputEnd(this.input.scan(fromInput >= 0 ? text.slice(fromInput) : '`'.repeat(-fromInput) + text));
  }

  private inputEnd(end: number | undefined): number | undefined {
    return end === undefined ? undefined : this.inputStart + end - (this.endsBeforeNeedle ? 1 : 0);
  }

  private startInput(scanner: SegmentScanner, endsBeforeNeedle: boolean): void {
    this.input = scanner;
    this.endsBeforeNeedle = endsBeforeNeedle;
    this.phase = 'input';
  }
}

const openingQuotes = new Set(['`', '"', "'", '[']);
const closingQuotes = new Set(['`', '"', "'", ']']);

/**
 * The name without the quotes or brackets a model puts around it (`[search]`, `"search"`). Cut
 * with two scans: a regex ending in `[…]+$` tried again from every quote of a long run, and a
 * model's 80 KB run of quotes held the event loop 6 s.
 */
function withoutQuoting(name: string): string {
  let start = 0;
  let end = name.length;
  while (start < end && openingQuotes.has(name[start]!)) start++;
  while (end > start && closingQuotes.has(name[end - 1]!)) end--;
  return name.slice(start, end);
}

function readAction(segment: string, tools: readonly ToolDefinition[]): SegmentReading {
  const inputAt = segment.indexOf(actionInput);
  const name = withoutQuoting((inputAt === -1 ? segment.slice(action.length) : segment.slice(action.length, inputAt)).trim());
  const tool = tools.find((candidate) => candidate.name === name);
  if (tool === undefined) return { kind: 'invalid', reason: unknownToolReason(name, tools), text: segment };
  const input = inputAt === -1 ? '' : unfence(segment.slice(inputAt + actionInput.length));
  if (input === '') return { kind: 'calls', calls: [{ name, arguments: '{}' }] };
  if (input.startsWith('{') || input.startsWith('[')) {
    const parsed = tryParseJson(input);
    if (!parsed.ok) return { kind: 'invalid', reason: `the Action Input of "${name}" is not valid JSON (${parsed.reason})`, text: segment };
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      return { kind: 'invalid', reason: `the Action Input of "${name}" is not a JSON object`, text: segment };
    }
    return { kind: 'calls', calls: [{ name, arguments: JSON.stringify(parsed.value) }] };
  }
  // LangChain's ReAct takes a plain string input; it can only mean the tool's one argument.
  const properties = Object.keys((tool.parameters['properties'] as Record<string, unknown> | undefined) ?? {});
  if (properties.length === 1) {
    const parsed = tryParseJson(input);
    const value = parsed.ok && typeof parsed.value !== 'object' ? parsed.value : input;
    return { kind: 'calls', calls: [{ name, arguments: JSON.stringify({ [properties[0]!]: value }) }] };
  }
  return { kind: 'invalid', reason: `the Action Input of "${name}" must be a JSON object of its arguments`, text: segment };
}

