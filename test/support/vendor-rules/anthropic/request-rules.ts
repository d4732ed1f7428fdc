/**
 * Anthropic Messages: the request's own fields and the shape of its turns.
 * Not rules, on purpose: Anthropic takes consecutive turns of one role ("Consecutive user or
 * assistant turns in your request will be combined into a single turn.",
 * https://docs.claude.com/en/api/messages, `messages`) and, on its own API, a first turn that is
 * the assistant's (a Haiku request opening with an assistant turn is served by api.anthropic.com
 * and refused only by Bedrock: https://github.com/anthropics/anthropic-sdk-typescript/issues/622).
 */
import { isRecord, type VendorRule } from '../rule.js';
import { isCountTokens, onBody, firstOf, listOf } from './body.js';

export const requestRules: VendorRule[] = [
  {
    id: 'anthropic.max_tokens.required',
    // https://docs.anthropic.com/en/api/messages: "max_tokens integer required". count_tokens takes no max_tokens.
    source: 'docs.anthropic.com/en/api/messages (max_tokens: required)',
    check: (request) => {
      const body = request.body;
      return isRecord(body) && !isCountTokens(request) && !Number.isInteger(body['max_tokens']) ? 'max_tokens: Field required' : undefined;
    },
  },
  {
    id: 'anthropic.max_tokens.minimum',
    // https://docs.anthropic.com/en/api/messages: "max_tokens integer required … x >= 1".
    source: 'docs.anthropic.com/en/api/messages (max_tokens: x >= 1)',
    check: onBody((body) => (typeof body['max_tokens'] === 'number' && body['max_tokens'] < 1 ? 'max_tokens: Input should be greater than or equal to 1' : undefined)),
  },
  {
    id: 'anthropic.messages.required',
    // https://docs.latitude.so/guides/prompt-manager/provider-rules/anthropic: "if you don't add at least a
    // user or assistant message, the list of messages sent to anthropic would be empty, which would result in an error".
    source: 'docs.latitude.so/guides/prompt-manager/provider-rules/anthropic (an empty messages list is an error)',
    check: onBody((body) => (!Array.isArray(body['messages']) || body['messages'].length === 0 ? 'messages: at least one message is required' : undefined)),
  },
  {
    id: 'anthropic.messages.shape',
    // Recorded: test/fixtures/recorded/anthropic/dd-error-400.{request,response}.json — a message that is a
    // bare string is refused with "messages.0: Input does not match the expected shape."
    source: 'test/fixtures/recorded/anthropic/dd-error-400.response.json',
    check: onBody((body) =>
      firstOf(Array.isArray(body['messages']) ? body['messages'] : [], (message: unknown, index) => {
        const content = isRecord(message) ? message['content'] : undefined;
        const shaped = typeof content === 'string' || (Array.isArray(content) && content.every(isRecord));
        return shaped ? undefined : `messages.${index}: Input does not match the expected shape.`;
      }),
    ),
  },
  {
    id: 'anthropic.messages.system-role',
    // Real 400 quoted in https://github.com/ianarawjo/ChainForge/issues/271: "messages: Unexpected role \"system\".
    // The Messages API accepts a top-level `system` parameter, not \"system\" as an input message role."
    source: 'github.com/ianarawjo/ChainForge/issues/271 (recorded 400 body)',
    check: onBody((body) =>
      listOf(body['messages']).some((message) => isRecord(message) && message['role'] === 'system')
        ? 'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.'
        : undefined,
    ),
  },
  {
    id: 'anthropic.messages.role',
    // https://docs.claude.com/en/api/messages: messages[].role "enum<string> required. Available options: user, assistant".
    source: 'docs.claude.com/en/api/messages (role: user | assistant)',
    check: onBody((body) =>
      firstOf(listOf(body['messages']), (message, index) => {
        const role = isRecord(message) ? message['role'] : undefined;
        return role === 'user' || role === 'assistant' ? undefined : `messages.${index}.role: Input should be 'user' or 'assistant'`;
      }),
    ),
  },
  {
    id: 'anthropic.temperature.range',
    // https://docs.claude.com/en/api/messages: "temperature number … Ranges from 0.0 to 1.0."
    source: 'docs.claude.com/en/api/messages (temperature: 0.0 to 1.0)',
    check: onBody((body) => {
      const temperature = body['temperature'];
      if (temperature === undefined) return undefined;
      if (typeof temperature !== 'number') return 'temperature: Input should be a valid number';
      if (temperature > 1) return 'temperature: Input should be less than or equal to 1';
      return temperature < 0 ? 'temperature: Input should be greater than or equal to 0' : undefined;
    }),
  },
  {
    id: 'anthropic.stop_sequences.strings',
    // https://docs.claude.com/en/api/messages: "stop_sequences string[] — Custom text sequences that will cause the model to stop generating."
    source: 'docs.claude.com/en/api/messages (stop_sequences: string[])',
    check: onBody((body) => {
      const sequences = body['stop_sequences'];
      if (sequences === undefined) return undefined;
      if (!Array.isArray(sequences)) return 'stop_sequences: Input should be a valid list';
      return firstOf(sequences, (sequence: unknown, index) => (typeof sequence === 'string' ? undefined : `stop_sequences.${index}: Input should be a valid string`));
    }),
  },
  {
    id: 'anthropic.stop_sequences.non-whitespace',
    // Real 400s: "stop_sequences: each stop sequence must contain non-whitespace" for an OpenAI caller's
    // `stop: ["\n"]` (github.com/BerriAI/litellm/issues/3286), and "stop_sequences: each stop sequence
    // must be non-empty" for `["", "\n"]` (github.com/MegaGrindStone/mcp-web-ui/issues/5).
    source: 'github.com/BerriAI/litellm/issues/3286; github.com/MegaGrindStone/mcp-web-ui/issues/5',
    check: onBody((body) => {
      const sequences = body['stop_sequences'];
      if (!Array.isArray(sequences)) return undefined;
      if (sequences.some((sequence) => sequence === '')) return 'stop_sequences: each stop sequence must be non-empty';
      return sequences.some((sequence) => typeof sequence === 'string' && sequence.trim() === '') ? 'stop_sequences: each stop sequence must contain non-whitespace' : undefined;
    }),
  },
  {
    id: 'anthropic.metadata.user_id',
    // https://docs.claude.com/en/api/messages: "metadata.user_id string | null … Maximum length: 256".
    source: 'docs.claude.com/en/api/messages (metadata.user_id: string | null, at most 256 characters)',
    check: onBody((body) => {
      const metadata = body['metadata'];
      if (metadata === undefined) return undefined;
      if (!isRecord(metadata)) return 'metadata: Input should be a valid dictionary';
      const userId = metadata['user_id'];
      if (userId === undefined || userId === null) return undefined;
      if (typeof userId !== 'string') return 'metadata.user_id: Input should be a valid string';
      return userId.length > 256 ? 'metadata.user_id: String should have at most 256 characters' : undefined;
    }),
  },
  {
    id: 'anthropic.metadata.user_id-email',
    // https://docs.claude.com/en/api/messages: metadata.user_id "should be a uuid, hash value, or other opaque identifier …
    // Do not include any identifying information such as name, email address, or phone number". Recorded 400 for
    // `user_id: "myname@example.com"` (https://github.com/BerriAI/litellm/issues/10106): "metadata.user_id: user_id appears
    // to contain an email address. Please send a uuid or hash value instead." How phone numbers are told apart is not
    // recorded, so only email addresses are refused here.
    source: 'github.com/BerriAI/litellm/issues/10106 (recorded 400 body); docs.claude.com/en/api/messages (metadata.user_id)',
    check: onBody((body) => {
      const metadata = body['metadata'];
      const userId = isRecord(metadata) ? metadata['user_id'] : undefined;
      return typeof userId === 'string' && /[^\s@]+@[^\s@]+\.[a-z]{2,}/i.test(userId)
        ? 'metadata.user_id: user_id appears to contain an email address. Please send a uuid or hash value instead.'
        : undefined;
    }),
  },
  {
    id: 'anthropic.service_tier.values',
    // https://docs.claude.com/en/api/messages: "service_tier enum<string> … Available options: auto, standard_only".
    source: 'docs.claude.com/en/api/messages (service_tier: auto | standard_only)',
    check: onBody((body) => {
      const tier = body['service_tier'];
      return tier === undefined || tier === 'auto' || tier === 'standard_only' ? undefined : "service_tier: Input should be 'auto' or 'standard_only'";
    }),
  },
];

/** Checked last, so a body rule speaks first when both are broken. */
export const headerRules: VendorRule[] = [
  {
    id: 'anthropic.version.header',
    // https://docs.claude.com/en/api/versioning: "When making API requests, you must send an anthropic-version
    // request header." Recorded body in https://github.com/envoyproxy/ai-gateway/pull/1909:
    // {"type":"error","error":{"type":"invalid_request_error","message":"anthropic-version: header is required"}}.
    source: 'docs.claude.com/en/api/versioning; github.com/envoyproxy/ai-gateway/pull/1909 (recorded 400 body)',
    check: (request) => (request.headers['anthropic-version'] === undefined ? 'anthropic-version: header is required' : undefined),
  },
];
