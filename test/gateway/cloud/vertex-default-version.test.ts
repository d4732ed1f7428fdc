/**
 * Vertex AI names newer Claude models by their `@default` version (`claude-opus-4-7@default`), as
 * it names older ones by a date (`claude-sonnet-4-5@20250929`). The model's own rules hold either
 * way: Opus 4.7 takes no sampling settings and thinks adaptively only; Sonnet 4.6 takes
 * `temperature` or `top_p`, not both. The Vertex judge reads the model from the path, everything
 * after the `@` left off, so an OpenAI caller's ordinary settings must reach these ids fitted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudGateway } from '../../support/cloud-gateway.js';

type Json = Record<string, unknown>;

const setup = cloudGateway(['vertex'], ({ vertex }, credentialsFile) => ({
  providers: {
    'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: vertex, credentialsFile },
  },
  models: {
    'opus47-default': [{ provider: 'gcp-claude', model: 'claude-opus-4-7@default' }],
    'sonnet46-default': [{ provider: 'gcp-claude', model: 'claude-sonnet-4-6@default' }],
  },
  retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
  routing: { cooldown: false },
}));
const upstream = setup.upstreams.vertex;

const claudeAnswer = { kind: 'json' as const, body: { id: 'msg_vrtx_1', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text: 'Hi.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2 } } };

async function chat(body: Json): Promise<{ status: number; text: string; sent: Json; path: string }> {
  upstream.enqueue(claudeAnswer);
  const response = await fetch(`${setup.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer caller' }, body: JSON.stringify({ ...body, messages: [{ role: 'user', content: 'Hi' }] }) });
  const text = await response.text();
  const received = upstream.requests.at(-1);
  return { status: response.status, text, sent: (received?.body ?? {}) as Json, path: received?.url ?? '' };
}

test('Opus 4.7 as claude-opus-4-7@default: temperature is left out, as for claude-opus-4-7', async () => {
  const answer = await chat({ model: 'opus47-default', temperature: 0.5 });
  assert.equal(answer.status, 200, answer.text);
  assert.ok(answer.path.includes('/publishers/anthropic/models/claude-opus-4-7@default:rawPredict'), answer.path);
  assert.equal(answer.sent['temperature'], undefined);
});

test('Opus 4.7 as claude-opus-4-7@default: a reasoning effort goes as adaptive thinking', async () => {
  const answer = await chat({ model: 'opus47-default', reasoning_effort: 'high' });
  assert.equal(answer.status, 200, answer.text);
  assert.equal((answer.sent['thinking'] as Json | undefined)?.['type'], 'adaptive');
});

test('Sonnet 4.6 as claude-sonnet-4-6@default: temperature and top_p do not go together', async () => {
  const answer = await chat({ model: 'sonnet46-default', temperature: 0.5, top_p: 0.9 });
  assert.equal(answer.status, 200, answer.text);
  assert.ok(answer.sent['temperature'] === undefined || answer.sent['top_p'] === undefined, JSON.stringify(answer.sent));
});
