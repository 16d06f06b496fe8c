import { useEffect } from 'preact/hooks';
import type { ApiError } from '../api';

// What a page shows when a call failed: never a blank page or a crash. Offline, it says so and tries again by
// itself as soon as the connection returns (the browser's "online" event), as well as on the button.
export function ErrorState({ error, what, onRetry }: { error: ApiError; what: string; onRetry?: () => void }) {
  useEffect(() => {
    if (!onRetry) return;
    window.addEventListener('online', onRetry);
    return () => window.removeEventListener('online', onRetry);
  }, [onRetry]);
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
