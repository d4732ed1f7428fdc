import type { BotChatRunner } from '../onebot/model-as-bot/bot-chat-runner.js';
import type { ChatEngine } from '../gateway/chat-engine.js';
import type { Logger } from '../gateway/logger.js';
import { conversationHeader, type PluginService } from './plugin-service.js';
import { conversationScope, onebotOwner } from './jobs/result-inbox.js';

/**
 * Chat bots' turns through the plugin loop when their model has plugins. Async results are
 * handed to the listener as they finish — a bot posts them in the chat and keeps them in its
 * history — and taken out of the conversation's inbox, so the next turn does not get them twice.
 * `engine` gives the engine of the running configuration, which a reload replaces.
 *
 * Every turn, job, subscription and inbox of a chat is `onebotOwner`'s, never an anonymous
 * caller's: a chat's conversation id can be computed from outside, and an HTTP caller naming it
 * must reach none of the chat's results or jobs (nor post its own into the chat).
 */
export function pluginChatRunner(plugins: PluginService, engine: () => ChatEngine, logger: Logger): BotChatRunner {
  return {
    async stream(request, conversation, cancellation) {
      const turn = await plugins.prepare(request, { [conversationHeader]: conversation }, onebotOwner);
      // The owner also keeps the chat's cached answers and sticky deployment apart from callers'.
      const options = { cancellation, keyId: onebotOwner.id };
      return turn.plan !== undefined ? (await plugins.stream(turn, options)).value : (await engine().stream(turn.request, options)).value;
    },
    onLaterResult(conversation, listener) {
      const scope = conversationScope(onebotOwner.id, conversation);
      return plugins.backend.broadcast.subscribe(scope, (result) => {
        listener(result.text);
        plugins.backend.inbox.take(scope).catch((error: unknown) => logger.warn('plugin result left in the inbox', { conversation, error: String(error) }));
      });
    },
  };
}
