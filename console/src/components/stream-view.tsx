import { useState } from 'preact/hooks';
import type { Exchange } from '../api';
import { CopyButton } from './copy-button';

/** A stream longer than this shows its first and last chunks, and a row to show the rest. */
const foldAbove = 12;
const keepAtEachEnd = 5;

/** The stream chunk by chunk: what the upstream sent, the interlingua events, what the caller got. */
export function StreamView({ exchange }: { exchange: Exchange }) {
  const [all, setAll] = useState(false);
  const chunks = exchange.chunks.map((chunk, index) => ({ chunk, index }));
  const folded = !all && chunks.length > foldAbove;
  const head = folded ? chunks.slice(0, keepAtEachEnd) : chunks;
  const tail = folded ? chunks.slice(-keepAtEachEnd) : [];
  const hidden = chunks.length - head.length - tail.length;
  const callerText = exchange.chunks.map((chunk) => chunk.caller).join('');
  return (
    <section class="card" aria-labelledby="stream-title">
      <div class="card-header">
        <h2 id="stream-title">Stream, chunk by chunk</h2>
        <span class="muted small">
          {exchange.upstream?.dialect} → events → {exchange.caller} · {exchange.chunks.length} chunks
        </span>
        <span class="stream-actions">
          <CopyButton text={callerText} label="Copy the stream the caller received" />
          {chunks.length > foldAbove && (
            <button type="button" class="small-button" aria-expanded={all} onClick={() => setAll(!all)}>
              {all ? 'Fold the middle' : `Show all ${chunks.length} chunks`}
            </button>
          )}
        </span>
      </div>
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Stream chunks">
        <table class="chunks">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Upstream sent</th>
              <th scope="col">Interlingua events</th>
              <th scope="col">Caller received</th>
            </tr>
          </thead>
          <tbody>
            {head.map(({ chunk, index }) => (
              <ChunkRow key={index} chunk={chunk} index={index} />
            ))}
            {folded && (
              <tr class="folded-row">
                <td colSpan={4}>
                  <button type="button" class="link-button" onClick={() => setAll(true)}>
                    {hidden} more chunks (#{keepAtEachEnd + 1}–#{keepAtEachEnd + hidden}) · show all
                  </button>
                </td>
              </tr>
            )}
            {tail.map(({ chunk, index }) => (
              <ChunkRow key={index} chunk={chunk} index={index} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ChunkRow({ chunk, index }: { chunk: Exchange['chunks'][number]; index: number }) {
  return (
    <tr>
      <td class="muted">{index + 1}</td>
      <td>
        <pre class="wire">{chunk.upstream || '(held over)'}</pre>
      </td>
      <td>
        {chunk.events.map((event, at) => (
          <div key={at} class="event">
            <span class="badge neutral">{String((event as { type?: unknown }).type)}</span> <code class="small">{eventDetail(event)}</code>
          </div>
        ))}
      </td>
      <td>
        <pre class="wire">{chunk.caller || '(nothing)'}</pre>
      </td>
    </tr>
  );
}

/** The event without its type, whole: the cell wraps it rather than cutting it. */
function eventDetail(event: unknown): string {
  const { type: _type, ...rest } = event as Record<string, unknown>;
  const text = JSON.stringify(rest);
  return text === '{}' ? '' : text;
}
