/**
 * The end-user id for `metadata.user_id`. The interlingua's `user` is one; an OpenAI caller may send
 * `safety_identifier` in its stead, which "supersedes the previous user parameter which was
 * previously present for the same purpose"
 * (https://help.openai.com/en/articles/5428082-how-to-incorporate-a-safety-identifier), as
 * `metadata.user_id` is Anthropic's "external identifier for the user … Anthropic may use this id
 * to help detect abuse" (https://docs.claude.com/en/api/messages). So without a `user`, the first
 * OpenAI dialect's `safety_identifier` is the id, and it is no longer reported as left out. The
 * OpenAI dialects keep it in their vendor data (openai-family/shared-request-fields.ts); their
 * names are spelled here because no dialect imports another.
 */
import type { ChatRequest } from '../../interlingua/request.js';
import type { VendorData } from '../../interlingua/vendor.js';

const openaiDialects = ['openai-responses', 'openai-chat'] as const;

export interface EndUser {
  user: string | undefined;
  /** The request's vendor data without the field taken, for reporting what is left. */
  vendor: VendorData | undefined;
}

export function endUserOf(request: ChatRequest): EndUser {
  if (request.user !== undefined || request.vendor === undefined) return { user: request.user, vendor: request.vendor };
  for (const dialect of openaiDialects) {
    const fields = request.vendor[dialect];
    const identifier = fields?.['safety_identifier'];
    if (fields === undefined || typeof identifier !== 'string' || identifier === '') continue;
    const { safety_identifier: _taken, ...rest } = fields;
    const vendor: VendorData = { ...request.vendor };
    if (Object.keys(rest).length > 0) vendor[dialect] = rest;
    else delete vendor[dialect];
    return { user: identifier, vendor };
  }
  return { user: undefined, vendor: request.vendor };
}
