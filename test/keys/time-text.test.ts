/**
 * The moments `--expires`, `--since`, `--until` and the admin API's `expires`, `since` and `until`
 * take (src/keys/time-text.ts): only forms with one meaning, so a forgotten unit, an impossible date
 * or a stray word is refused instead of guessed, and a time with no zone is UTC wherever it runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMoment } from '../../src/keys/time-text.js';

const now = Date.UTC(2026, 5, 1, 12, 0, 0);
const later = (text: string) => parseMoment(text, now, 1, '--expires');
const earlier = (text: string) => parseMoment(text, now, -1, '--since');

test('spans count from now, forward for an expiry and back for a window, as the help writes them', () => {
  assert.equal(later('30d'), now + 30 * 86_400_000);
  assert.equal(later('90d'), now + 90 * 86_400_000);
  assert.equal(earlier('24h'), now - 24 * 3_600_000);
  assert.equal(earlier('30m'), now - 30 * 60_000);
  assert.equal(earlier('7d'), now - 7 * 86_400_000);
  assert.equal(later('2w'), now + 14 * 86_400_000);
  assert.equal(later('90s'), now + 90_000);
  assert.equal(later('1.5h'), now + 5_400_000);
  assert.equal(later(' 12H '), now + 12 * 3_600_000);
});

test('a span is whole milliseconds, and one that ends past any Date is refused', () => {
  assert.equal(later('0.0001s'), now);
  assert.equal(earlier('1.0001s'), now - 1001);
  assert.throws(() => later('99999999999999d'), /--expires: "99999999999999d" is further from 1970 than any date/);
  assert.throws(() => earlier('15000000w'), /--since: "15000000w" is further from 1970 than any date/);
  assert.equal(earlier('14000w'), now - 14_000 * 604_800_000);
});

test('an ISO date is midnight UTC; a date and time without a zone is UTC, with one it is that zone', () => {
  assert.equal(later('2030-02-28'), Date.UTC(2030, 1, 28));
  assert.equal(later('2026-12-31T12:00:00Z'), Date.UTC(2026, 11, 31, 12));
  assert.equal(later('2026-12-31T12:00:00'), Date.UTC(2026, 11, 31, 12));
  assert.equal(later('2026-12-31T12:00'), Date.UTC(2026, 11, 31, 12));
  assert.equal(later('2026-12-31T12:00:00.250Z'), Date.UTC(2026, 11, 31, 12, 0, 0, 250));
  assert.equal(later('2026-12-31T12:00:00+02:00'), Date.UTC(2026, 11, 31, 10));
  assert.equal(later('2026-12-31T12:00-0530'), Date.UTC(2026, 11, 31, 17, 30));
  assert.equal(later('2026-12-31 12:00+01'), Date.UTC(2026, 11, 31, 11));
  assert.equal(later('2024-02-29'), Date.UTC(2024, 1, 29), 'a leap day');
});

test('the time column `interlingua usage` prints, headed "time (UTC)", reads back as UTC whatever the machine\'s zone', () => {
  const printed = new Date(Date.UTC(2026, 11, 6, 2, 54)).toISOString().slice(0, 19).replace('T', ' ');
  assert.equal(printed, '2026-12-06 02:54:00');
  const zone = process.env.TZ;
  process.env.TZ = 'America/New_York';
  try {
    assert.equal(earlier(printed), Date.UTC(2026, 11, 6, 2, 54));
    assert.equal(earlier('2026-12-06T02:54'), Date.UTC(2026, 11, 6, 2, 54));
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test('epoch milliseconds (13 digits, as the console sends them) are taken as they are', () => {
  assert.equal(earlier('1780315200000'), 1780315200000);
});

test('a bare number is refused with the unit it most likely lacks, not read as a year', () => {
  assert.throws(() => later('45'), (error: Error) => {
    assert.match(error.message, /^--expires: "45" is not a span, date or time \(did you mean 45d\?\); write a span from now \(30d, 12h, 90m\), a date \(2026-12-31, midnight UTC\)/);
    return true;
  });
  assert.throws(() => earlier('7'), { message: /^--since: "7" is not a span, date or time \(did you mean 7d\?\); write a span back from now/ });
  assert.throws(() => earlier('12'), /did you mean 12d\?/);
  assert.throws(() => earlier('1780315200'), /epoch seconds\? write milliseconds: 1780315200000/);
});

test('a date that is not on the calendar is refused, not rolled into the next month', () => {
  for (const text of ['2030-02-31', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-12-31T24:00', '2026-12-31T12:60', '2026-12-31T12:00:61']) {
    assert.throws(() => later(text), { message: new RegExp(`^--expires: "${text}" is not a date on the calendar`) }, text);
  }
  assert.throws(() => later('2026-12-31T12:00+25:00'), /offset from UTC past ±23:59/);
});

test('text that only looks like a date is refused, naming the value and the forms taken', () => {
  for (const text of ['hello 2027', 'soon', 'yesterday', 'tomorrow', 'Dec 31 2026', '12/31/2026', '31.12.2026', '2026', '2026-12', '2026-1-5', '2026-12-31T12', 'next week', '', '30 days', '-5d', '1e3']) {
    assert.throws(() => later(text), (error: Error) => {
      assert.ok(error.message.startsWith(`--expires: "${text}" is not a `), `${text}: ${error.message}`);
      return true;
    }, text);
  }
});

test('any text gives a finite moment or an Error saying what was wrong, never NaN or a crash', () => {
  const momentLike = fc.oneof(
    fc.string(),
    fc.stringMatching(/^\d{1,4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{1,2}(:\d{1,2}(\.\d{1,4})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/),
    fc.stringMatching(/^\d{1,14}(\.\d{1,3})?[smhdwx]?$/),
  );
  fc.assert(
    fc.property(momentLike, fc.constantFrom<1 | -1>(1, -1), (text, direction) => {
      try {
        assert.ok(Number.isFinite(parseMoment(text, now, direction, 'when')), text);
      } catch (error) {
        assert.ok(error instanceof Error && error.message.startsWith(`when: "${text}"`), String(error));
      }
    }),
  );
});
