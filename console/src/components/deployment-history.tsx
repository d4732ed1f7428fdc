import type { CooldownEvent, DeploymentCheck } from '../api';
import { formatDuration, formatMs, formatTime } from '../format';

/**
 * Every cooldown the gateway started, newest first: when, why (the status and error of the
 * failure that tipped it, and the rule it met), for how long, and when an attempt answered
 * again. Time-ordered across deployments, so a wave that took out several reads as one.
 */
export function CooldownHistory({ events, now }: { events: CooldownEvent[]; now: number }) {
  return (
    <section class="card" aria-labelledby="cooldowns-title">
      <div class="card-header">
        <h2 id="cooldowns-title">Cooldown history</h2>
        <span class="muted small">Kept in memory by the replica that started each cooldown, the last 200.</span>
      </div>
      {events.length === 0 ? (
        <p class="muted empty-note">No deployment has cooled down since this gateway started.</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Cooldown history table">
          <table class="cooldowns cards-on-phone">
            <thead>
              <tr>
                <th scope="col">Deployment</th>
                <th scope="col">Began</th>
                <th scope="col">Why</th>
                <th scope="col">For</th>
                <th scope="col">Came back</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={`${event.deployment}-${event.startedAt}`} data-cooldown={event.deployment}>
                  <th scope="row">
                    <code>{event.deployment}</code>
                  </th>
                  <td data-label="Began" class="nowrap">
                    {formatTime(event.startedAt)}
                  </td>
                  <td data-label="Why">
                    <div>
                      <span class="badge bad">
                        {event.status} {event.errorCode}
                      </span>
                      <div class="muted small">
                        {event.failures === 1 ? 'after 1 upstream failure' : `after ${event.failures} upstream failures within ${formatDuration(event.windowMs)}`}
                      </div>
                      {event.message !== '' && (
                        <div class="muted small clamped-message" title={event.message}>
                          {event.message}
                        </div>
                      )}
                    </div>
                  </td>
                  <td data-label="For" class="nowrap">
                    {formatDuration(event.endsAt - event.startedAt)}
                  </td>
                  <td data-label="Came back">
                    <CameBack event={event} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CameBack({ event, now }: { event: CooldownEvent; now: number }) {
  if (event.recoveredAt !== undefined) return <span>{formatTime(event.recoveredAt)}</span>;
  if (event.endsAt > now)
    return (
      <div>
        <span class="badge bad">not yet</span>
        <div class="muted small">cooling down until {formatTime(event.endsAt)}</div>
      </div>
    );
  return (
    <div>
      <span>ended {formatTime(event.endsAt)}</span>
      <div class="muted small">no answer from it since</div>
    </div>
  );
}

/** The last checks run on each deployment, newest first; they outlive a reload of the page. */
export function CheckHistory({ checks }: { checks: DeploymentCheck[] }) {
  return (
    <section class="card" aria-labelledby="checks-title">
      <div class="card-header">
        <h2 id="checks-title">Health checks</h2>
        <span class="muted small">The last 5 checks of each deployment, run with Check above.</span>
      </div>
      {checks.length === 0 ? (
        <p class="muted empty-note">No check has been run yet. Check sends one short request straight to a deployment.</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Health checks table">
          <table class="checks cards-on-phone">
            <thead>
              <tr>
                <th scope="col">Deployment</th>
                <th scope="col">Checked</th>
                <th scope="col">Result</th>
                <th scope="col" class="number">
                  Latency
                </th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((check) => (
                <tr key={`${check.deployment}-${check.checkedAt}`} data-check={check.deployment}>
                  <th scope="row">
                    <code>{check.deployment}</code>
                  </th>
                  <td data-label="Checked" class="nowrap">
                    {formatTime(check.checkedAt)}
                  </td>
                  <td data-label="Result">
                    <span class={check.ok ? 'badge good' : 'badge bad'}>{check.ok ? 'OK' : `${check.status === 0 ? '' : `${check.status} `}${check.errorCode}`}</span>
                  </td>
                  <td data-label="Latency" class="number nowrap">
                    {formatMs(check.latencyMs)}
                  </td>
                  <td data-label="Error">{check.ok ? <span class="muted">–</span> : <span class="small clamped-message" title={check.message}>
                        {check.message}
                      </span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
