import type { TextPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { ChatResponse } from '../interlingua/response.js';
import type { ResponseOwner } from './response-owner.js';

/**
 * One turn of a stored conversation, in the interlingua so it can be replayed to any upstream:
 * the system messages and messages the caller added in this turn, and the model's answer.
 * Instructions are not part of it: a turn that continues a response gives its own
 * (https://platform.openai.com/docs/api-reference/responses/create, `instructions`).
 */
export interface StoredTurn {
  system: TextPart[];
  messages: Message[];
  answer: Pick<ChatResponse, 'content'>;
}

/** A stored response, as kept and as read back. */
export interface StoredResponse {
  id: string;
  createdAt: number;
  model: string;
  previousResponseId: string | null;
  /** The key that made it (or anonymous): no one else may reach it. */
  owner: ResponseOwner;
  turn: StoredTurn;
  /** The response object the caller received. */
  body: unknown;
}
