/**
 * Request bodies that are not usable JSON: nested past the depth limit, or broken. Each is refused
 * with a 400 in the caller's dialect before any upstream is asked, and the answer says where the
 * body went wrong without quoting it.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dialectNames, modelFor, startHarness, type Harness } from './support/harness.js';
import { badRequestMessage, chatRoutes, postRaw, upstreamRequestCount } from './support/dialect-errors.js';
import { maxJsonDepth } from '../../src/wire/json-text.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

/** A tool schema nested `levels` deep, as raw JSON text (an SDK's JSON.stringify would overflow first). */
function deepSchema(levels: number): string {
  return '{"type":"object","properties":{"x":'.repeat(levels) + '{"type":"string"}' + '}}'.repeat(levels);
}

function withTools(body: Record<string, unknown>, dialect: (typeof dialectNames)[number], schemaText: string): string {
  const placeholder = '"__SCHEMA__"';
  const tool =
    dialect === 'anthropic'
      ? { name: 'deep', input_schema: '__SCHEMA__' }
      : dialect === 'gemini'
        ? [{ functionDeclarations: [{ name: 'deep', parameters: '__SCHEMA__' }] }]
        : dialect === 'openai-responses'
          ? { type: 'function', name: 'deep', parameters: '__SCHEMA__' }
          : { type: 'function', function: { name: 'deep', parameters: '__SCHEMA__' } };
  const tools = dialect === 'gemini' ? tool : [tool];
  return JSON.stringify({ ...body, tools }).replace(placeholder, schemaText);
}

describe('deeply nested JSON is refused before any work', () => {
  for (const dialect of dialectNames) {
    test(`${dialect}: a tool schema 10,000 levels deep → 400 naming the depth, upstream not called`, async () => {
      const route = chatRoutes[dialect];
      const answer = await postRaw(harness, route.path, withTools(route.body(modelFor('openai-chat')), dialect, deepSchema(10_000)));
      const message = badRequestMessage(dialect, answer);
      assert.match(message, new RegExp(`nests deeper than ${maxJsonDepth} levels at line 1, column \\d+`));
      assert.equal(upstreamRequestCount(harness), 0);
    });
  }

  test('bare brackets 20,000 deep on every other JSON route → 400', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const routes: Array<[(typeof dialectNames)[number], string]> = [
      ['anthropic', '/v1/messages/count_tokens'],
      ['gemini', '/v1beta/models/via-openai-chat:countTokens'],
      ['openai-chat', '/v1/embeddings'],
      ['ollama', '/api/embed'],
      ['ollama', '/api/generate'],
      ['openai-chat', '/v1/completions'],
    ];
    for (const [dialect, path] of routes) {
      const message = badRequestMessage(dialect, await postRaw(harness, path, `{"model":"via-openai-chat","input":${deep}}`));
      assert.match(message, /nests deeper than/, path);
    }
    assert.equal(upstreamRequestCount(harness), 0);
  });

  test('a real tool schema 30 levels deep still goes through', async () => {
    harness.upstreams['openai-chat'].enqueue({
      kind: 'json',
      body: { id: 'c1', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] },
    });
    const route = chatRoutes['openai-chat'];
    const answer = await postRaw(harness, route.path, withTools(route.body(modelFor('openai-chat')), 'openai-chat', deepSchema(15)));
    assert.equal(answer.status, 200, answer.text);
    assert.equal(upstreamRequestCount(harness), 1);
  });
});

describe('a body that is not JSON is refused by place, not by content', () => {
  const secret = 'sk-live-THIS-MUST-NOT-COME-BACK';
  const broken = [
    `{"model": "via-openai-chat", "api_key": ${secret}}`,
    `{"model": "via-openai-chat", "note": "${secret}", }`,
    `{"model": "via-openai-chat",\n "note": "${secret}"\n "messages": []}`,
  ];
  for (const dialect of dialectNames) {
    test(`${dialect}: the 400 says line and column and never quotes the body`, async () => {
      for (const body of broken) {
        const answer = await postRaw(harness, chatRoutes[dialect].path, body);
        const message = badRequestMessage(dialect, answer);
        assert.match(message, /^The request body is not valid JSON at line \d+, column \d+ \(character \d+\)\.$/);
        assert.ok(!answer.text.includes('THIS-MUST-NOT') && !answer.text.includes('via-openai-chat'), answer.text);
      }
      assert.equal(upstreamRequestCount(harness), 0);
    });
  }

  test('the place is where the body broke', async () => {
    const answer = await postRaw(harness, '/v1/chat/completions', '{"model": "x",\n  "messages": [}');
    assert.equal(badRequestMessage('openai-chat', answer), 'The request body is not valid JSON at line 2, column 16 (character 30).');
  });
});

describe('an upstream that nests its answer too deeply', () => {
  const deepObject = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);

  test('a non-streamed answer → 502 in the caller dialect, not a 500', async () => {
    const body = `{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[{"type":"tool_use","id":"t1","name":"f","input":${deepObject}}],"stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1}}`;
    // Retryable, so the one retry gets the same answer.
    harness.upstreams.anthropic.enqueue({ kind: 'json', body }, { kind: 'json', body });
    const route = chatRoutes['openai-chat'];
    const answer = await postRaw(harness, route.path, JSON.stringify(route.body(modelFor('anthropic'))));
    assert.equal(answer.status, 502, answer.text);
    assert.match(answer.text, /nests deeper than/);
  });

  test('a streamed event → the stream ends with an error the caller can read', async () => {
    const frame = `data: {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"f","args":${deepObject}}}]},"finishReason":"STOP"}]}\n\n`;
    harness.upstreams.gemini.enqueue({ kind: 'stream', text: frame }, { kind: 'stream', text: frame });
    const route = chatRoutes['openai-chat'];
    const answer = await postRaw(harness, route.path, JSON.stringify({ ...route.body(modelFor('gemini')), stream: true }));
    assert.notEqual(answer.status, 500, answer.text);
    assert.match(answer.text, /nests deeper than/);
  });
});

describe('validation errors name the field without echoing long values', () => {
  const secret = `SECRET-${'q'.repeat(300)}`;
  const cases: Array<[(typeof dialectNames)[number], string, unknown, number]> = [
    ['openai-chat', '/v1/chat/completions', { model: 'via-openai-chat', messages: [{ role: secret, content: 'hi' }] }, 400],
    ['gemini', '/v1beta/models/via-openai-chat:generateContent', { contents: [{ role: secret, parts: [{ text: 'hi' }] }] }, 400],
    ['openai-responses', '/v1/responses', { model: secret, input: 'hi' }, 404],
    ['ollama', '/api/generate', { model: secret, prompt: 'hi', stream: false }, 404],
  ];
  for (const [dialect, path, body, status] of cases) {
    test(`${dialect} ${path}: ${status} quotes at most the start of the value`, async () => {
      const answer = await postRaw(harness, path, JSON.stringify(body));
      assert.equal(answer.status, status, answer.text);
      assert.ok(answer.text.includes('SECRET-qqq'), 'enough of the value to recognize it');
      assert.ok(!answer.text.includes('q'.repeat(120)), answer.text);
      assert.equal(upstreamRequestCount(harness), 0);
    });
  }
});
