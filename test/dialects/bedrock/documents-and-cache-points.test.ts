/**
 * Converse `document` blocks and `cachePoint` blocks: written from the interlingua's file parts and
 * cache breakpoints, read back from a recorded request, and every written body accepted by the
 * Bedrock judge (test/support/vendor-rules/bedrock.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';
import { readFixtureJson } from '../../support/fixtures.js';

const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const emitOptions = { model: claude, defaultMaxOutputTokens: 1024 };
const pdf = Buffer.from('%PDF-1.4 a tiny document').toString('base64');

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return { model: 'smart', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }], sampling: {}, stream: false, ...overrides };
}

function judged(body: unknown) {
  return judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(claude)}/converse`, headers: { authorization: 'Bearer test-key' }, body });
}

test('a recorded request with a document and four cache points reads as a file part and breakpoints, and is written back as it came', () => {
  // test/fixtures/recorded/bedrock/pa-converse-cachepoint.request.json: cache points after the tools, the system prompt and two user blocks; a txt document.
  const recorded = readFixtureJson('bedrock/pa-converse-cachepoint.request.json') as Record<string, unknown>;
  const parsed = bedrockDialect.parseRequest(recorded, { model: claude });
  assert.deepEqual(parsed.warnings, []);
  const user = parsed.request.messages[0];
  assert.ok(user?.role === 'user');
  const file = user.content.find((part) => part.type === 'file');
  assert.ok(file?.type === 'file' && file.source.kind === 'base64');
  assert.equal(file.source.mediaType, 'text/plain');
  assert.equal(file.title, 'Document 1');
  assert.deepEqual(parsed.request.system.at(-1)?.cache, {});
  assert.deepEqual(parsed.request.tools?.at(-1)?.cache, {});
  assert.equal(user.content.filter((part) => part.type === 'text' && part.cache !== undefined).length, 2);
  const emitted = bedrockDialect.emitRequest(parsed.request, emitOptions);
  const { inferenceConfig: _inference, ...expected } = recorded;
  assert.deepEqual(emitted.body, expected);
  assert.equal(judged(emitted.body), undefined);
});

test('file parts go as document blocks with names Bedrock takes, in user turns and tool results', () => {
  const emitted = bedrockDialect.emitRequest(
    request({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Summarise.' }, { type: 'file', filename: 'q3_report.final.pdf', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf } }] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'fetch_notes', arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', content: [{ type: 'file', source: { kind: 'text', mediaType: 'text/markdown', text: '# Notes' } }] }] },
      ],
      tools: [{ name: 'fetch_notes', parameters: { type: 'object' } }],
    }),
    emitOptions,
  );
  const messages = (emitted.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages;
  assert.deepEqual(messages[0]?.content[1], { document: { format: 'pdf', name: 'q3 report final pdf', source: { bytes: pdf } } });
  const result = messages[2]?.content[0]?.['toolResult'] as { content: unknown[] };
  assert.deepEqual(result.content[0], { document: { format: 'md', name: 'document 2', source: { bytes: Buffer.from('# Notes').toString('base64') } } });
  assert.deepEqual(emitted.warnings, []);
  assert.equal(judged(emitted.body), undefined);
});

test('a file by URL, a file uploaded elsewhere and a format Bedrock does not read are left out with warnings', () => {
  const emitted = bedrockDialect.emitRequest(
    request({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Read these.' },
            { type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' } },
            { type: 'file', source: { kind: 'file-id', fileId: 'file-abc', origin: 'openai-chat' } },
            { type: 'file', source: { kind: 'base64', mediaType: 'application/zip', data: 'UEsDBA==' } },
          ],
        },
      ],
    }),
    emitOptions,
  );
  assert.deepEqual((emitted.body as { messages: unknown[] }).messages, [{ role: 'user', content: [{ text: 'Read these.' }] }]);
  assert.deepEqual(emitted.warnings.map((warning) => warning.feature).sort(), ['file.file_id', 'file.format', 'file.url']);
});

test('past five documents the earliest become notes, repeated names are numbered, and a document alone gets a text block', () => {
  const file = (title: string) => ({ type: 'file' as const, title, source: { kind: 'base64' as const, mediaType: 'application/pdf', data: pdf } });
  const emitted = bedrockDialect.emitRequest(
    request({
      messages: [
        { role: 'user', content: [file('Report'), { type: 'text', text: 'Compare.' }, file('report'), file('Report')] },
        { role: 'assistant', content: [{ type: 'text', text: 'Send more.' }] },
        { role: 'user', content: [file('A'), file('B'), file('C')] },
      ],
    }),
    emitOptions,
  );
  const messages = (emitted.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages;
  assert.deepEqual(messages[0]?.content[0], { text: '[A document, "Report", was left out here.]' });
  const names = messages.flatMap((message) => message.content.flatMap((block) => (block['document'] === undefined ? [] : [(block['document'] as { name: string }).name])));
  assert.deepEqual(names, ['report', 'Report (2)', 'A', 'B', 'C']);
  assert.deepEqual(messages[2]?.content.at(-1), { text: '.' });
  assert.deepEqual(emitted.warnings.map((warning) => warning.feature).sort(), ['file.count', 'file.name', 'file.text_block']);
  assert.equal(judged(emitted.body), undefined);
});

test('breakpoints become cache points after their blocks; past four they are left out, and one hour never follows five minutes', () => {
  const emitted = bedrockDialect.emitRequest(
    request({
      tools: [{ name: 'lookup', parameters: { type: 'object' }, cache: { ttl: '1h' } }],
      system: [{ type: 'text', text: 'Be brief.', cache: {} }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'One', cache: { ttl: '1h' } }, { type: 'text', text: 'Two', cache: {} }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Three', cache: {} }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'x', content: [{ type: 'text', text: 'r', cache: {} }] }] },
      ],
    }),
    emitOptions,
  );
  const body = emitted.body as { toolConfig: { tools: unknown[] }; system: unknown[]; messages: Array<{ content: unknown[] }> };
  assert.deepEqual(body.toolConfig.tools[1], { cachePoint: { type: 'default', ttl: '1h' } });
  assert.deepEqual(body.system, [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }]);
  assert.deepEqual(body.messages[0]?.content, [{ text: 'One' }, { cachePoint: { type: 'default', ttl: '5m' } }, { text: 'Two' }, { cachePoint: { type: 'default' } }]);
  assert.deepEqual(body.messages[1]?.content, [{ text: 'Three' }]);
  assert.ok(emitted.warnings.some((warning) => warning.feature === 'cache_breakpoints'));
  assert.ok(emitted.warnings.some((warning) => warning.feature === 'cache_breakpoints.ttl'));
});

test('the judge refuses what Bedrock refuses of documents, and a fifth cache point', () => {
  const withDocument = (document: Record<string, unknown>) => ({ messages: [{ role: 'user', content: [{ text: 'x' }, { document }] }] });
  assert.equal(judged(withDocument({ format: 'pdf', name: 'report.pdf', source: { bytes: pdf } }))?.rule, 'bedrock.converse.document.name');
  assert.equal(judged(withDocument({ format: 'pdf', name: 'two  spaces', source: { bytes: pdf } }))?.rule, 'bedrock.converse.document.name');
  assert.equal(judged(withDocument({ format: 'zip', name: 'archive', source: { bytes: pdf } }))?.rule, 'bedrock.converse.document.format');
  assert.equal(judged(withDocument({ format: 'pdf', name: 'Report (Q3) [final]', source: { bytes: pdf } })), undefined);
  assert.equal(judged({ messages: [{ role: 'user', content: [{ document: { format: 'pdf', name: 'a', source: { bytes: pdf } } }] }] })?.rule, 'bedrock.converse.document.with-text');
  const twice = { messages: [{ role: 'user', content: [{ text: 'x' }, { document: { format: 'pdf', name: 'a', source: { bytes: pdf } } }, { document: { format: 'txt', name: 'a', source: { bytes: pdf } } }] }] };
  assert.equal(judged(twice)?.rule, 'bedrock.converse.document.unique-names');
  const six = { messages: [{ role: 'user', content: [{ text: 'x' }, ...[1, 2, 3, 4, 5, 6].map((n) => ({ document: { format: 'pdf', name: `d${n}`, source: { bytes: pdf } } }))] }] };
  assert.equal(judged(six)?.rule, 'bedrock.converse.document.at-most-five');
  const point = { cachePoint: { type: 'default' } };
  const five = { system: [{ text: 'a' }, point], messages: [{ role: 'user', content: [{ text: 'b' }, point, { text: 'c' }, point, { text: 'd' }, point, { text: 'e' }, point] }] };
  assert.equal(judged(five)?.rule, 'bedrock.converse.cache-point.at-most-four');
});

test('a Converse caller\'s document and cache points reach Anthropic-shaped breakpoints in the interlingua', () => {
  const parsed = bedrockDialect.parseRequest(
    {
      system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default', ttl: '1h' } }],
      messages: [
        { role: 'user', content: [{ document: { format: 'pdf', name: 'Report', source: { bytes: pdf } } }, { text: 'Summarise.' }, { cachePoint: { type: 'default' } }] },
        { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'f', input: {} } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ document: { format: 'csv', name: 'rows', source: { bytes: 'YSxi' } } }] } }] },
      ],
      toolConfig: { tools: [{ toolSpec: { name: 'f', inputSchema: { json: { type: 'object' } } } }, { cachePoint: { type: 'default' } }] },
    },
    { model: claude },
  );
  assert.deepEqual(parsed.request.system, [{ type: 'text', text: 'Be brief.', cache: { ttl: '1h' } }]);
  assert.deepEqual(parsed.request.messages[0], {
    role: 'user',
    content: [
      { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, title: 'Report' },
      { type: 'text', text: 'Summarise.', cache: {} },
    ],
  });
  const result = parsed.request.messages[2];
  assert.ok(result?.role === 'tool' && result.content[0]?.type === 'tool-result');
  assert.deepEqual(result.content[0].content, [{ type: 'file', source: { kind: 'base64', mediaType: 'text/csv', data: 'YSxi' }, title: 'rows' }]);
  assert.deepEqual(parsed.request.tools?.[0]?.cache, {});
  assert.throws(() => bedrockDialect.parseRequest({ messages: [{ role: 'user', content: [{ document: { format: 'pdf', name: 'x', source: { s3Location: { uri: 's3://b/k' } } } }] }] }, { model: claude }), {
    code: 'invalid_request',
  });
});
