import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Result } from '../api';

// Calls `load` once (and again on reload()); the page renders from the Result, or null while loading.
export function useApi<T>(load: () => Promise<Result<T>>): [Result<T> | null, () => void] {
  const [result, setResult] = useState<Result<T> | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setResult(null);
    load().then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [tick]);
  return [result, useCallback(() => setTick((t) => t + 1), [])];
}
