/**
 * A PDF reaches every upstream that can read one, in a user message and in a tool result
 * (Claude Code's Read of a PDF puts a `document` block in the tool_result), and every upstream that
 * cannot says so in a warning. Callers are the official SDKs; assertions read what each upstream
 * received. Wire forms: Anthropic `document` (DocumentBlockParam), OpenAI Chat `file`, Responses
 * `input_file`, Gemini `inlineData` (see each dialect's file module for its source).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { modelFor, startHarness, type DialectName, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

type Body = Record<string, unknown>;
interface Entry {
  type: string;
  feature: string;
  message: string;
}

/** "%PDF-1.4\n", the bytes each upstream must receive. */
const pdfBase64 = 'JVBERi0xLjQK';
const pdfDataUrl = `data:application/pdf;base64,${pdfBase64}`;

const readTool: Anthropic.Tool = {
  name: 'Read',
  description: 'Read a file',
  input_schema: { type: 'object', properties: { file_path: { type: 'string' } }, required: ['file_path'] },
};
const anthropicConversation: Anthropic.MessageParam[] = [
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Compare this brief with report.pdf.' },
      { type: 'document', title: 'brief.pdf', source: { type: 'base64', media_type: 'application/pdf', data: pdfBase64 } },
    ],
  },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'Read', input: { file_path: 'report.pdf' } }] },
  {
    role: 'user',
    content: [
      {
        type: 'tool_result',
        tool_use_id: 'toolu_01',
        content: [
          { type: 'text', text: 'PDF file read: report.pdf' },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdfBase64 } },
        ],
      },
    ],
  },
];

function warningsOf(headers: Headers): Entry[] {
  return JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Entry[];
}

async function fromAnthropic(target: DialectName): Promise<{ upstream: Body; warnings: Entry[] }> {
  harness.upstreams[target].enqueue(upstreamScenarios[target].text.reply);
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages.create({ model: modelFor(target), max_tokens: 100, tools: [readTool], messages: anthropicConversation }).withResponse();
  const upstream = harness.upstreams[target].requests[0]?.body as Body | undefined;
  assert.ok(upstream !== undefined, `${target} received the request`);
  return { upstream, warnings: warningsOf(response.headers) };
}

describe('a PDF from an Anthropic caller, in a user message and in a tool result', () => {
  test('anthropic: both document blocks arrive as sent', async () => {
    const { upstream, warnings } = await fromAnthropic('anthropic');
    assert.deepEqual(upstream.messages, anthropicConversation);
    assert.deepEqual(warnings, []);
  });

  test('openai-chat: a file part in the user message; the tool result\'s file in a user message after the tool message', async () => {
    const { upstream, warnings } = await fromAnthropic('openai-chat');
    const messages = upstream.messages as Body[];
    assert.deepEqual(messages[0], {
      role: 'user',
      content: [
        { type: 'text', text: 'Compare this brief with report.pdf.' },
        { type: 'file', file: { file_data: pdfDataUrl, filename: 'brief.pdf' } },
      ],
    });
    assert.deepEqual(messages.slice(-2), [
      { role: 'tool', tool_call_id: 'toolu_01', content: 'PDF file read: report.pdf' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Files returned by tool call "toolu_01" (Read):' },
          { type: 'file', file: { file_data: pdfDataUrl, filename: 'document.pdf' } },
        ],
      },
    ]);
    assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [
      ['compatibility', 'file.filename'],
      ['compatibility', 'tool_result.file'],
    ]);
  });

  test('openai-responses: input_file in the message and in the function_call_output', async () => {
    const { upstream } = await fromAnthropic('openai-responses');
    const input = upstream.input as Body[];
    assert.deepEqual(input[0], {
      role: 'user',
      content: [
        { type: 'input_text', text: 'Compare this brief with report.pdf.' },
        { type: 'input_file', file_data: pdfDataUrl, filename: 'brief.pdf' },
      ],
    });
    assert.deepEqual(input.at(-1), {
      type: 'function_call_output',
      call_id: 'toolu_01',
      output: [
        { type: 'input_text', text: 'PDF file read: report.pdf' },
        { type: 'input_file', file_data: pdfDataUrl, filename: 'document.pdf' },
      ],
    });
  });

  test('gemini (2.5): inlineData in the user turn; the tool result\'s PDF follows the function response', async () => {
    const { upstream, warnings } = await fromAnthropic('gemini');
    const contents = upstream.contents as Array<{ role: string; parts: Body[] }>;
    // The document's title, which Claude reads, has no place on inlineData: it goes as text before it (core/document-notes.ts).
    assert.deepEqual(contents[0]?.parts, [{ text: 'Compare this brief with report.pdf.' }, { text: 'Document: brief.pdf' }, { inlineData: { mimeType: 'application/pdf', data: pdfBase64 } }]);
    assert.deepEqual(contents.at(-1)?.parts, [
      { functionResponse: { name: 'Read', response: { output: 'PDF file read: report.pdf' }, id: 'toolu_01' } },
      { text: 'Files returned by the function "Read":' },
      { inlineData: { mimeType: 'application/pdf', data: pdfBase64 } },
    ]);
    assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]).sort(), [['compatibility', 'file.title'], ['compatibility', 'tool_result.file']]);
  });

  test('ollama: no place for a file; the text goes, the files are reported', async () => {
    const { upstream, warnings } = await fromAnthropic('ollama');
    const messages = upstream.messages as Body[];
    assert.deepEqual(messages[0], { role: 'user', content: 'Compare this brief with report.pdf.' });
    assert.ok(!JSON.stringify(upstream).includes(pdfBase64));
    assert.deepEqual(warnings.filter((warning) => warning.feature === 'file').map((warning) => warning.type), ['unsupported']);
  });
});

