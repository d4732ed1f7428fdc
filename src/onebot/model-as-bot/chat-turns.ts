/**
 * One answer at a time in each chat. A message that addresses the bot while the chat's answer is
 * under way waits for it, so the next turn reads that answer in its history instead of racing it;
 * of several that arrive meanwhile only the newest waits with its own turn, and the messages before
 * it are answered by that same turn (they are in its history), as a person would catch up on a
 * busy chat. However fast a chat writes, it has at most one model call running and one waiting.
 */
export class ChatTurns<Turn> {
  private readonly chats = new Map<string, ChatQueue<Turn>>();

  /** Chats with a turn running or waiting; read-only, for tests and diagnostics. */
  get busyChats(): number {
    return this.chats.size;
  }

  /** Whether `chat` has a turn running or waiting: a message to it then takes no more room than one waiting turn. */
  isBusy(chat: string): boolean {
    return this.chats.has(chat);
  }

  /**
   * Runs `answer(turn)` once `chat`'s turn under way is over. Resolves when the turn that answers
   * this message is over, whether it ran this message's turn or a newer message's that took its place.
   */
  schedule(chat: string, turn: Turn, answer: (turn: Turn) => Promise<void>): Promise<void> {
    const queue = this.chats.get(chat);
    if (queue === undefined) {
      const running = settled(answer(turn));
      this.chats.set(chat, { running });
      void running.then(() => this.finished(chat, running));
      return running;
    }
    if (queue.waiting !== undefined) {
      queue.waiting.turn = turn;
      return queue.waiting.done;
    }
    const waiting: Waiting<Turn> = {
      turn,
      done: queue.running.then(() => {
        queue.waiting = undefined;
        const running = settled(answer(waiting.turn));
        queue.running = running;
        void running.then(() => this.finished(chat, running));
        return running;
      }),
    };
    queue.waiting = waiting;
    return waiting.done;
  }

  private finished(chat: string, running: Promise<void>): void {
    const queue = this.chats.get(chat);
    if (queue !== undefined && queue.running === running && queue.waiting === undefined) this.chats.delete(chat);
  }
}

interface ChatQueue<Turn> {
  running: Promise<void>;
  waiting?: Waiting<Turn>;
}

interface Waiting<Turn> {
  /** The newest message waiting; a later one replaces it. */
  turn: Turn;
  done: Promise<void>;
}

/** A turn's failure is its own to report (bot-application.ts logs it): the queue only waits for it to end. */
function settled(work: Promise<void>): Promise<void> {
  return work.then(
    () => undefined,
    () => undefined,
  );
}
