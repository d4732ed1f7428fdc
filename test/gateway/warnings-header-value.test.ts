/** The x-interlingua-warnings value: its format for a few warnings, and its cap with a pointer to the full list. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxWarningsHeaderBytes, warningsHeaderValue, type WarningsHeaderEntry } from '../../src/gateway/warnings-header.js';
import type { Warning } from '../../src/interlingua/warning.js';

type Entry = WarningsHeaderEntry;

const isPlainAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

test('a few distinct warnings keep the documented format: [{type, feature, message}]', () => {
  const value = warningsHeaderValue([
    { type: 'compatibility', feature: 'temperature', message: "Anthropic's temperature goes up to 1; 1.5 was sent as 1." },
    { type: 'unsupported', feature: 'frequency_penalty', message: 'Anthropic has no frequency_penalty; it was left out.' },
  ]);
  assert.equal(
    value,
    '[{"type":"compatibility","feature":"temperature","message":"Anthropic\'s temperature goes up to 1; 1.5 was sent as 1."},' +
      '{"type":"unsupported","feature":"frequency_penalty","message":"Anthropic has no frequency_penalty; it was left out."}]',
  );
  assert.equal(warningsHeaderValue([]), undefined);
});

test('the value is plain ASCII whatever the messages hold, and reads back as the same text', () => {
  const message = 'Zeilenumbruch\r\nund Umlaute äö, emoji 😀, DEL \u007f, NUL \u0000';
  const value = warningsHeaderValue([{ type: 'unsupported', feature: 'f', message }]) ?? '';
  assert.ok(isPlainAscii(value), value);
  assert.equal((JSON.parse(value) as Entry[])[0]?.message, message);
});

test('past the cap: entries that fit, then one pointing to the log and the inspector, all within 4 KB', () => {
  const warnings: Warning[] = Array.from({ length: 300 }, (_, index) => ({
    type: 'unsupported',
    feature: `extra_field_${index}`,
    message: `"extra_field_${index}" (openai-chat) has no equivalent in anthropic and was left out.`,
  }));
  const value = warningsHeaderValue(warnings, { requestId: 'req-7', exchange: 'exc_abc' }) ?? '';
  assert.ok(value.length <= maxWarningsHeaderBytes, `${value.length} bytes`);
  assert.ok(isPlainAscii(value));
  const entries = JSON.parse(value) as Entry[];
  const last = entries.at(-1);
  assert.equal(last?.feature, 'warnings.truncated');
  assert.equal(last?.requestId, 'req-7');
  assert.equal(last?.exchange, 'exc_abc');
  assert.equal(last?.omitted, 300 - (entries.length - 1));
  assert.match(last?.message ?? '', /gateway log \(requestId req-7\).*inspector \(exchange exc_abc\)/);
  assert.deepEqual(
    entries.slice(0, -1).map((entry) => entry.feature),
    warnings.slice(0, entries.length - 1).map((warning) => warning.feature),
    'the first warnings are kept, in order',
  );
  assert.ok(entries.length > 20, 'the room is used');
});

test('a group with more tool names than fit keeps its count and as many names as fit', () => {
  const tools = Array.from({ length: 400 }, (_, index) => `mcp__server__a_rather_long_tool_name_${index}`);
  const warnings: Warning[] = tools.map((tool) => ({ type: 'unsupported', feature: 'json_schema.$schema', message: 'Gemini schemas have no "$schema"; it was left out.', tool }));
  const value = warningsHeaderValue(warnings, { requestId: 'req-8' }) ?? '';
  assert.ok(value.length <= maxWarningsHeaderBytes, `${value.length} bytes`);
  const [group, note] = JSON.parse(value) as Entry[];
  assert.equal(group?.count, 400);
  assert.ok((group?.tools?.length ?? 0) > 10 && (group?.tools?.length ?? 0) < 400);
  assert.deepEqual(group?.tools, tools.slice(0, group?.tools?.length));
  assert.equal(note?.feature, 'warnings.truncated');
  assert.equal(note?.omitted, 0);
  assert.match(note?.message ?? '', /some tool names/);
  assert.equal(note?.exchange, undefined, 'no inspector to point to when capture is off');
});