const openai = () => new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });

describe('a PDF from an OpenAI Chat caller', () => {
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'user', content: [{ type: 'text', text: 'Summarize it.' }, { type: 'file', file: { file_data: pdfDataUrl, filename: 'report.pdf' } }] },
  ];
  test('anthropic: a base64 document titled with the filename', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    await openai().chat.completions.create({ model: modelFor('anthropic'), messages });
    const upstream = harness.upstreams.anthropic.requests[0]?.body as { messages: Body[] };
    assert.deepEqual(upstream.messages[0], {
      role: 'user',
      content: [
        { type: 'text', text: 'Summarize it.' },
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdfBase64 }, title: 'report.pdf' },
      ],
    });
  });
  test('gemini: inlineData', async () => {
    harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
    await openai().chat.completions.create({ model: modelFor('gemini'), messages });
    const upstream = harness.upstreams.gemini.requests[0]?.body as { contents: Array<{ parts: Body[] }> };
    assert.deepEqual(upstream.contents[0]?.parts, [{ text: 'Summarize it.' }, { inlineData: { mimeType: 'application/pdf', data: pdfBase64 } }]);
  });
  test('an uploaded file id stays with OpenAI: Anthropic is warned, not sent it', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    const { response } = await openai()
      .chat.completions.create({ model: modelFor('anthropic'), messages: [{ role: 'user', content: [{ type: 'text', text: 'Summarize it.' }, { type: 'file', file: { file_id: 'file-abc' } }] }] })
      .withResponse();
    const upstream = harness.upstreams.anthropic.requests[0]?.body as { messages: Body[] };
    assert.ok(!JSON.stringify(upstream).includes('file-abc'));
    assert.deepEqual(warningsOf(response.headers).map((warning) => [warning.type, warning.feature]), [['unsupported', 'file.file_id']]);
  });
});

describe('audio from an OpenAI Chat caller (input_audio)', () => {
  /** A 44-byte WAV header with no samples. */
  const wavBase64 = 'UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=';
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'user', content: [{ type: 'text', text: 'What is said?' }, { type: 'input_audio', input_audio: { data: wavBase64, format: 'wav' } }] },
  ];
  test('openai-responses: input_file takes no audio, so the audio is left out and reported', async () => {
    harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
    const { response } = await openai().chat.completions.create({ model: modelFor('openai-responses'), messages }).withResponse();
    const upstream = harness.upstreams['openai-responses'].requests[0]?.body as { input: Body[] };
    assert.deepEqual(upstream.input[0], { role: 'user', content: [{ type: 'input_text', text: 'What is said?' }] });
    assert.deepEqual(warningsOf(response.headers).map((warning) => [warning.type, warning.feature]), [['unsupported', 'file.audio/wav']]);
  });
});

