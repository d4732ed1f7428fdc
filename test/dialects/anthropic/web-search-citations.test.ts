/**
 * Claude's web search citations are read into URL citations covering their whole text block,
 * whole and streamed; document citations (`char_location`) stay Anthropic's own, for an Anthropic
 * caller, and are listed as left out for the others. Shapes: `CitationsWebSearchResultLocation`,
 * `CitationCharLocation` and `CitationsDelta` in @anthropic-ai/sdk; the web search tool's documented
 * answer (https://docs.claude.com/en/docs/agents-and-tools/tool-use/web-search-tool).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { unportedOutputKey } from '../../../src/core/unported-output.js';
import { decodeFrames, responseContext, sseFrames } from './support.js';

const webCitation = { type: 'web_search_result_location', url: 'https://example.org/shannon', title: null, encrypted_index: 'Eo8B', cited_text: 'Claude Elwood Shannon (April 30, 1916 – February 24, 2001)…' };
const documentCitation = { type: 'char_location', cited_text: 'The grass is green.', document_index: 0, document_title: 'Facts', start_char_index: 0, end_char_index: 20 };
const cited = 'Shannon 🎓 was born in 1916';

const message = {
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-20250514',
  content: [
    { type: 'text', text: 'Per ' },
    // The same page cited twice for one block is one citation of it.
    { type: 'text', text: cited, citations: [webCitation, { ...webCitation, cited_text: 'Shannon was born in Petoskey' }] },
    { type: 'text', text: 'The grass is green.', citations: [documentCitation] },
  ],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 20 },
};

test('a whole answer: the web citation covers its block, the document one stays vendor data, both are listed', () => {
  const response = anthropicDialect.parseResponse(message);
  const [, web, document] = response.content;
  assert.deepEqual(web?.type === 'text' ? web.citations : undefined, [{ type: 'url', url: webCitation.url, startIndex: 0, endIndex: cited.length }]);
  assert.equal(document?.type === 'text' ? document.citations : 'no text', undefined);
  const listed = response.vendor?.['anthropic']?.[unportedOutputKey] as Array<{ feature: string; urlCitations?: true }>;
  assert.deepEqual(listed.map((entry) => [entry.feature, entry.urlCitations === true]), [['output.citations', true], ['output.citations', false]]);
  const emitted = anthropicDialect.emitResponse(response, responseContext()) as Record<string, unknown>;
  assert.deepEqual(emitted['content'], message.content, 'an Anthropic caller gets the citations as Claude sent them');
  assert.equal(emitted[unportedOutputKey], undefined);
});

test('a stream: citations_delta before and after the text, on text-end, whole as vendor data; the list rides on finish', () => {
  const event = (data: Record<string, unknown>): string => `event: ${String(data['type'])}\ndata: ${JSON.stringify(data)}\n\n`;
  const text = [
    event({ type: 'message_start', message: { ...message, content: [], stop_reason: null } }),
    event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: [] } }),
    event({ type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: webCitation } }),
    event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: cited.slice(0, 9) } }),
    event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: cited.slice(9) } }),
    event({ type: 'content_block_stop', index: 0 }),
    event({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
    event({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'The grass is green.' } }),
    event({ type: 'content_block_delta', index: 1, delta: { type: 'citations_delta', citation: documentCitation } }),
    event({ type: 'content_block_stop', index: 1 }),
    event({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 20 } }),
    event({ type: 'message_stop' }),
  ].join('');
  const events = decodeFrames(sseFrames(text));
  const ends = events.filter((entry) => entry.type === 'text-end');
  assert.deepEqual(ends, [
    { type: 'text-end', id: '0', citations: [{ type: 'url', url: webCitation.url, startIndex: 0, endIndex: cited.length }], vendor: { anthropic: { citations: [webCitation] } } },
    // No URL citation, but Claude's own, for an Anthropic caller.
    { type: 'text-end', id: '1', vendor: { anthropic: { citations: [documentCitation] } } },
  ]);
  const finish = events.find((entry) => entry.type === 'finish');
  const listed = finish?.type === 'finish' ? (finish.vendor?.['anthropic']?.[unportedOutputKey] as unknown[]) : [];
  assert.equal(listed.length, 2);
});
