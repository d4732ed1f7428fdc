import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

/**
 * The tokenizer's own thread (tokenizer-client.ts): building OpenAI's o200k_base tokenizer takes
 * about a second of synchronous work, and tokenizing about 0.7 µs a character of English and 7
 * of Chinese, which on the event loop would hold every request in flight. Each message is a list
 * of texts; the answer is the token count of each.
 */
lowerThisThreadsPriority();
const tokenizer = new Tiktoken(o200kBase);

/**
 * Counting is never urgent, and its second of building would take a core from the event loop on
 * a small machine: on Linux this thread runs at the lowest priority (a thread's id set with
 * setpriority(2) sets that thread's nice value, https://man7.org/linux/man-pages/man2/setpriority.2.html,
 * "Bugs": the threads of a process do not share one; /proc/thread-self names it, proc(5)). Elsewhere it runs as it is.
 */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(threadId)) setPriority(threadId, constants.priority.PRIORITY_LOW);
  } catch {
    // no /proc (not Linux), or not allowed: the thread keeps the process's priority
  }
}

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
