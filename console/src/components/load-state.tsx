import { ApiError } from '../api';

/** What went wrong with a load, in words that say what to do; an unreachable gateway is not "Failed to fetch". */
export function loadFailure(caught: unknown): string {
  if (caught instanceof ApiError) return caught.message;
  if (caught instanceof TypeError) return navigator.onLine === false ? 'You are offline. Reconnect, then retry.' : 'The gateway cannot be reached. Check that it is running, then retry.';
  return (caught as Error).message;
}

/** A failed load with a way to try again. */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div class="notice error load-error" role="alert">
      <span>{message}</span>
      <button type="button" class="small-button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

/** Grey rows in the shape of a table's, while its data loads: loading is never shown as "no data". */
export function SkeletonRows({ columns, rows = 3 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, row) => (
        <tr key={row} class="skeleton-row" aria-hidden="true">
          {Array.from({ length: columns }, (_, column) => (
            <td key={column}>
              <span class="skeleton" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
