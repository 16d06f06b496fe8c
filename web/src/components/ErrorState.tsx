import type { ApiError } from '../api';

// What a page shows when a call failed: never a blank page or a crash.
export function ErrorState({ error, what, onRetry }: { error: ApiError; what: string; onRetry?: () => void }) {
  return (
    <div class="error-state" role="status" data-testid="error-state">
      <strong>{error.missing ? `${what}: not available on this server yet.` : `${what}: something went wrong.`}</strong>
      <p>{error.message}</p>
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
