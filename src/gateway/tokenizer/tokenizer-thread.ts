import { parentPort } from 'node:worker_threads';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

/**
 * The tokenizer's own thread (tokenizer-client.ts): building OpenAI's o200k_base tokenizer takes
 * about a second of synchronous work, and tokenizing about 0.7 µs a character of English and 7
 * of Chinese, which on the event loop would hold every request in flight. Each message is a list
 * of texts; the answer is the token count of each.
 *
 * It runs at the process's own priority: a request waits for its counts (automatic cache
 * breakpoints, count_tokens), so a thread at the lowest priority starved whenever the machine was
 * busy. On two loaded cores its first count took 137 s of wall time for 2 s of CPU at nice 19.
 */
const tokenizer = new Tiktoken(o200kBase);

export interface CountMessage {
  id: number;
  texts: string[];
}

export type CountAnswer = { id: number; counts: number[] } | { id: number; error: string };

parentPort?.on('message', ({ id, texts }: CountMessage) => {
  let answer: CountAnswer;
  try {
    // A caller's text may hold a special token's spelling (`<|endoftext|>`): it is counted as the
    // text it is, where js-tiktoken's default would throw (`disallowedSpecial` "all").
    answer = { id, counts: texts.map((text) => tokenizer.encode(text, [], []).length) };
  } catch (error) {
    answer = { id, error: String(error) };
  }
  parentPort?.postMessage(answer);
});
