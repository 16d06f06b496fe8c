import { useEffect } from 'preact/hooks';
import type { ApiError } from '../api';

// What a page shows when a call failed: never a blank page or a crash. Offline, it says so and tries again by
// itself as soon as the connection returns (the browser's "online" event, then every 3 s while the server
// cannot be reached), as well as on the button.
export function ErrorState({ error, what, onRetry }: { error: ApiError; what: string; onRetry?: () => void }) {
  useEffect(() => {
    if (!onRetry) return;
    window.addEventListener('online', onRetry);
    // The "online" event can come a moment before requests get through (the retry then fails again): while
    // the device says it is online and the server could not be reached, try again every few seconds too.
    const again = error.status === 0 && navigator.onLine ? window.setTimeout(onRetry, 3000) : undefined;
    return () => {
      window.removeEventListener('online', onRetry);
      window.clearTimeout(again);
    };
  }, [onRetry, error]);
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return (
    <div class="error-state" role="status" data-testid="error-state">
      <strong>{error.missing ? `${what}: not available on this server yet.` : `${what}: something went wrong.`}</strong>
      <p>{error.message}</p>
      {offline && onRetry && <p>This device is offline: the page tries again as soon as the connection returns.</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" role="status">
      Loading {what}…
    </p>
  );
}
