/**
 * Deadlines of work that nearly always ends long before them (a whole upstream answer read within
 * the provider's `timeoutMs`), checked by one coarse timer instead of a timer each. A `setTimeout`
 * per request, each with its own remaining time, cost a new timer list in Node's priority queue
 * and its removal on every request (about 2% of a translated JSON request's CPU in a profile);
 * joining and leaving a Set costs a fraction of that. A deadline is noticed up to `tickMs` late.
 */
export const tickMs = 50;

interface Watched {
  deadline: number;
  onLate: () => void;
}

const watched = new Set<Watched>();
let timer: NodeJS.Timeout | undefined;

function check(): void {
  const now = Date.now();
  for (const entry of watched) {
    if (entry.deadline > now) continue;
    watched.delete(entry);
    entry.onLate();
  }
  if (watched.size === 0 && timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
  }
}

/**
 * Calls `onLate` once `deadline` (`Date.now()` milliseconds) has passed, unless the returned
 * function is called first. The timer keeps no process alive and stops while nothing is watched.
 */
export function watchDeadline(deadline: number, onLate: () => void): () => void {
  const entry: Watched = { deadline, onLate };
  watched.add(entry);
  if (timer === undefined) {
    timer = setInterval(check, tickMs);
    timer.unref();
  }
  return () => {
    watched.delete(entry);
  };
}
