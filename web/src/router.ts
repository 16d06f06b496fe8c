// Hash routing (#/plan, #/session/<uid>): works from the embedded index.html, offline and with any server path.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  page: string; // "onboarding", "plan", "session" (live), "progress", "journal" (one recorded session), "record", "settings"
  arg: string; // "#/session/<uid>" → uid, "#/journal/<uid>" → uid, "#/record/soreness" → "soreness"
}

export function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  return { page: parts[0] || '', arg: decodeURIComponent(parts[1] ?? '') };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parse(location.hash));
  useEffect(() => {
    const on = () => setRoute(parse(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function go(page: string, arg?: string): void {
  location.hash = `#/${page}${arg ? '/' + encodeURIComponent(arg) : ''}`;
}
