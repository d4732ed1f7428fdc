/**
 * The console overview's charts pick their lines by their own measure, and the rest add up into
 * one "Other" line: a busy cheap model, or a caller's stream of refused model names, must not push
 * the models that cost money out of the Cost chart, nor leave a stacked chart's total short.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartSeries, seriesShown } from '../../src/usage/chart-series.js';

const group = (name: string, requests: number[], cost: number[]) => ({ name, requests, cost });

test('up to the limit every group is drawn, in the order given', () => {
  const groups = [group('a', [1, 2], [0, 0]), group('b', [3, 4], [1, 1])];
  assert.deepEqual(
    chartSeries(groups, (entry) => entry.requests).map((series) => series.label),
    ['a', 'b'],
  );
});

test('past the limit the Cost chart keeps the costly models and sums the rest into Other, so its total is the period total', () => {
  // Eight busy names that cost nothing (refused requests), then the two models that cost money.
  const groups = [
    ...Array.from({ length: seriesShown }, (_, index) => group(`junk-${index}`, [12, 12], [0, 0])),
    group('alpha', [2, 1], [0.01, 0.02]),
    group('beta', [1, 1], [0.05, 0]),
  ];
  const cost = chartSeries(groups, (entry) => entry.cost);
  assert.equal(cost.length, seriesShown);
  assert.deepEqual(cost.slice(0, 2).map((series) => series.label), ['beta', 'alpha']);
  const other = cost.at(-1);
  assert.equal(other?.label, `Other (${groups.length - (seriesShown - 1)})`);
  const total = (series: typeof cost) => series.reduce((sum, line) => sum + line.values.reduce<number>((inner, value) => inner + (value ?? 0), 0), 0);
  assert.ok(Math.abs(total(cost) - 0.08) < 1e-12);
  const requests = chartSeries(groups, (entry) => entry.requests);
  assert.equal(total(requests), seriesShown * 24 + 5, 'the Requests chart adds up to every request');
});

test('a mean (latency) is not summed: the first groups are drawn and no Other line', () => {
  const groups = Array.from({ length: seriesShown + 3 }, (_, index) => ({ name: `m${index}`, latency: [100 + index, null] }));
  const latency = chartSeries(groups, (entry) => entry.latency, false);
  assert.equal(latency.length, seriesShown);
  assert.deepEqual(latency.map((series) => series.label), groups.slice(0, seriesShown).map((entry) => entry.name));
});
