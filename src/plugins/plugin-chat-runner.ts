import type { BotChatRunner } from '../onebot/model-as-bot/bot-chat-runner.js';
import type { ChatEngine, OpenedStream } from '../gateway/chat-engine.js';
import type { Cancellation } from '../gateway/cancellation.js';
import type { Logger } from '../gateway/logger.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import { conversationHeader, type PluginService } from './plugin-service.js';
import { conversationScope, onebotOwner, onebotOwnerOf, type ConversationOwner } from './jobs/result-inbox.js';
import type { CarriedResults } from './jobs/carried-results.js';

/**
 * Chat bots' turns through the plugin loop when their model has plugins. Async results are
 * handed to the listener as they finish — a bot posts them in the chat and keeps them in its
 * history — and taken out of the conversation's inbox, so the next turn does not get them twice.
 * `engine` gives the engine of the running configuration, which a reload replaces.
 *
 * Every turn, job, subscription and inbox of a chat is its bot's owner's (`forBot`), never an
 * anonymous caller's nor another bot's: a chat's conversation id can be computed from outside,
 * and neither an HTTP caller naming it nor a second configured bot whose implementation claims
 * the same account and chat may reach the chat's results or jobs (nor post its own into it).
 */
export function pluginChatRunner(plugins: PluginService, engine: () => ChatEngine, logger: Logger): BotChatRunner {
  return { ...ownedBy(onebotOwner, plugins, engine, logger), forBot: (bot) => ownedBy(onebotOwnerOf(bot), plugins, engine, logger) };
}

function ownedBy(owner: ConversationOwner, plugins: PluginService, engine: () => ChatEngine, logger: Logger): BotChatRunner {
  return {
    async stream(request, conversation, cancellation) {
      const turn = await plugins.prepare(request, { [conversationHeader]: conversation }, owner);
      // The owner also keeps the chat's cached answers and sticky deployment apart from callers' and other bots'.
      const options = { cancellation, keyId: owner.id };
      let opened: OpenedStream;
      try {
        opened = turn.plan !== undefined ? (await plugins.stream(turn, options)).value : (await engine().stream(turn.request, options)).value;
      } catch (error) {
        await turn.carried?.undelivered();
        throw error;
      }
      return turn.carried === undefined ? opened : settledWithStream(opened, turn.carried, cancellation);
    },
    onLaterResult(conversation, listener) {
      const scope = conversationScope(owner.id, conversation);
      return plugins.backend.broadcast.subscribe(scope, (result) => {
        listener(result.text);
        plugins.backend.inbox.take(scope).catch((error: unknown) => logger.warn('plugin result left in the inbox', { conversation, error: String(error) }));
      });
    },
  };
}

/**
 * The turn's carried results are delivered when the bot has read its stream to a clean end; a
 * stream that carries an error, or a turn stopped midway (the link closed, a shutdown), leaves
 * them for the chat's next turn. The bot stops reading without telling the stream, so the stop
 * is learned from the turn's cancellation.
 */
function settledWithStream(opened: OpenedStream, carried: CarriedResults, cancellation: Cancellation): OpenedStream {
  const failed = (events: StreamEvent[]) => events.some((event) => event.type === 'error');
  if (failed(opened.first)) void carried.undelivered();
  if (cancellation.aborted) void carried.undelivered();
  else cancellation.once('abort', () => void carried.undelivered());
  return {
    first: opened.first,
    rest: {
      async next() {
        let next;
        try {
          next = await opened.rest.next();
        } catch (error) {
          await carried.undelivered();
          throw error;
        }
        if (next.done) await carried.delivered();
        else if (failed(next.value)) await carried.undelivered();
        return next;
      },
      async return() {
        await carried.undelivered();
        return (await opened.rest.return?.(undefined)) ?? { done: true, value: undefined };
      },
    },
  };
}
