/**
 * Each answer judge refuses a recorded answer broken in one of the ways its rules name: without
 * this, a judge that passes everything would pass every recorded answer too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerJudges, type JudgedAnswer } from '../support/answer-rules/index.js';
import { readFixtureText } from '../support/fixtures.js';

const streamed = (text: string, contentType = 'text/event-stream'): JudgedAnswer => ({ stream: true, status: 200, contentType, text });
const whole = (body: unknown): JudgedAnswer => ({ stream: false, status: 200, contentType: 'application/json', text: JSON.stringify(body) });

/** The recorded stream with the events for which `drop` holds left out. */
function without(name: string, drop: (frame: string) => boolean): string {
  return readFixtureText(name).split(/\n\n/).filter((frame) => !drop(frame)).join('\n\n');
}

function refuses(dialect: keyof typeof answerJudges, answer: JudgedAnswer, expected: RegExp): void {
  const problems = answerJudges[dialect](answer);
  assert.ok(problems.some((problem) => expected.test(problem)), `expected ${String(expected)} among ${JSON.stringify(problems)}`);
}

test('anthropic: a stream without message_stop, a block never started or left open, a stop reason of another dialect, a tool input that is not JSON', () => {
  const tools = 'anthropic/fantasy-sonnet4-multi_tool_streaming.i0.response.sse';
  assert.deepEqual(answerJudges.anthropic(streamed(readFixtureText(tools))), []);
  refuses('anthropic', streamed(without(tools, (frame) => frame.includes('message_stop'))), /ends without message_stop/);
  refuses('anthropic', streamed(without(tools, (frame) => frame.includes('"content_block_start","index":0'))), /index 1, expected 0|not open/);
  refuses('anthropic', streamed(without(tools, (frame) => frame.includes('"content_block_stop","index":0'))), /while block 0 is open/);
  refuses('anthropic', streamed(readFixtureText(tools).replace('"stop_reason":"tool_use"', '"stop_reason":"tool_calls"')), /stop_reason "tool_calls"/);
  refuses('anthropic', streamed(readFixtureText(tools).replace(/"partial_json":"\{/, '"partial_json":"{{')), /do not join into a JSON object/);
  refuses('anthropic', whole({ id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'tool_use', id: 'call.1', name: 'f', input: {} }], stop_reason: 'tool_use', usage: { input_tokens: 1, output_tokens: 1 } }), /tool_use block needs an id/);
});

test('openai-chat: chunks of two ids, a stream without [DONE], arguments that are not JSON, a usage total that does not add up', () => {
  const tools = 'openai-chat/fantasy-gpt4o-multi_tool_streaming.i0.response.sse';
  assert.deepEqual(answerJudges['openai-chat'](streamed(readFixtureText(tools))), []);
  refuses('openai-chat', streamed(without(tools, (frame) => frame.includes('[DONE]'))), /without data: \[DONE\]/);
  const text = readFixtureText(tools);
  const id = /"id":"(chatcmpl-[^"]+)"/.exec(text)?.[1] ?? '';
  refuses('openai-chat', streamed(text.replace(new RegExp(`("id":")${id}(".*"finish_reason":"tool_calls")`), '$1other$2')), /differs from the stream's/);
  refuses('openai-chat', streamed(text.replace(/"arguments":"\{/, '"arguments":"{{')), /do not join into a JSON object/);
  refuses('openai-chat', whole({ id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 4 } }), /total_tokens 4/);
});

test('openai-responses: an event after the stream completed, an item done twice, a numbering that goes back', () => {
  const stream = 'openai-responses/fantasy-gpt5-multi_tool_streaming.i0.response.sse';
  const text = readFixtureText(stream);
  assert.deepEqual(answerJudges['openai-responses'](streamed(text)), []);
  const frames = text.split(/\n\n/).filter((frame) => frame.trim() !== '');
  const completed = frames.findIndex((frame) => frame.includes('response.completed'));
  const doneItem = frames.find((frame) => frame.startsWith('event: response.output_item.done')) ?? '';
  refuses('openai-responses', streamed([...frames.slice(0, completed), doneItem, ...frames.slice(completed)].join('\n\n')), /already done|does not increase/);
  refuses('openai-responses', streamed([...frames, frames[1]].join('\n\n')), /after response\.completed/);
  refuses('openai-responses', streamed(without(stream, (frame) => frame.includes('response.completed'))), /ends without response\.completed/);
});

test('gemini: a finish reason of another dialect, a part with two kinds of data, function arguments that are not an object', () => {
  const candidate = (part: unknown, finishReason = 'STOP') => whole({ candidates: [{ content: { role: 'model', parts: [part] }, finishReason }] });
  assert.deepEqual(answerJudges.gemini(candidate({ text: 'Hi' })), []);
  refuses('gemini', candidate({ text: 'Hi' }, 'end_turn'), /finishReason "end_turn"/);
  refuses('gemini', candidate({ text: 'Hi', functionCall: { name: 'f', args: {} } }), /one kind of data/);
  refuses('gemini', candidate({ functionCall: { name: 'f', args: '{"a":1}' } }), /args object/);
});

test('ollama: a stream whose last line is not done, a tool call whose arguments are a string', () => {
  const line = (done: boolean, extra: Record<string, unknown> = {}) => JSON.stringify({ model: 'm', created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content: 'Hi' }, done, ...extra });
  const final = { done_reason: 'stop', prompt_eval_count: 1, eval_count: 1 };
  assert.deepEqual(answerJudges.ollama(streamed(`${line(false)}\n${line(true, final)}\n`, 'application/x-ndjson')), []);
  refuses('ollama', streamed(`${line(false)}\n${line(false)}\n`, 'application/x-ndjson'), /done is false, expected true/);
  refuses('ollama', whole({ model: 'm', created_at: 't', message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '{}' } }] }, done: true, ...final }), /arguments as an object/);
});
