/**
 * Resolves on the first SIGINT or SIGTERM (then stops listening for them), or when `alsoOn` calls
 * its callback (a worker told to stop by its primary).
 */
export function untilStopSignal(alsoOn?: (stop: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    alsoOn?.(stop);
  });
}

/**
 * From now on SIGHUP does nothing. Without a listener it ends a Node process, so once reloading
 * stops (a shutdown draining its requests) a hangup (a closed terminal, a config sidecar) would cut
 * the drain short and lose the answers and usage records in flight.
 */
export function ignoreHangups(): void {
  process.on('SIGHUP', ignoreHangup);
}

function ignoreHangup(): void {}
