/**
 * A file uploaded to Anthropic's Files API is named by its `file_id` in a document or image block;
 * "The Files API is currently not supported on Amazon Bedrock or Google Vertex AI"
 * (https://docs.anthropic.com/en/docs/build-with-claude/files). So an Anthropic caller's uploaded
 * document and image reach Claude on Bedrock's InvokeModel and on Vertex left out, with warnings,
 * and the rest of the request is served; the judges refuse a `file` source on either platform.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { cloudGateway } from '../../support/cloud-gateway.js';

const setup = cloudGateway(['bedrock', 'vertex'], (urls, credentialsFile) => ({
  providers: {
    'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: urls.bedrock },
    'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: urls.vertex, credentialsFile },
  },
  models: {
    'bedrock-haiku': [{ provider: 'aws-claude', model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' }],
    'vertex-haiku': [{ provider: 'gcp-claude', model: 'claude-haiku-4-5@20251001' }],
  },
  retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
  routing: { cooldown: false },
}));

const answer = {
  id: 'msg_files_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-4-5-20251001',
  content: [{ type: 'text', text: 'A report and a chart.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 20, output_tokens: 6 },
};

for (const [platform, model] of [
  ['bedrock', 'bedrock-haiku'],
  ['vertex', 'vertex-haiku'],
] as const) {
  test(`${platform}: an Anthropic caller's uploaded document and image are left out with warnings, the text is served`, async () => {
    const upstream = setup.upstreams[platform];
    upstream.enqueue({ kind: 'json', body: answer });
    const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
    const { data, response } = await client.beta.messages
      .create({
        model,
        max_tokens: 64,
        betas: ['files-api-2025-04-14'],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What do these show?' },
              { type: 'document', source: { type: 'file', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' } },
              { type: 'image', source: { type: 'file', file_id: 'file_011CPMxVD3fHLUhvTqtsQA5w' } },
            ],
          },
        ],
      })
      .withResponse();
    assert.deepEqual(data.content, [{ type: 'text', text: 'A report and a chart.' }]);
    const sent = upstream.requests[0]?.body as { messages: Array<{ content: unknown[] }> };
    assert.deepEqual(sent.messages[0]?.content, [{ type: 'text', text: 'What do these show?' }]);
    const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ type: string; feature: string }>;
    const features = warnings.map((warning) => `${warning.type} ${warning.feature}`);
    assert.ok(features.includes('unsupported file.file_id'), features.join(', '));
    assert.ok(features.includes('unsupported image.file_id'), features.join(', '));
  });
}
