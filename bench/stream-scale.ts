import { measureFirstBytes, markedStreamRequest, type FirstByteFigures, type FirstByteTarget } from './first-byte.js';
import { holdIdleStreams, streamsWithinFileLimit, type IdleStreamFigures } from './idle-streams.js';
import { originOf } from './measure.js';
import { BenchChild, type StartOptions } from './processes.js';
import { anthropicPath, openaiPath } from './scenarios.js';

/**
 * Streams at scale: the first byte's delay behind the upstream's first event, one stream at a time,
 * and the RSS of 10,000 streams held open at once, for the gateway and the reference proxy. Fresh
 * processes of their own, against the holding upstream (first event only, then nothing), so that
 * neither the main run's heap nor its upstream's replies mix into the figures.
 */

export interface StreamScaleFigures {
  firstBytes: FirstByteFigures[];
  idle: Array<{ target: 'gateway' | 'reference'; figures: IdleStreamFigures }>;
  /** The streams asked for, and the open-file limit that may have bounded them. */
  wanted: number;
  fileLimit?: number;
}

export interface StreamScaleOptions {
  /** `taskset` lists for the systems under test and for the upstream, when the run pins. */
  pinning?: { sut: string; others: string };
  firstByteSamples: number;
  /** Held through the gateway (fewer if the open-file limit says so). */
  idleStreams: number;
  /** Held through the reference proxy: its RSS per stream is the comparison, and fewer streams save a minute. */
  referenceIdleStreams: number;
  /** Where the gateway's log goes. */
  gatewayLog: string;
}

export async function measureStreamScale(options: StreamScaleOptions, progress: (line: string) => void): Promise<StreamScaleFigures> {
  const started: BenchChild[] = [];
  const begin = async (name: string, file: string, args: string[], start: StartOptions) => {
    const child = await BenchChild.start(name, file, args, start);
    started.push(child);
    return child;
  };
  const sut: StartOptions = { nodeFlags: ['--expose-gc'], ...(options.pinning === undefined ? {} : { cpus: options.pinning.sut }) };
  try {
    const upstream = await begin('holding upstream', './holding-upstream.js', [JSON.stringify({ firstFrameOnly: true })], options.pinning === undefined ? {} : { cpus: options.pinning.others });
    const upstreamOrigin = originOf(upstream);
    const gateway = await begin('gateway (streams at scale)', './sut-gateway.js', [JSON.stringify({ upstreamOrigin })], { ...sut, stderrFile: options.gatewayLog });
    const reference = await begin('reference proxy (streams at scale)', './reference-proxy.js', [JSON.stringify({ upstreamOrigin, maxConnections: 16_384 })], sut);
    const targets: FirstByteTarget[] = [
      { label: 'direct → anthropic upstream', origin: upstreamOrigin, request: markedStreamRequest(anthropicPath, 'bench-anthropic') },
      { label: 'reference → anthropic upstream', origin: originOf(reference), request: markedStreamRequest(anthropicPath, 'bench-anthropic') },
      { label: 'gateway, translate oai→anthropic', origin: originOf(gateway), request: markedStreamRequest(openaiPath, 'bench-anthropic', gateway.callerHeaders) },
      { label: 'gateway, same-dialect oai→oai', origin: originOf(gateway), request: markedStreamRequest(openaiPath, 'bench-openai', gateway.callerHeaders) },
    ];
    progress('measuring the first byte behind the upstream’s…');
    const firstBytes: FirstByteFigures[] = [];
    for (const [index, target] of targets.entries()) firstBytes.push(await measureFirstBytes(target, upstream, options.firstByteSamples, `first-${index}`));
    const { streams, fileLimit } = streamsWithinFileLimit(options.idleStreams);
    const idle: StreamScaleFigures['idle'] = [];
    for (const [target, child, origin, path, wanted] of [
      ['gateway', gateway, originOf(gateway), openaiPath, streams],
      ['reference', reference, originOf(reference), anthropicPath, Math.min(streams, options.referenceIdleStreams)],
    ] as const) {
      progress(`holding ${wanted} streams open through the ${target}…`);
      idle.push({ target, figures: await holdIdleStreams(origin, markedStreamRequest(path, 'bench-anthropic', child.callerHeaders), child, upstream, wanted, `idle-${target}`) });
    }
    return { firstBytes, idle, wanted: options.idleStreams, ...(fileLimit !== undefined ? { fileLimit } : {}) };
  } finally {
    await Promise.all(started.map((child) => child.stop()));
  }
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

export function formatStreamScale(figures: StreamScaleFigures): string {
  const lines = ['First byte behind the upstream’s first event (one stream at a time; ms from the upstream’s write to the caller’s first body byte):'];
  lines.push('path | samples | p50 ms | p99 ms');
  for (const row of figures.firstBytes) lines.push(`${row.label} | ${row.samples} | ${row.p50Ms.toFixed(3)} | ${row.p99Ms.toFixed(3)}${row.firstFailure === undefined ? '' : ` | ! ${row.firstFailure}`}`);
  lines.push('');
  const first = figures.idle[0]?.figures;
  const bounded = first !== undefined && first.streams < figures.wanted;
  lines.push(
    `Idle streams (translate oai→anthropic, each holding its first event; RSS after a forced collection in brackets)` +
      (bounded ? `: the gateway ${first.streams} of ${figures.wanted}, as a proxy holds two sockets per stream and the open-file limit is ${figures.fileLimit}` : '') +
      ':',
  );
  lines.push('target | open | time to open s | RSS before MB | RSS held MB | RSS per stream KB | heap held MB | upstream closed after');
  for (const { target, figures: row } of figures.idle) {
    lines.push(
      [
        target,
        `${row.opened}/${row.streams}`,
        (row.openMs / 1000).toFixed(1),
        `${mb(row.before.rssBytes)}`,
        `${mb(row.held.rssBytes)} (${mb(row.heldCollected.rssBytes)})`,
        (perStreamBytes(row) / 1024).toFixed(1),
        mb(row.heldCollected.heapUsedBytes),
        `${row.closedUpstream}/${row.streams}`,
      ].join(' | ') + (row.firstFailure === undefined ? '' : ` | ! ${row.firstFailure}`),
    );
  }
  return lines.join('\n');
}

/** RSS per open stream: what holding them added over the idle process. */
export function perStreamBytes(row: IdleStreamFigures): number {
  return (row.held.rssBytes - row.before.rssBytes) / Math.max(1, row.opened);
}
