import { parentPort } from 'node:worker_threads';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/**
 * The tokenizer's own thread (tokenizer-client.ts): loading OpenAI's o200k_base tokenizer takes
 * about 0.4 s of synchronous work, and tokenizing about 0.4 µs a character of English and 2 of
 * Chinese (measured on the project's README and on the Chinese documents it grew from), which on the event
 * loop would hold every request in flight. Each message is a list of texts; the answer is the
 * token count of each.
 *
 * It runs at the process's own priority: a request waits for its counts (automatic cache
 * breakpoints, count_tokens), so a thread at the lowest priority starved whenever the machine was
 * busy. On two loaded cores its first count took 137 s of wall time for 2 s of CPU at nice 19.
 */

/** No special token is special here: a text that spells one (`<|endoftext|>`) is counted as the text it is. */
const asText = { disallowedSpecial: new Set<string>(), allowedSpecial: new Set<string>() };

export interface CountMessage {
  id: number;
  texts: string[];
}

export type CountAnswer = { id: number; counts: number[] } | { id: number; error: string };

parentPort?.on('message', ({ id, texts }: CountMessage) => {
  let answer: CountAnswer;
  try {
    // The library's default refuses a text holding a special token's spelling (`disallowedSpecial` "all").
    answer = { id, counts: texts.map((text) => countTokens(text, asText)) };
  } catch (error) {
    answer = { id, error: String(error) };
  }
  parentPort?.postMessage(answer);
});
