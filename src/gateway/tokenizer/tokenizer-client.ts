import { Worker } from 'node:worker_threads';
import type { CountAnswer, CountMessage } from './tokenizer-thread.js';

/**
 * How long the tokenizer's thread stays after its last count. It holds about 90 MB (o200k_base's
 * ranks and a cache of merges) and takes about 0.4 s of a core to load, so it stays while
 * counts keep coming, and gives the memory back once they stop.
 */
const idleMs = 120_000;

/**
 * Token counts from the tokenizer's thread (tokenizer-thread.ts), started on first use and
 * shared by the process. It keeps the process alive only while a count is awaited, and ends
 * after `idleMs` without one; if it fails or exits, the counts awaited fail and the next count
 * starts a new thread.
 */
class TokenizerThread {
  private readonly worker = new Worker(new URL('./tokenizer-thread.js', import.meta.url));
  private readonly awaited = new Map<number, { resolve: (counts: number[]) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly ended: () => void) {
    this.worker.unref();
    this.worker.on('message', (answer: CountAnswer) => this.answered(answer));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`The tokenizer's thread exited (code ${code}).`)));
  }

  count(texts: string[]): Promise<number[]> {
    clearTimeout(this.idle);
    const id = this.nextId++;
    const message: CountMessage = { id, texts };
    return new Promise((resolve, reject) => {
      if (this.awaited.size === 0) this.worker.ref();
      this.awaited.set(id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  private answered(answer: CountAnswer): void {
    const waiting = this.awaited.get(answer.id);
    if (waiting === undefined) return;
    this.awaited.delete(answer.id);
    if (this.awaited.size === 0) {
      this.worker.unref();
      this.idle = setTimeout(() => this.fail(new Error('The tokenizer\'s thread ended while idle.')), idleMs).unref();
    }
    if ('counts' in answer) waiting.resolve(answer.counts);
    else waiting.reject(new Error(answer.error));
  }

  private fail(error: Error): void {
    clearTimeout(this.idle);
    this.ended();
    for (const waiting of this.awaited.values()) waiting.reject(error);
    this.awaited.clear();
    void this.worker.terminate();
  }
}

let thread: TokenizerThread | undefined;

/** The token count of each text, by OpenAI's o200k_base tokenizer. */
export function countTokensOfEach(texts: string[]): Promise<number[]> {
  if (texts.length === 0) return Promise.resolve([]);
  const current = (thread ??= new TokenizerThread(() => {
    if (thread === current) thread = undefined;
  }));
  return current.count(texts);
}
