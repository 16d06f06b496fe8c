import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Result } from '../api';

// Calls `load` once (and again on reload()); the page renders from the Result, or null while loading.
// `keep`: a reload keeps the last answer on screen until the new one comes (forms under it keep their state).
export function useApi<T>(load: () => Promise<Result<T>>, keep = false): [Result<T> | null, () => void] {
  const [result, setResult] = useState<Result<T> | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    if (!keep) setResult(null);
    load().then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [tick]);
  return [result, useCallback(() => setTick((t) => t + 1), [])];
}
