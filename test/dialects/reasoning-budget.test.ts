/**
 * Reasoning settings across every caller → upstream pair: each caller dialect's request is parsed,
 * then emitted to every upstream dialect, and the upstream's reasoning field is checked against the
 * table in README.md ("Reasoning budget"). The numbers are written out here, not imported, so a
 * change to the shared scale (src/core/reasoning-budget.ts) has to change this table too.
 *
 * Vendor facts relied on:
 * - OpenAI `reasoning_effort` / Responses `reasoning.effort`: none | minimal | low | medium | high
 *   | xhigh (node_modules/openai/resources/shared.d.ts `ReasoningEffort`;
 *   https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort);
 *   Responses `reasoning.summary` (fixtures/openai-responses/fantasy-o4mini-summary-thinking.i0.request.json).
 * - Anthropic `thinking: {type: "enabled", budget_tokens}`: at least 1024 and below `max_tokens`
 *   (https://docs.claude.com/en/docs/build-with-claude/extended-thinking; fixtures
 *   anthropic/doc-format-stream-thinking-no-usage.request.json has 16000 under max_tokens 20000);
 *   `{type: "disabled"}`.
 * - Gemini `thinkingConfig.thinkingBudget`: 0 off, -1 dynamic, else tokens; `includeThoughts`
 *   (https://ai.google.dev/gemini-api/docs/thinking#set-budget; fixtures
 *   gemini/fantasy-gemini25pro-thinking.i0.request.json); Gemini 3 `thinkingLevel`
 *   (gemini/fantasy-gemini3pro-thinking.i0.request.json). Google maps OpenAI's low / medium /
 *   high to 1024 / 8192 / 24576 tokens (https://ai.google.dev/gemini-api/docs/openai#thinking).
 * - Ollama `think`: true | false | "low" | "medium" | "high" (ollama docs/openapi.yaml `ChatRequest.think`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UpstreamDialectName } from '../../src/config/schema.js';
import type { Warning } from '../../src/interlingua/warning.js';
import { dialects } from '../../src/dialects/registry.js';
import { effortForBudget } from '../../src/core/reasoning-budget.js';
import { readFixtureJson } from '../support/fixtures.js';

type Effort = 'minimal' | 'low' | 'medium' | 'high';

/** What the caller asked for, independent of how it was spelled. */
type Meaning =
  | { kind: 'effort'; effort: Effort; includeThoughts: boolean; geminiLevel?: string }
  | { kind: 'budget'; tokens: number; includeThoughts: boolean }
  | { kind: 'off' }
  | { kind: 'dynamic'; includeThoughts: boolean; adaptive?: boolean };

interface CallerCase {
  label: string;
  caller: UpstreamDialectName;
  body: Record<string, unknown>;
  meaning: Meaning;
  /** Reasoning warnings the parse itself gives. */
  parseWarnings?: string[];
}

const userTurn = [{ role: 'user', content: 'hi' }];
const chat = (effort: string): Record<string, unknown> => ({ model: 'm', messages: userTurn, reasoning_effort: effort });
const responses = (reasoning: Record<string, unknown>): Record<string, unknown> => ({ model: 'm', input: 'hi', reasoning });
const anthropic = (thinking: Record<string, unknown>): Record<string, unknown> => ({ model: 'm', max_tokens: 40000, messages: userTurn, thinking });
const gemini = (thinkingConfig: Record<string, unknown>): Record<string, unknown> => ({
  contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
  generationConfig: { thinkingConfig },
});
const ollama = (think: boolean | string): Record<string, unknown> => ({ model: 'm', messages: userTurn, stream: false, think });

const efforts: Effort[] = ['minimal', 'low', 'medium', 'high'];

