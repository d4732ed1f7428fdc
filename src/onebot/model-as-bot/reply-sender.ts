import type { OnebotLink } from '../links/onebot-link.js';
import type { ActionResponse, Segment } from '../wire-types.js';
import { failedResponse } from '../retcodes.js';
import { sendTarget, type ChatRef } from './chat-ref.js';
import { peerId } from '../peer-id.js';
import { splitAtLength } from './length-split.js';

/** The message a reply answers: quoted, and its author mentioned, in chats with several people. */
export interface Trigger {
  messageId: string;
  userId: string;
}

/** Optional parts of a `ReplySender`. */
export interface ReplySenderOptions {
  /** The implementation's edit extension action, for `editLast`. */
  edit?: { action: string };
  /**
   * Called once when an action could not be sent at all (the link threw: not connected,
   * unreachable), as opposed to the implementation refusing it: the rest of the reply cannot
   * arrive either.
   */
  onUnreachable?: () => void;
}

/**
 * Sends one reply as one or more `send_message` actions
 * (https://12.onebot.dev/interface/message/actions/), in order even when pieces are handed over
 * faster than they are sent. The first message of a group reply quotes the triggering message
 * (`reply`) and mentions its author; every piece is cut at the platform's length limit. It keeps
 * the text of what the implementation accepted, so a chat's history holds what its members read,
 * not what the model wrote for a connection that was gone.
 */
export class ReplySender {
  readonly sentMessageIds: string[] = [];
  /** The model's text in each message the implementation accepted (an edit replaces its message's). */
  private readonly delivered: string[] = [];
  private queue: Promise<void> = Promise.resolve();
  private first = true;
  private failure: string | undefined;
  private unreachable = false;

  constructor(
    private readonly link: OnebotLink,
    private readonly chat: ChatRef,
    private readonly trigger: Trigger | undefined,
    private readonly maxMessageLength: number,
    private readonly options: ReplySenderOptions = {},
  ) {}

  /**
   * Queues text to go out as new messages. A `note` (a notice of the gateway's, not the
   * model's words) ends the last message, or is a message of its own when that would pass the
   * length limit; it is not counted as delivered text.
   */
  send(text: string, note?: string): Promise<void> {
    const pieces: Array<{ said: string; note?: string }> = splitAtLength(text, this.maxMessageLength).map((said) => ({ said }));
    if (note !== undefined) {
      const last = pieces.at(-1);
      if (last !== undefined && Array.from(`${last.said} ${note}`).length <= this.maxMessageLength) last.note = note;
      else pieces.push({ said: '', note });
    }
    for (const piece of pieces) this.enqueue(() => this.sendOne(piece.said, piece.note));
    return this.queue;
  }

  /**
   * Runs `step` after what is queued. A step that throws (a reply the code did not expect) is the
   * answer's failure, and the queue goes on: callers drop the promise `send` returns, so a rejected
   * queue would be an unhandled rejection, which ends the process.
   */
  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(step).catch((error: unknown) => {
      this.failure ??= `sending failed: ${error instanceof Error ? error.message : 'an unexpected error'}`;
    });
  }

  /** The model's text that reached the chat, message by message, joined with spaces. */
  deliveredText(): string {
    return this.delivered.filter((said) => said !== '').join(' ');
  }

  /**
   * Rewrites the last message sent with `whole`, through an implementation's edit extension
   * action (the standard has none). `whole` must fit the length limit; the caller sends a new
   * message instead when it would not.
   */
  editLast(whole: string): Promise<void> {
    const edit = this.options.edit;
    if (edit === undefined) return this.send(whole);
    this.enqueue(async () => {
      const last = this.sentMessageIds.at(-1);
      if (last === undefined) return this.sendOne(whole);
      const response = await this.link
        .call(edit.action, { ...sendTarget(this.chat), message_id: last, message: this.decorate(whole, this.sentMessageIds.length === 1) }, this.chat.self)
        .catch((error: unknown) => this.lost(error));
      if (response.retcode !== 0) this.failure ??= `${edit.action} failed: ${response.retcode} ${response.message}`;
      else this.delivered[this.delivered.length - 1] = whole;
    });
    return this.queue;
  }

  /** Resolves when everything queued has been sent; the text of the first failure, if any. */
  async done(): Promise<string | undefined> {
    await this.queue;
    return this.failure;
  }

  private async sendOne(said: string, note?: string): Promise<void> {
    // Once the link is gone every later piece would fail the same way: none is tried.
    if (this.unreachable) return;
    const first = this.first;
    this.first = false;
    const text = note === undefined ? said : said === '' ? note : `${said} ${note}`;
    const response = await this.link
      .call('send_message', { ...sendTarget(this.chat), message: this.decorate(text, first) }, this.chat.self)
      .catch((error: unknown) => this.lost(error));
    if (response.retcode !== 0) {
      this.failure ??= `send_message failed: ${response.retcode} ${response.message}`;
      return;
    }
    this.delivered.push(said);
    const data = response.data as { message_id?: unknown } | null;
    const messageId = peerId(data?.message_id);
    if (messageId !== undefined) this.sentMessageIds.push(messageId);
  }

  /** The link threw instead of answering: noted once, and read as a failed response. */
  private lost(error: unknown): ActionResponse {
    if (!this.unreachable) {
      this.unreachable = true;
      this.options.onUnreachable?.();
    }
    return failedResponse(-1, String(error));
  }

  private decorate(text: string, first: boolean): Segment[] {
    const segments: Segment[] = [];
    if (first && this.trigger !== undefined && this.chat.detailType !== 'private') {
      segments.push({ type: 'reply', data: { message_id: this.trigger.messageId, user_id: this.trigger.userId } });
      segments.push({ type: 'mention', data: { user_id: this.trigger.userId } });
      segments.push({ type: 'text', data: { text: ` ${text}` } });
    } else segments.push({ type: 'text', data: { text } });
    return segments;
  }
}
