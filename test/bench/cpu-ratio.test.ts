import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuRatioToReference, type Measurement } from '../../bench/measure.js';

function row(target: Measurement['target'], cpuMicrosByRound?: number[]): Measurement {
  const measurement: Measurement = { scenario: 'json', target, requestsPerSecond: 1, loadP50Ms: 1, loadP99Ms: 1, latencyP50Ms: 1, latencyP99Ms: 1, requests: 1, errors: 0 };
  if (cpuMicrosByRound !== undefined) measurement.sut = { cpuMicrosPerRequest: { median: 0, min: 0, max: 0 }, cpuMicrosByRound, coreShare: 100, peakRssBytes: 0 };
  return measurement;
}

test('the CPU ratio pairs the windows of each round: a machine that slows between rounds slows both alike', () => {
  // The machine doubled its cost from round 3 on; within every round the gateway costs 2× the reference.
  const reference = row('reference', [50, 50, 100, 100, 100]);
  const gateway = row('gateway', [100, 100, 200, 200, 200]);
  assert.equal(cpuRatioToReference(gateway, [reference, gateway]), 2);
  // Here the slowdown came between the two windows of round 3: the medians (200 and 50) would say 4×.
  const between = row('gateway', [100, 100, 200, 200, 200]);
  assert.equal(cpuRatioToReference(between, [row('reference', [50, 50, 50, 100, 100]), between]), 2);
});

test('a round that served nothing is left out, and without a reference there is no ratio', () => {
  const reference = row('reference', [50, Number.NaN, 50]);
  const gateway = row('gateway', [100, 300, Number.NaN]);
  assert.equal(cpuRatioToReference(gateway, [reference, gateway]), 2);
  assert.equal(cpuRatioToReference(gateway, [gateway]), undefined);
  assert.equal(cpuRatioToReference(row('direct'), [reference, row('direct')]), undefined);
});
