/** Chat Completions annotations placed on the text parts they fall in, in the order they came, each once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentCitations } from '../../../src/dialects/openai-chat/url-citations-read.js';

const annotation = (url: string, start: number, end: number) => ({ type: 'url_citation', url_citation: { url, start_index: start, end_index: end, title: url } });

test('citations go to the part they fall in, indexed into it, in the order they came', () => {
  const citations = new ContentCitations();
  citations.add([annotation('c', 12, 15), annotation('a', 2, 5), annotation('b', 0, 3), annotation('a', 2, 5), annotation('across', 8, 12), annotation('d', 10, 11)]);
  assert.deepEqual(
    citations.take(0, 10)?.map((citation) => [citation.url, citation.startIndex, citation.endIndex]),
    [
      ['a', 2, 5],
      ['b', 0, 3],
    ],
  );
  assert.deepEqual(
    citations.take(10, 10)?.map((citation) => [citation.url, citation.startIndex, citation.endIndex]),
    [
      ['c', 2, 5],
      ['d', 0, 1],
    ],
  );
  assert.equal(citations.take(20, 5), undefined);
  // The one across both parts was placed in neither, and is reported.
  assert.match(JSON.stringify(citations.unported()), /1 of the upstream's annotations/);
});

test('parts longer than the pending citations and shorter both find theirs', () => {
  const citations = new ContentCitations();
  citations.add(Array.from({ length: 50 }, (_, index) => annotation(`u${index}`, index * 2, index * 2 + 1)));
  // A one-character part looks its start up; a long part walks the pending ones.
  assert.deepEqual(citations.take(4, 1)?.map((citation) => citation.url), ['u2']);
  assert.equal(citations.take(0, 100)?.length, 49);
  assert.equal(citations.unported()?.[Object.keys(citations.unported() ?? {})[0]!]?.length, 1, 'all placed: one entry, no unplaced one');
});
