import { runBenchmark, type Measurement, type Phases, type Systems, type TargetKind } from './measure.js';
import { sweepLengths } from './long-streams.js';
import { longStreamScenario } from './scenarios.js';

/**
 * Whether an event late in a stream costs what an early one does: CPU per request of the same
 * translated stream at 20, 500 and 1,000 events (`sweepLengths`), for the gateway and the
 * reference proxy. The cost of a request's fixed part cancels in the differences, so
 * (cpu(500) − cpu(20)) / 480 is what an event costs early in a stream and
 * (cpu(1000) − cpu(500)) / 500 what it costs late; flat when the two agree. Spans of hundreds
 * of events keep each difference well above the noise of a shared machine.
 */

export interface PerEventFigures {
  target: TargetKind;
  /** CPU µs per request at each of `sweepLengths`. */
  cpuMicrosPerRequest: number[];
  earlyMicrosPerEvent: number;
  lateMicrosPerEvent: number;
}

/** How much dearer a late event may be than an early one and still count as flat (the machine's noise is about this). */
export const flatTolerance = 0.25;

export async function measurePerEvent(systems: Systems, kinds: readonly TargetKind[], phases: Phases, progress: (line: string) => void): Promise<PerEventFigures[]> {
  const scenarios = sweepLengths.map((events) => longStreamScenario(events));
  const rows = await runBenchmark(scenarios, kinds.filter((kind) => kind !== 'direct'), systems, phases, progress);
  const figures: PerEventFigures[] = [];
  for (const target of kinds) {
    const costs = scenarios.map((scenario) => cpuOf(rows, scenario.name, target));
    const [short, middle, long] = costs;
    const [shortEvents, middleEvents, longEvents] = sweepLengths;
    if (short === undefined || middle === undefined || long === undefined) continue;
    figures.push({
      target,
      cpuMicrosPerRequest: costs.map((cost) => cost ?? Number.NaN),
      earlyMicrosPerEvent: (middle - short) / (middleEvents - shortEvents),
      lateMicrosPerEvent: (long - middle) / (longEvents - middleEvents),
    });
  }
  return figures;
}

function cpuOf(rows: readonly Measurement[], scenario: string, target: TargetKind): number | undefined {
  return rows.find((row) => row.scenario === scenario && row.target === target)?.sut?.cpuMicrosPerRequest.median;
}

export function formatPerEvent(figures: readonly PerEventFigures[]): string {
  const [short, middle, long] = sweepLengths;
  const lines = [
    `Per-event cost (translate oai→anthropic stream at ${sweepLengths.join(', ')} events; CPU µs/req medians):`,
    `target | ${sweepLengths.map((events) => `${events} events`).join(' | ')} | µs/event, events ${short}–${middle} | µs/event, events ${middle}–${long} | late ÷ early`,
  ];
  for (const row of figures) {
    lines.push([row.target, ...row.cpuMicrosPerRequest.map((cost) => cost.toFixed(0)), row.earlyMicrosPerEvent.toFixed(2), row.lateMicrosPerEvent.toFixed(2), `${(row.lateMicrosPerEvent / row.earlyMicrosPerEvent).toFixed(2)}×`].join(' | '));
  }
  return lines.join('\n');
}