describe('a PDF from a Responses caller, in a message and in a function_call_output', () => {
  const input: OpenAI.Responses.ResponseInput = [
    { role: 'user', content: [{ type: 'input_text', text: 'Read report.pdf.' }, { type: 'input_file', file_data: pdfDataUrl, filename: 'brief.pdf' }] },
    { type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '{"path":"report.pdf"}' },
    { type: 'function_call_output', call_id: 'call_1', output: [{ type: 'input_file', file_data: pdfDataUrl, filename: 'report.pdf' }] },
  ];
  const tools: OpenAI.Responses.Tool[] = [{ type: 'function', name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } }, strict: false }];

  test('anthropic: a document in the user turn and one inside the tool_result', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    await openai().responses.create({ model: modelFor('anthropic'), input, tools });
    const upstream = harness.upstreams.anthropic.requests[0]?.body as { messages: Array<{ role: string; content: Body[] }> };
    const document = (title: string) => ({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdfBase64 }, title });
    assert.deepEqual(upstream.messages[0]?.content, [{ type: 'text', text: 'Read report.pdf.' }, document('brief.pdf')]);
    assert.deepEqual(upstream.messages.at(-1), { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: [document('report.pdf')] }] });
  });

  test('gemini (2.5): inlineData in the user turn, and after the function response', async () => {
    harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.text.reply);
    await openai().responses.create({ model: modelFor('gemini'), input, tools });
    const upstream = harness.upstreams.gemini.requests[0]?.body as { contents: Array<{ role: string; parts: Body[] }> };
    assert.deepEqual(upstream.contents[0]?.parts, [{ text: 'Read report.pdf.' }, { inlineData: { mimeType: 'application/pdf', data: pdfBase64 } }]);
    assert.deepEqual(upstream.contents.at(-1)?.parts, [
      { functionResponse: { name: 'read_file', response: { output: '' }, id: 'call_1' } },
      { text: 'Files returned by the function "read_file":' },
      { inlineData: { mimeType: 'application/pdf', data: pdfBase64 } },
    ]);
  });
});

describe('an image uploaded to its vendor, named by its file id', () => {
  const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: [{ type: 'input_text', text: 'Describe it.' }, { type: 'input_image', file_id: 'file-img1', detail: 'high' }] }];

  test('a Responses caller’s input_image file_id goes back to a Responses upstream as its file_id', async () => {
    harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
    const { response } = await openai().responses.create({ model: modelFor('openai-responses'), input }).withResponse();
    const upstream = harness.upstreams['openai-responses'].requests[0]?.body as { input: Body[] };
    assert.deepEqual(upstream.input[0], { role: 'user', content: [{ type: 'input_text', text: 'Describe it.' }, { type: 'input_image', detail: 'high', file_id: 'file-img1' }] });
    assert.deepEqual(warningsOf(response.headers), []);
  });

  test('to Anthropic, which cannot read OpenAI’s file, it is left out with an image.file_id warning', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    const { response } = await openai().responses.create({ model: modelFor('anthropic'), input }).withResponse();
    const upstream = harness.upstreams.anthropic.requests[0]?.body as { messages: Body[] };
    assert.deepEqual(upstream.messages[0], { role: 'user', content: [{ type: 'text', text: 'Describe it.' }] });
    assert.deepEqual(warningsOf(response.headers).map((warning) => [warning.type, warning.feature]), [['unsupported', 'image.file_id']]);
  });

  test('an Anthropic caller’s image from the Files API goes back to Anthropic as a file source, and is left out for OpenAI', async () => {
    const messages: Anthropic.Beta.BetaMessageParam[] = [{ role: 'user', content: [{ type: 'text', text: 'Describe it.' }, { type: 'image', source: { type: 'file', file_id: 'file_011CPMxVD3fHLUhvTqtsQA5w' } }] }];
    const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    await client.beta.messages.create({ model: modelFor('anthropic'), max_tokens: 64, betas: ['files-api-2025-04-14'], messages });
    const toAnthropic = harness.upstreams.anthropic.requests[0]?.body as { messages: Array<{ content: Body[] }> };
    assert.deepEqual(toAnthropic.messages[0]?.content[1], { type: 'image', source: { type: 'file', file_id: 'file_011CPMxVD3fHLUhvTqtsQA5w' } });
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const { response } = await client.beta.messages.create({ model: modelFor('openai-chat'), max_tokens: 64, betas: ['files-api-2025-04-14'], messages }).withResponse();
    const toChat = harness.upstreams['openai-chat'].requests[0]?.body as { messages: Body[] };
    assert.deepEqual(toChat.messages[0], { role: 'user', content: [{ type: 'text', text: 'Describe it.' }] });
    assert.deepEqual(warningsOf(response.headers).map((warning) => [warning.type, warning.feature]), [['unsupported', 'image.file_id']]);
  });
});