const cases: CallerCase[] = [
  ...efforts.map((effort): CallerCase => ({ label: `reasoning_effort "${effort}"`, caller: 'openai-chat', body: chat(effort), meaning: { kind: 'effort', effort, includeThoughts: false } })),
  { label: 'reasoning_effort "none"', caller: 'openai-chat', body: chat('none'), meaning: { kind: 'off' } },
  ...efforts.map((effort): CallerCase => ({ label: `reasoning.effort "${effort}"`, caller: 'openai-responses', body: responses({ effort }), meaning: { kind: 'effort', effort, includeThoughts: false } })),
  { label: 'reasoning.effort "none"', caller: 'openai-responses', body: responses({ effort: 'none' }), meaning: { kind: 'off' } },
  {
    label: 'reasoning {effort: "high", summary: "auto"} (fantasy-o4mini-summary-thinking.i0)',
    caller: 'openai-responses',
    body: readFixtureJson('openai-responses/fantasy-o4mini-summary-thinking.i0.request.json') as Record<string, unknown>,
    meaning: { kind: 'effort', effort: 'high', includeThoughts: true },
  },
  ...[1024, 2000, 5000, 16000, 32000].map((tokens): CallerCase => ({
    label: `thinking.budget_tokens ${tokens}`,
    caller: 'anthropic',
    body: anthropic({ type: 'enabled', budget_tokens: tokens }),
    meaning: { kind: 'budget', tokens, includeThoughts: true },
  })),
  {
    label: 'thinking.budget_tokens 4000 under max_tokens 4096 (fantasy-sonnet4-thinking.i0)',
    caller: 'anthropic',
    body: readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.request.json') as Record<string, unknown>,
    meaning: { kind: 'budget', tokens: 4000, includeThoughts: true },
  },
  { label: 'thinking disabled', caller: 'anthropic', body: anthropic({ type: 'disabled' }), meaning: { kind: 'off' } },
  {
    label: 'thinking adaptive',
    caller: 'anthropic',
    body: anthropic({ type: 'adaptive' }),
    meaning: { kind: 'dynamic', includeThoughts: true, adaptive: true },
  },
  {
    label: 'thinkingBudget 128 with includeThoughts (fantasy-gemini25pro-thinking.i0)',
    caller: 'gemini',
    body: readFixtureJson('gemini/fantasy-gemini25pro-thinking.i0.request.json') as Record<string, unknown>,
    meaning: { kind: 'budget', tokens: 128, includeThoughts: true },
  },
  ...[2000, 16000].map((tokens): CallerCase => ({ label: `thinkingBudget ${tokens}`, caller: 'gemini', body: gemini({ thinkingBudget: tokens }), meaning: { kind: 'budget', tokens, includeThoughts: false } })),
  { label: 'thinkingBudget 0', caller: 'gemini', body: gemini({ thinkingBudget: 0 }), meaning: { kind: 'off' } },
  { label: 'thinkingBudget -1 (dynamic)', caller: 'gemini', body: gemini({ thinkingBudget: -1 }), meaning: { kind: 'dynamic', includeThoughts: false } },
  {
    label: 'thinkingLevel HIGH with includeThoughts (fantasy-gemini3pro-thinking.i0)',
    caller: 'gemini',
    body: readFixtureJson('gemini/fantasy-gemini3pro-thinking.i0.request.json') as Record<string, unknown>,
    meaning: { kind: 'effort', effort: 'high', includeThoughts: true, geminiLevel: 'HIGH' },
  },
  { label: 'thinkingLevel "low" (lower case)', caller: 'gemini', body: gemini({ thinkingLevel: 'low' }), meaning: { kind: 'effort', effort: 'low', includeThoughts: false, geminiLevel: 'low' } },
  { label: 'think true', caller: 'ollama', body: ollama(true), meaning: { kind: 'dynamic', includeThoughts: true } },
  { label: 'think false', caller: 'ollama', body: ollama(false), meaning: { kind: 'off' } },
  ...(['low', 'medium', 'high'] as const).map((effort): CallerCase => ({ label: `think "${effort}"`, caller: 'ollama', body: ollama(effort), meaning: { kind: 'effort', effort, includeThoughts: true } })),
];

/** The shared scale, as README.md states it. */
const budgetFor: Record<Effort, number> = { minimal: 512, low: 1024, medium: 8192, high: 24576 };
/** The nearest effort for each budget used above, worked out by hand (boundaries ≈2896 and ≈14189). */
const nearestEffort: Record<number, Effort> = { 128: 'low', 1024: 'low', 2000: 'low', 4000: 'medium', 5000: 'medium', 16000: 'high', 32000: 'high' };
const anthropicMinimum = 1024;
const defaultMaxOutputTokens = 4096;

/**
 * Whether the target reads the caller's body format, vendor fields included: Anthropic's body on
 * Bedrock InvokeModel and Vertex rawPredict, OpenAI's on Azure, Gemini's on Vertex.
 */
function sameBody(caller: UpstreamDialectName, target: UpstreamDialectName): boolean {
  const platforms: Partial<Record<UpstreamDialectName, readonly UpstreamDialectName[]>> = {
    anthropic: ['bedrock-anthropic', 'vertex-anthropic'],
    'openai-chat': ['azure-openai'],
    'openai-responses': ['azure-openai-responses'],
    gemini: ['vertex'],
  };
  return caller === target || (platforms[caller]?.includes(target) ?? false);
}

/**
 * Whether the target takes the caller's effort words as written: the same body, or the other OpenAI
 * API, which takes the same words (`ReasoningEffort` in node_modules/openai/resources/shared.d.ts).
 */
