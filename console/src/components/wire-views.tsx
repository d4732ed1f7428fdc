import type { Exchange } from '../api';
import { JsonView } from './json-view';

/**
 * The inspector's three views of one request: the caller's wire JSON, the interlingua it parsed
 * to, and the upstream's wire JSON. Shown on the inspector's page and, stacked, in a usage
 * record's detail, so both read the same. `idPrefix` keeps heading ids apart where both could be.
 */
export function WireViews({ exchange, idPrefix = 'view', stacked = false }: { exchange: Exchange; idPrefix?: string; stacked?: boolean }) {
  const Heading = stacked ? 'h3' : 'h2';
  return (
    <div class={stacked ? 'stacked-views' : 'three-views'}>
      <section class="card view" aria-labelledby={`${idPrefix}-caller`}>
        <Heading id={`${idPrefix}-caller`}>Caller wire JSON</Heading>
        <p class="muted small">{exchange.caller}, as sent</p>
        <JsonView value={exchange.callerRequest} label="Caller wire JSON" />
      </section>
      <section class="card view" aria-labelledby={`${idPrefix}-interlingua`}>
        <Heading id={`${idPrefix}-interlingua`}>Interlingua</Heading>
        <p class="muted small">what it parsed to</p>
        <JsonView value={exchange.interlingua} label="Interlingua request" />
      </section>
      <section class="card view" aria-labelledby={`${idPrefix}-upstream`}>
        <Heading id={`${idPrefix}-upstream`}>Upstream wire JSON</Heading>
        <p class="muted small">{exchange.upstream === undefined ? 'not sent' : `${exchange.upstream.dialect} → ${exchange.upstream.url}`}</p>
        <JsonView value={exchange.upstream?.request} label="Upstream wire JSON" />
      </section>
    </div>
  );
}
