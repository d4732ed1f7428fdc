import type { AssistantPart, TextPart, ToolResultPart, UserPart } from './content.js';
import type { VendorData } from './vendor.js';

/**
 * One turn of the conversation. Tool results are their own role because two of three
 * dialects treat them so (OpenAI `tool`, Gemini `function` parts) and the third (Anthropic)
 * puts them first in a user turn, which its emitter does.
 * A `system` message in the middle of a conversation (OpenAI allows it) is kept in place;
 * dialects that only take one system prompt hoist it and warn.
 */
export type Message =
  | { role: 'system'; content: TextPart[]; vendor?: VendorData }
  | { role: 'user'; content: UserPart[]; vendor?: VendorData }
  | { role: 'assistant'; content: AssistantPart[]; vendor?: VendorData }
  | { role: 'tool'; content: ToolResultPart[]; vendor?: VendorData };

export type Role = Message['role'];
