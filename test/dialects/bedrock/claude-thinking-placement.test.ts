/**
 * Claude's thinking blocks where Converse takes them (src/dialects/bedrock/thinking-placement.ts,
 * placed as on Anthropic's API by src/core/claude-thinking-placement.ts): reasoning first in its
 * assistant message, a prefill opening with reasoning while manual thinking is on (or thinking off),
 * no reasoning in a prefill while thinking is off. Each emitted body passes the Bedrock judge
 * (test/support/vendor-rules/bedrock.ts), whose rules refuse what the emitter used to send.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import type { AssistantPart } from '../../../src/interlingua/content.js';
import type { Message } from '../../../src/interlingua/message.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { Warning } from '../../../src/interlingua/warning.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const thinkingOn = { enabled: true, budgetTokens: 2048 };
const manualThinking = { thinking: { type: 'enabled', budget_tokens: 2048 } };
const weather = { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

/** Reasoning Bedrock signed, as a Converse caller's history gives it back. */
const signed: AssistantPart = { type: 'reasoning', text: 'Checking the weather.', signature: 'EqQBCkYIBxgCKkA', signatureOrigin: 'bedrock' };
/** The same, with a cache point after it as a request stored by an older version keeps it on the part. */
const signedCached: AssistantPart = { ...signed, vendor: { bedrock: { cachePoint: { type: 'default' } } } };
const reasoningBlock = { reasoningContent: { reasoningText: { text: 'Checking the weather.', signature: 'EqQBCkYIBxgCKkA' } } };
const text = (value: string): AssistantPart => ({ type: 'text', text: value });
const user = (value: string): Message => ({ role: 'user', content: [{ type: 'text', text: value }] });
const assistant = (...content: AssistantPart[]): Message => ({ role: 'assistant', content });

