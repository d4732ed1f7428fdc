/**
 * Claude's citations travel under the Anthropic dialect's vendor name, whichever wire format they
 * came in (anthropic/stream-decode.ts, bedrock/citations.ts), so the Anthropic encoder finds them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claudeCitationsVendorName, wireCitationsVendor } from '../../../src/dialects/claude-family/citations-vendor.js';
import { dialectName } from '../../../src/dialects/anthropic/vendor-data.js';
import { citationDeltas } from '../../../src/dialects/anthropic/stream-citations.js';

test("Claude's citations are kept under the Anthropic dialect's vendor name", () => {
  assert.equal(claudeCitationsVendorName, dialectName);
});

test('the Anthropic encoder writes back, in order, the citations kept for it', () => {
  const citations = [
    { type: 'char_location', cited_text: 'a', document_index: 0, document_title: null, start_char_index: 0, end_char_index: 1 },
    { type: 'page_location', cited_text: 'b', document_index: 1, document_title: 'Two', start_page_number: 2, end_page_number: 3 },
  ];
  assert.deepEqual(citationDeltas(wireCitationsVendor(citations)), citations.map((citation) => ({ type: 'citations_delta', citation })));
});
