/**
 * The images of a OneBot message cost a `get_file` each and, as base64, memory the size of the
 * image, and a message may carry any number of them. A bot reads at most `images.maxImages` of one
 * message and `images.maxTotalBytes` of their bytes (the keys that bound a request's image URLs),
 * leaving the rest as placeholders; and once the turn that answers a message is over its images
 * leave the chat's history (src/onebot/model-as-bot/earlier-images.ts says why), so they are
 * neither kept for thirty turns nor sent to the model again on each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { oneEventBatch } from '../../src/gateway/upstream-events.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import { BotApplication, defaultBotApplicationBounds } from '../../src/onebot/model-as-bot/bot-application.js';
import type { BotChatRunner } from '../../src/onebot/model-as-bot/bot-chat-runner.js';
import type { ImageLimits } from '../../src/onebot/model-as-bot/message-images.js';
import { earlierImagePlaceholder } from '../../src/onebot/model-as-bot/earlier-images.js';
import type { OnebotLink } from '../../src/onebot/links/onebot-link.js';
import type { ActionResponse } from '../../src/onebot/wire-types.js';

/** 1 KiB that starts like a PNG. */
const png = Buffer.alloc(1024, 7);
Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
const pngBase64 = png.toString('base64');

interface Bot {
  application: BotApplication;
  requests: ChatRequest[];
  fileRequests: string[];
  say(messageId: string, segments: unknown[]): Promise<void>;
}

function startBot(images: ImageLimits): Bot {
  const requests: ChatRequest[] = [];
  const fileRequests: string[] = [];
  const runner: BotChatRunner = {
    async stream(request) {
      requests.push(request);
      return { first: [], rest: oneEventBatch([{ type: 'text-delta', id: 't', delta: 'I see pictures.' }]) };
    },
  };
  const link: OnebotLink = {
    description: 'test link',
    async call(action, params): Promise<ActionResponse> {
      if (action === 'get_file') {
        fileRequests.push(String(params.file_id));
        return { status: 'ok', retcode: 0, data: { name: 'a.png', data: pngBase64 }, message: '' };
      }
      return { status: 'ok', retcode: 0, data: { message_id: `sent-${requests.length}` }, message: '' };
    },
  };
  const config = resolveConfig({ providers: {}, models: {}, onebot: { bots: [{ transport: 'webhook', url: '/onebot', model: 'm', replyMode: 'whole' }] } }).onebot?.bots[0];
  assert.ok(config);
  const application = new BotApplication(config, runner, silentLogger, undefined, { ...defaultBotApplicationBounds, images });
  const say = (messageId: string, segments: unknown[]) =>
    application.handleEvent({ id: `e-${messageId}`, time: 1, type: 'message', detail_type: 'private', sub_type: '', self: { platform: 'qq', user_id: 'bot-1' }, message_id: messageId, message: segments, alt_message: '', user_id: 'user-1' }, link);
  return { application, requests, fileRequests, say };
}

const text = (value: string) => ({ type: 'text', data: { text: value } });
const images = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => ({ type: 'image', data: { file_id: `${prefix}-${index}` } }));

/** The last user message of a request: how many image parts it has, and its text. */
function lastUserMessage(request: ChatRequest | undefined): { images: number; text: string } {
  const message = request?.messages.filter((each) => each.role === 'user').at(-1);
  const parts = message?.role === 'user' ? message.content : [];
  return { images: parts.filter((part) => part.type === 'image').length, text: parts.map((part) => (part.type === 'text' ? part.text : '')).join(' ') };
}

test('past images.maxImages of one message, no get_file is sent and the rest stay placeholders', async () => {
  const bot = startBot({ maxImages: 2, maxTotalBytes: 1024 * 1024 });
  await bot.say('m-1', [text('what are these?'), ...images(5, 'f')]);
  assert.deepEqual(bot.fileRequests, ['f-0', 'f-1']);
  const seen = lastUserMessage(bot.requests[0]);
  assert.equal(seen.images, 2);
  assert.equal(seen.text.match(/\[image\]/g)?.length, 3);
});

test('once the bytes read pass images.maxTotalBytes, the image over it and the rest stay placeholders', async () => {
  const bot = startBot({ maxImages: 100, maxTotalBytes: 2_500 });
  await bot.say('m-1', [text('what are these?'), ...images(5, 'f')]);
  assert.deepEqual(bot.fileRequests, ['f-0', 'f-1', 'f-2'], 'the third passes the budget; none is asked for after it');
  assert.equal(lastUserMessage(bot.requests[0]).images, 2);
});

test("a message's images reach the model in the turn that answers it, and only as a placeholder in later turns", async () => {
  const bot = startBot({ maxImages: 100, maxTotalBytes: 1024 * 1024 });
  await bot.say('m-1', [text('what is this?'), ...images(1, 'a')]);
  await bot.say('m-2', [text('and its colour?')]);
  await bot.say('m-3', [text('and this one?'), ...images(1, 'b')]);
  assert.equal(lastUserMessage(bot.requests[0]).images, 1, 'the first turn sees its image');
  const [earlier] = bot.requests[1]?.messages ?? [];
  assert.deepEqual(earlier, { role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'text', text: earlierImagePlaceholder }] });
  const third = bot.requests[2]?.messages ?? [];
  const imagesIn = (message: (typeof third)[number]) => (message.role === 'user' ? message.content.filter((part) => part.type === 'image').length : 0);
  assert.equal(third.reduce((sum, message) => sum + imagesIn(message), 0), 1, 'only the newest message keeps its image');
  assert.equal(lastUserMessage(bot.requests[2]).images, 1);
});