/** What the Bedrock judge says of a body sent to `operation` of `model` with a well-formed bearer key. */
function judged(body: unknown, model = claude, operation = 'converse') {
  return judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(model)}/${operation}`, headers: { authorization: 'Bearer test-key' }, body });
}

/** The Converse body for `messages`, which the Bedrock judge must let through, with each message's block kinds. */
function emit(messages: Message[], extra: Partial<ChatRequest> = {}, model = claude) {
  const request: ChatRequest = { model: 'smart', system: [], messages, sampling: {}, stream: false, ...extra };
  const { body, warnings } = bedrockDialect.emitRequest(request, { model, defaultMaxOutputTokens: 4096 });
  const wire = body as Record<string, unknown>;
  const refusal = judged(wire, model);
  assert.equal(refusal?.message, undefined, `Bedrock would serve the request (${refusal?.rule ?? ''})`);
  const turns = wire['messages'] as Array<{ role: string; content: Array<Record<string, unknown>> }>;
  const fields = wire['additionalModelRequestFields'] as Record<string, unknown> | undefined;
  return { thinking: fields?.['thinking'], kinds: turns.map((turn) => turn.content.map((block) => Object.keys(block)[0])), warnings };
}

function warningOf(warnings: readonly Warning[], feature: string): Warning | undefined {
  return warnings.find((warning) => warning.feature === feature);
}

test('a Responses history (message, reasoning, call) sends the reasoning first, and thinking stays on for the tool turn', () => {
  const sent = emit(
    [
      user('Weather in Paris?'),
      assistant(text('Let me check.'), signed, { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }),
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'get_weather', content: [{ type: 'text', text: 'sunny' }] }] },
    ],
    { reasoning: thinkingOn, tools: [weather] },
  );
  assert.deepEqual(sent.kinds[1], ['reasoningContent', 'text', 'toolUse']);
  assert.deepEqual(sent.thinking, { type: 'enabled', budget_tokens: 2048 });
  assert.equal(warningOf(sent.warnings, 'reasoning.tool_turn'), undefined);
});

test('two assistant turns merged into one keep their reasoning first, without the cache point Bedrock refuses after it; other models keep their order', () => {
  const history = [user('Hi'), assistant(text('Hello.')), assistant(signedCached, text('How can I help?')), user('Weather?')];
  const sent = emit(history, { reasoning: thinkingOn });
  // "Cache point cannot be inserted after reasoning block" (github.com/anomalyco/opencode/issues/36517).
  assert.deepEqual(sent.kinds[1], ['reasoningContent', 'text', 'text']);
  assert.equal(warningOf(sent.warnings, 'reasoning.cache')?.type, 'unsupported');
  assert.deepEqual(sent.thinking, { type: 'enabled', budget_tokens: 2048 });
  // Only Claude's rule is known: a model that is not Claude gets the turn as it was merged (without the cache
  // point, as Bedrock caches nothing for DeepSeek: src/dialects/bedrock/prompt-caching-models.ts).
  const deepseek = emit(history, {}, 'us.deepseek.r1-v1:0');
  assert.deepEqual(deepseek.kinds[1], ['text', 'reasoningContent', 'text']);
});

test('a prefill without reasoning turns manual thinking off, with a warning; beside tools it is no prefill, and thinking stays', () => {
  const sent = emit([user('Tell a story.'), assistant(text('Once upon a time'))], { reasoning: thinkingOn, sampling: { temperature: 0.3 } });
  assert.equal(sent.thinking, undefined);
  assert.deepEqual(sent.kinds.at(-1), ['text']);
  assert.deepEqual(warningOf(sent.warnings, 'reasoning.prefill'), {
    type: 'compatibility',
    feature: 'reasoning.prefill',
    message: 'Claude on Bedrock needs a final assistant message to open with its signed thinking block while thinking is on, and this prefill has none; thinking was turned off for this request.',
  });
  // Thinking off, the caller's temperature goes as asked rather than being fitted to thinking.
  assert.equal(warningOf(sent.warnings, 'temperature'), undefined);

  // With tools declared Claude takes no prefill at all (conversation-end.ts): a user turn follows it, so thinking stays on.
  const besideTools = emit([user('Tell a story.'), assistant(text('Once upon a time'))], { reasoning: thinkingOn, tools: [weather] });
  assert.deepEqual(besideTools.thinking, { type: 'enabled', budget_tokens: 2048 });
  assert.deepEqual(besideTools.kinds.map((kinds) => kinds[0]), ['text', 'text', 'text']);
  assert.ok(warningOf(besideTools.warnings, 'prefill'));
  assert.equal(warningOf(besideTools.warnings, 'reasoning.prefill'), undefined);
});

test('a prefill whose reasoning comes after its text is sent with the reasoning first, and manual thinking stays on', () => {
  const sent = emit([user('Tell a story.'), assistant(text('Once upon a time'), signed)], { reasoning: thinkingOn });
  assert.deepEqual(sent.thinking, { type: 'enabled', budget_tokens: 2048 });
  assert.deepEqual(sent.kinds.at(-1), ['reasoningContent', 'text']);
  assert.equal(warningOf(sent.warnings, 'reasoning.prefill'), undefined);
});

test('with thinking off, a prefill goes without its reasoning (and the cache point closing it); a prefill of nothing else goes', () => {
  const withText = emit([user('Tell a story.'), assistant(signedCached, text('Once upon a time'))]);
  assert.equal(withText.thinking, undefined);
  assert.deepEqual(withText.kinds, [['text'], ['text']]);
  assert.deepEqual(warningOf(withText.warnings, 'reasoning.prefill'), {
    type: 'unsupported',
    feature: 'reasoning.prefill',
    message: 'Claude on Bedrock takes no thinking block in a final assistant message while thinking is off; the prefill was sent without its thinking.',
  });

  const disabled = emit([user('Tell a story.'), { role: 'assistant', content: [{ type: 'reasoning', text: '', redactedData: 'c2VjcmV0', signatureOrigin: 'bedrock' }] }], { reasoning: { enabled: false } });
  assert.deepEqual(disabled.thinking, { type: 'disabled' });
  assert.deepEqual(disabled.kinds, [['text']]);

  // Earlier turns keep their reasoning: only the final position is refused.
  const earlier = emit([user('Hi'), assistant(signed, text('Hello.')), user('Again')]);
  assert.deepEqual(earlier.kinds[1], ['reasoningContent', 'text']);
  assert.equal(warningOf(earlier.warnings, 'reasoning.prefill'), undefined);
});

test('the Bedrock judge refuses what the Converse emitter sent Claude before reasoning was placed, in Bedrock’s words', () => {
  const hello = { role: 'user', content: [{ text: 'Tell a story.' }] };
  const refusals: Array<[string, Record<string, unknown>, string]> = [
    [
      'bedrock.converse.claude-thinking.reasoning-opens-its-message',
      {
        messages: [{ role: 'user', content: [{ text: 'Hi' }] }, { role: 'assistant', content: [{ text: 'Hello.' }, reasoningBlock, { text: 'How can I help?' }] }, { role: 'user', content: [{ text: 'Weather?' }] }],
        additionalModelRequestFields: manualThinking,
      },
      'If an assistant message contains any thinking blocks, the first block must be thinking. Found text',
    ],
    [
      'bedrock.converse.claude-thinking.prefill-opens-with-reasoning',
      { messages: [hello, { role: 'assistant', content: [{ text: 'Once upon a time' }] }], additionalModelRequestFields: manualThinking },
      'The model returned the following errors: messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block. We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking',
    ],
    [
      'bedrock.converse.claude-thinking.no-reasoning-in-final-message-when-off',
      { messages: [hello, { role: 'assistant', content: [reasoningBlock, { text: 'Once upon a time' }] }] },
      'The model returned the following errors: messages.1.content.0: When thinking is disabled, an `assistant` message in the final position cannot contain `thinking`. To use thinking blocks, enable `thinking` in your request.',
    ],
    [
      'bedrock.converse.claude-thinking.no-reasoning-in-final-message-when-off',
      { messages: [hello, { role: 'assistant', content: [{ text: 'Once upon a time' }, reasoningBlock] }], additionalModelRequestFields: { thinking: { type: 'disabled' } } },
      'The model returned the following errors: messages.1.content.1: When thinking is disabled, an `assistant` message in the final position cannot contain `thinking`. To use thinking blocks, enable `thinking` in your request.',
    ],
  ];
  for (const [rule, body, message] of refusals) {
    const refusal = judged(body);
    assert.equal(refusal?.rule, rule);
    assert.equal(refusal.status, 400);
    assert.deepEqual(refusal.body, { message });
    assert.match(String(refusal.headers?.['x-amzn-errortype']), /^ValidationException:/);
    // Streamed alike; a model that is not Claude is not judged by these rules.
    assert.equal(judged(body, claude, 'converse-stream')?.rule, rule);
    assert.notEqual(judged(body, 'us.deepseek.r1-v1:0')?.rule, rule);
  }
  // What the rules allow: reasoning first; a prefill opening with reasoning while thinking is on; one without it while off.
  const reasoned = { role: 'assistant', content: [reasoningBlock, { text: 'Once upon a time' }] };
  assert.equal(judged({ messages: [hello, reasoned, { role: 'user', content: [{ text: 'And?' }] }], additionalModelRequestFields: manualThinking }), undefined);
  assert.equal(judged({ messages: [hello, reasoned], additionalModelRequestFields: manualThinking }), undefined);
  assert.equal(judged({ messages: [hello, { role: 'assistant', content: [{ text: 'Once upon a time' }] }] }), undefined);
  // Adaptive thinking takes a prefill without reasoning (Anthropic's rule is for manual thinking), not reasoning after text.
  const adaptive = { thinking: { type: 'adaptive' } };
  assert.equal(judged({ messages: [hello, { role: 'assistant', content: [{ text: 'Once upon a time' }] }], additionalModelRequestFields: adaptive }), undefined);
  assert.equal(
    judged({ messages: [hello, { role: 'assistant', content: [{ text: 'Once' }, reasoningBlock] }, { role: 'user', content: [{ text: 'And?' }] }], additionalModelRequestFields: adaptive })?.rule,
    'bedrock.converse.claude-thinking.reasoning-opens-its-message',
  );
});