function sameEffortWords(caller: UpstreamDialectName, target: UpstreamDialectName): boolean {
  const openai: readonly UpstreamDialectName[] = ['openai-chat', 'azure-openai', 'openai-responses', 'azure-openai-responses'];
  return sameBody(caller, target) || (openai.includes(caller) && openai.includes(target));
}

interface Expectation {
  /** The upstream's reasoning field(s), `undefined` when absent. */
  value: unknown;
  /** Reasoning warnings of the emit, as `type:feature`, sorted. */
  warnings: string[];
}

function expected(target: UpstreamDialectName, testCase: CallerCase): Expectation {
  const { meaning, caller } = testCase;
  const same = sameBody(caller, target);
  switch (target) {
    // Azure OpenAI: the OpenAI codecs' bodies (src/dialects/openai-chat/azure-platform.ts, openai-responses/azure-platform.ts).
    case 'openai-chat':
    case 'azure-openai': {
      // Chat Completions returns no reasoning text (openai-chat/quirks.ts, `reasoningText`): asking to see it is reported.
      const unseen = meaning.kind !== 'off' && meaning.includeThoughts === true ? ['unsupported:reasoning.summary'] : [];
      switch (meaning.kind) {
        case 'effort':
          return { value: meaning.effort, warnings: unseen };
        case 'budget':
          return { value: nearestEffort[meaning.tokens], warnings: ['compatibility:reasoning.budget_tokens', ...unseen] };
        case 'off':
          return sameEffortWords(caller, target) ? { value: 'none', warnings: [] } : { value: undefined, warnings: ['unsupported:reasoning.disabled'] };
        case 'dynamic':
          // No effort is OpenAI's "the model decides": its default.
          return { value: undefined, warnings: unseen };
      }
      break;
    }
    case 'openai-responses':
    case 'azure-openai-responses': {
      const summary = (includeThoughts: boolean): Record<string, unknown> => (includeThoughts ? { summary: 'auto' } : {});
      switch (meaning.kind) {
        case 'effort':
          return { value: { effort: meaning.effort, ...summary(meaning.includeThoughts) }, warnings: [] };
        case 'budget':
          return { value: { effort: nearestEffort[meaning.tokens], ...summary(meaning.includeThoughts) }, warnings: ['compatibility:reasoning.budget_tokens'] };
        case 'off':
          return sameEffortWords(caller, target) ? { value: { effort: 'none' }, warnings: [] } : { value: undefined, warnings: ['unsupported:reasoning.disabled'] };
        case 'dynamic':
          return { value: meaning.includeThoughts ? { summary: 'auto' } : undefined, warnings: [] };
      }
      break;
    }
    case 'anthropic':
    // Claude on Bedrock InvokeModel and Vertex rawPredict: the Anthropic codec's body (src/dialects/anthropic/bedrock-platform.ts, vertex-platform.ts).
    case 'bedrock-anthropic':
    case 'vertex-anthropic': {
      const callerMax = caller === 'anthropic' ? (testCase.body['max_tokens'] as number) : defaultMaxOutputTokens;
      const enabled = (budget: number, warnings: string[]): Expectation => ({
        value: { thinking: { type: 'enabled', budget_tokens: budget }, max_tokens: callerMax > budget ? callerMax : budget + callerMax },
        warnings,
      });
      switch (meaning.kind) {
        case 'effort':
          return enabled(Math.max(budgetFor[meaning.effort], anthropicMinimum), ['compatibility:reasoning.effort']);
        case 'budget':
          return meaning.tokens < anthropicMinimum
            ? enabled(anthropicMinimum, ['compatibility:reasoning.budget_tokens'])
            : enabled(meaning.tokens, []);
        case 'off':
          return { value: { thinking: { type: 'disabled' }, max_tokens: callerMax }, warnings: [] };
        case 'dynamic':
          if (meaning.adaptive === true && same) return { value: { thinking: { type: 'adaptive' }, max_tokens: callerMax }, warnings: [] };
          return enabled(budgetFor.medium, ['compatibility:reasoning.effort']);
      }
      break;
    }
    // Gemini on Vertex: the Gemini codec's body (src/dialects/gemini/vertex-platform.ts).
    case 'gemini':
    case 'vertex': {
      const thoughts = (includeThoughts: boolean): Record<string, unknown> => (includeThoughts ? { includeThoughts: true } : {});
      switch (meaning.kind) {
        case 'effort':
          if (meaning.geminiLevel !== undefined && same) return { value: { thinkingLevel: meaning.geminiLevel, ...thoughts(meaning.includeThoughts) }, warnings: [] };
          return { value: { thinkingBudget: budgetFor[meaning.effort], ...thoughts(meaning.includeThoughts) }, warnings: ['compatibility:reasoning.effort'] };
        case 'budget':
          return { value: { thinkingBudget: meaning.tokens, ...thoughts(meaning.includeThoughts) }, warnings: [] };
        case 'off':
          return { value: { thinkingBudget: 0 }, warnings: [] };
        case 'dynamic':
          return { value: { thinkingBudget: -1, ...thoughts(meaning.includeThoughts) }, warnings: [] };
      }
      break;
    }
    case 'ollama':
    case 'ollama-generate':
      switch (meaning.kind) {
        case 'effort':
          return meaning.effort === 'minimal' ? { value: 'low', warnings: ['compatibility:reasoning.effort'] } : { value: meaning.effort, warnings: [] };
        case 'budget':
          return { value: true, warnings: ['compatibility:reasoning.budget_tokens'] };
        case 'off':
          return { value: false, warnings: [] };
        case 'dynamic':
          return { value: true, warnings: [] };
      }
      break;
    case 'openai-completions':
      return { value: undefined, warnings: meaning.kind === 'off' ? [] : ['unsupported:reasoning'] };
    case 'bedrock': {
      // Claude on Bedrock Converse: Anthropic's `thinking` in additionalModelRequestFields, its
      // budget inside inferenceConfig.maxTokens (src/dialects/bedrock/thinking.ts).
      const callerMax = caller === 'anthropic' ? (testCase.body['max_tokens'] as number) : undefined;
      const enabled = (budget: number, warnings: string[]): Expectation => {
        const requested = callerMax ?? defaultMaxOutputTokens;
        return { value: { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: requested > budget ? requested : budget + requested }, warnings };
      };
      switch (meaning.kind) {
        case 'effort':
          return enabled(Math.max(budgetFor[meaning.effort], anthropicMinimum), ['compatibility:reasoning.effort']);
        case 'budget':
          return meaning.tokens < anthropicMinimum ? enabled(anthropicMinimum, ['compatibility:reasoning.budget_tokens']) : enabled(meaning.tokens, []);
        case 'off':
          return { value: { thinking: { type: 'disabled' }, maxTokens: callerMax }, warnings: [] };
        case 'dynamic':
          // Adaptive thinking asked in Claude's own words goes to Claude on Converse as it was asked.
          if (meaning.adaptive === true) return { value: { thinking: { type: 'adaptive' }, maxTokens: callerMax }, warnings: [] };
          return enabled(budgetFor.medium, ['compatibility:reasoning.effort']);
      }
      break;
    }
  }
  throw new Error(`no expectation for ${target}`);
}

