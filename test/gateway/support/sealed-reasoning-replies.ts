/**
 * Responses answers for the tests of encrypted reasoning sealed for one account or resource: an
 * answer whose reasoning carries `encrypted_content`, then a call of tool `f`; and a short answer
 * for the turn after (the shape of OpenAI's `output`). With `ask`, what a Responses caller that
 * keeps its own history sends so that the reasoning comes back to it.
 */
import type { UpstreamReply } from '../../support/test-upstream.js';

export const tools = [{ type: 'function' as const, name: 'f', strict: false, parameters: { type: 'object', properties: {} } }];
export const ask = { include: ['reasoning.encrypted_content' as const], store: false, reasoning: { effort: 'low' as const }, tools };

/** Reasoning sealed as `sealed`, then a call of `f` with id `call_1`. */
export function reasoningThenCall(sealed: string): UpstreamReply {
  return {
    kind: 'json',
    body: {
      id: 'resp_1',
      object: 'response',
      created_at: 1,
      status: 'completed',
      model: 'gpt-5-mini',
      output: [
        { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Call f.' }], encrypted_content: sealed },
        { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'f', arguments: '{}' },
      ],
      usage: { input_tokens: 5, output_tokens: 10, total_tokens: 15 },
    },
  };
}

/** The answer `done`. */
export const done: UpstreamReply = {
  kind: 'json',
  body: {
    id: 'resp_2',
    object: 'response',
    created_at: 2,
    status: 'completed',
    model: 'gpt-5-mini',
    output: [{ id: 'msg_2', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'done', annotations: [] }] }],
    usage: { input_tokens: 5, output_tokens: 1, total_tokens: 6 },
  },
};
