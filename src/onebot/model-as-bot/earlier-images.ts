import type { UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';

/** What an image of an earlier turn becomes in a chat's history. */
export const earlierImagePlaceholder = '[image from an earlier message, no longer shown]';

/**
 * A chat's history keeps an image only while the turn that answers its message runs; then the
 * image becomes `earlierImagePlaceholder`. The model sees the pictures of the message it is
 * answering and of no earlier one.
 *
 * Why memory rather than sight: what a chat member keeps of a picture posted a while ago is what
 * was said about it, and that stays, as the bot's own answer right after it. Keeping the picture
 * instead costs what a chat bot cannot afford: its bytes (a get_file answer is base64, up to a
 * WebSocket message each) would stay for every chat for as long as the message is in the
 * window, thirty turns by default across thousands of chats, and every later turn would send
 * them to the model again, paid for as input each time (an image URL is no better: it is fetched
 * again each turn, and enough of them would pass `images.maxImages` and fail the turn). Group
 * talk the bot only listens to already reaches the model as `[image]`. Someone who wants the bot
 * to look again sends the picture again, as with most chat bots.
 *
 * Returns the message with its images replaced, or `undefined` when it has none.
 */
export function withoutImages(message: Message): Message | undefined {
  if (message.role !== 'user' || !message.content.some((part) => part.type === 'image')) return undefined;
  const content = message.content.map((part): UserPart => (part.type === 'image' ? { type: 'text', text: earlierImagePlaceholder } : part));
  return { ...message, content };
}