/** The upstream body's reasoning field(s). */
function reasoningField(target: UpstreamDialectName, body: Record<string, unknown>): unknown {
  switch (target) {
    case 'openai-chat':
    case 'azure-openai':
      return body['reasoning_effort'];
    case 'openai-responses':
    case 'azure-openai-responses':
      return body['reasoning'];
    case 'anthropic':
    case 'bedrock-anthropic':
    case 'vertex-anthropic':
      return { thinking: body['thinking'], max_tokens: body['max_tokens'] };
    case 'gemini':
    case 'vertex':
      return (body['generationConfig'] as Record<string, unknown> | undefined)?.['thinkingConfig'];
    case 'ollama':
    case 'ollama-generate':
      return body['think'];
    case 'openai-completions':
      return body['reasoning_effort'] ?? body['reasoning'] ?? body['thinking'];
    case 'bedrock': {
      const additional = body['additionalModelRequestFields'] as Record<string, unknown> | undefined;
      const inference = body['inferenceConfig'] as Record<string, unknown> | undefined;
      return { thinking: additional?.['thinking'], maxTokens: inference?.['maxTokens'] };
    }
  }
}

/**
 * Warnings about reasoning: their own features, plus vendor data reported as left out that
 * carries a reasoning field (a caller's `reasoning_effort: "none"`, Gemini's -1 or level).
 */
function reasoningWarnings(warnings: readonly Warning[]): string[] {
  return warnings
    .filter((warning) => /reason|think/i.test(warning.feature))
    .map((warning) => `${warning.type}:${warning.feature}`)
    .sort();
}

const targets = Object.keys(dialects) as UpstreamDialectName[];
/** The upstream model emitted for: Bedrock's reasoning field depends on the model family, Claude here. */
const upstreamModel = (target: UpstreamDialectName): string => (target === 'bedrock' ? 'anthropic.claude-sonnet-4-5-20250929-v1:0' : 'upstream');

