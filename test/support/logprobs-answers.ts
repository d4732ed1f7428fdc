/**
 * The recorded OpenAI answers that say "Olá!", given token logprobs the recordings lack: the same
 * two tokens, each with two alternatives, for every test of logprobs carried across dialects.
 */
import { readFixtureJson, readFixtureText } from './fixtures.js';

export const ola = { token: 'Olá', logprob: -0.0021, bytes: [79, 108, 195, 161], top_logprobs: [{ token: 'Olá', logprob: -0.0021, bytes: [79, 108, 195, 161] }, { token: 'Oi', logprob: -6.25, bytes: [79, 105] }] };
export const bang = { token: '!', logprob: -0.31, bytes: [33], top_logprobs: [{ token: '!', logprob: -0.31, bytes: [33] }, { token: ',', logprob: -1.32, bytes: [44] }] };

/** test/fixtures/recorded/openai-chat/fantasy-gpt4o-simple.response.json, answering "Olá!" with logprobs. */
export function chatAnswerWithLogprobs(): unknown {
  const body = readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') as { choices: Array<Record<string, unknown>> };
  const choice = body.choices[0] as { message: { content: string }; logprobs: unknown };
  choice.message.content = 'Olá!';
  choice.logprobs = { content: [ola, bang], refusal: null };
  return body;
}

/** test/fixtures/recorded/openai-chat/fantasy-gpt4o-simple_streaming.response.sse ("Olá", "!"), each content chunk with its token's logprobs. */
export function chatStreamWithLogprobs(): string {
  const entries = [ola, bang];
  return readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse')
    .split('\n')
    .map((line) => (/"delta":\{"content":"[^"]+"\}/.test(line) ? line.replace('"logprobs":null', `"logprobs":${JSON.stringify({ content: [entries.shift()], refusal: null })}`) : line))
    .join('\n');
}

/** test/fixtures/recorded/openai-responses/fantasy-gpt5-simple.response.json ("Olá!"), its `output_text` with logprobs. */
export function responsesAnswerWithLogprobs(): unknown {
  const body = readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') as { output: Array<{ type: string; content?: Array<Record<string, unknown>> }> };
  const part = body.output.find((item) => item.type === 'message')?.content?.[0];
  if (part === undefined) throw new Error('the fixture has no output_text');
  part['logprobs'] = [ola, bang];
  return body;
}
