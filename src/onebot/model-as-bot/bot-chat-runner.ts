import type { ChatRequest } from '../../interlingua/request.js';
import type { Cancellation } from '../../gateway/cancellation.js';
import type { OpenedStream } from '../../gateway/chat-engine.js';

/**
 * How a bot's turn reaches its model: straight through the engine, or through the plugin loop
 * when the model has plugins, whose async results arrive later and are posted in the chat.
 */
export interface BotChatRunner {
  /** Streams the model's answer to one turn of `conversation` (a stable id per chat). */
  stream(request: ChatRequest, conversation: string, cancellation: Cancellation): Promise<OpenedStream>;
  /** Calls `listener` with each later result of work started in `conversation`; returns the unsubscribe. */
  onLaterResult?(conversation: string, listener: (text: string) => void): () => void;
  /**
   * The runner for one configured bot (`botIdentity`), whose turns, jobs, later results, cached
   * answers and sticky routing are that bot's own; a runner that keeps nothing per owner has none.
   */
  forBot?(bot: string): BotChatRunner;
}