for (const testCase of cases) {
  for (const target of targets) {
    test(`${testCase.caller} ${testCase.label} → ${target}`, () => {
      const parsed = dialects[testCase.caller].parseRequest(structuredClone(testCase.body), { model: 'm' });
      assert.deepEqual(reasoningWarnings(parsed.warnings), testCase.parseWarnings ?? []);
      const emitted = dialects[target].emitRequest(parsed.request, { model: upstreamModel(target), defaultMaxOutputTokens });
      const body = emitted.body as Record<string, unknown>;
      const want = expected(target, testCase);
      assert.deepEqual(reasoningField(target, body), want.value);
      assert.deepEqual(reasoningWarnings(emitted.warnings), [...want.warnings].sort());
    });
  }
}

test('nothing asked for is never silently dropped: every pair either carries the setting or warns', () => {
  for (const testCase of cases) {
    for (const target of targets) {
      const parsed = dialects[testCase.caller].parseRequest(structuredClone(testCase.body), { model: 'm' });
      const emitted = dialects[target].emitRequest(parsed.request, { model: upstreamModel(target), defaultMaxOutputTokens });
      const carried = reasoningField(target, emitted.body as Record<string, unknown>);
      const claudeTargets: readonly UpstreamDialectName[] = ['anthropic', 'bedrock', 'bedrock-anthropic', 'vertex-anthropic'];
      const absent = carried === undefined || (claudeTargets.includes(target) && (carried as { thinking: unknown }).thinking === undefined);
      // Dynamic thinking sent as nothing is OpenAI's own default ("the model decides"), on Azure too, not a loss.
      const openaiTargets: readonly UpstreamDialectName[] = ['openai-chat', 'openai-responses', 'azure-openai', 'azure-openai-responses'];
      const isDefault = testCase.meaning.kind === 'dynamic' && openaiTargets.includes(target);
      if (absent && !isDefault) {
        assert.ok(reasoningWarnings(emitted.warnings).length > 0 || testCase.meaning.kind === 'off', `${testCase.caller} ${testCase.label} → ${target} dropped silently`);
      }
    }
  }
});

test('Anthropic max_tokens is raised above the thinking budget, with a warning when the caller set it', () => {
  const emit = (body: Record<string, unknown>): { body: Record<string, unknown>; warnings: Warning[] } => {
    const parsed = dialects['openai-chat'].parseRequest(body, {});
    return dialects.anthropic.emitRequest(parsed.request, { model: 'upstream', defaultMaxOutputTokens }) as { body: Record<string, unknown>; warnings: Warning[] };
  };
  const small = emit({ ...chat('high'), max_completion_tokens: 1000 });
  assert.deepEqual(small.body['thinking'], { type: 'enabled', budget_tokens: 24576 });
  assert.equal(small.body['max_tokens'], 25576);
  assert.ok(small.warnings.some((warning) => warning.feature === 'max_tokens' && warning.type === 'compatibility'));
  const large = emit({ ...chat('high'), max_completion_tokens: 30000 });
  assert.equal(large.body['max_tokens'], 30000);
  assert.equal(large.warnings.some((warning) => warning.feature === 'max_tokens'), false);
  const unset = emit(chat('medium'));
  assert.equal(unset.body['max_tokens'], 8192 + defaultMaxOutputTokens);
  assert.equal(unset.warnings.some((warning) => warning.feature === 'max_tokens'), false);
});

test('the nearest effort is measured by ratio: 2000 tokens is "low", 16000 is "high"', () => {
  for (const [budget, effort] of [
    [1, 'low'], [1024, 'low'], [2000, 'low'], [2895, 'low'], [2897, 'medium'], [8192, 'medium'],
    [14188, 'medium'], [14190, 'high'], [24576, 'high'], [100000, 'high'],
  ] as const) {
    assert.equal(effortForBudget(budget), effort, `budget ${budget}`);
  }
});

test('every effort survives a trip through a budget and back, except minimal, which comes back low', () => {
  for (const effort of efforts) {
    const parsed = dialects['openai-chat'].parseRequest(chat(effort), {});
    const anthropicBody = dialects.anthropic.emitRequest(parsed.request, { model: 'upstream', defaultMaxOutputTokens }).body;
    const back = dialects.anthropic.parseRequest(anthropicBody, {});
    const chatBody = dialects['openai-chat'].emitRequest(back.request, { model: 'upstream', defaultMaxOutputTokens }).body as Record<string, unknown>;
    assert.equal(chatBody['reasoning_effort'], effort === 'minimal' ? 'low' : effort);
  }
});
