// The person's active warning signs, as the whole app sees them (docs/architecture.md, "The web app"). A red flag
// answered in screening or reported in a session stays active on the server until the person says it was checked
// and cleared; while one is active there is no plan and no session, and the app shows the stop screen instead of
// any page (main.tsx). Checked when the app starts, before a plan, when the server answers 409 stop, and when a
// session stops with an urgent cue.
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { loadProfile, saveProfile } from './prefs';

export interface StopState {
  warnings: api.ActiveWarning[]; // active warning signs (and red flags still in the saved profile's symptoms)
  message: string; // a 409 stop's message when the server named no warning sign to clear; "" otherwise
}

let current: StopState = { warnings: [], message: '' };
const listeners = new Set<(s: StopState) => void>();

function publish(s: StopState): void {
  current = s;
  for (const l of listeners) l(s);
}

export const stopping = (s: StopState) => s.warnings.length > 0 || s.message !== '';

// Asks the server what is active now. `stopMessage`: the message of a 409 stop that prompted the check (shown
// when the server lists nothing to clear, e.g. a server without GET /api/warnings).
export async function checkWarnings(stopMessage = ''): Promise<StopState> {
  const [w, p] = await Promise.all([api.warnings(), api.getProfile()]);
  const list: api.ActiveWarning[] = w.ok ? [...w.data.warnings] : [];
  // A red flag saved in the profile stops too (a profile saved before warnings were kept); clearing it takes it
  // out of the profile.
  if (p.ok) {
    for (const id of p.data.symptoms ?? []) {
      if (!list.some((x) => x.red_flag === id)) list.push({ red_flag: id, since_ms: p.data.updated_ms ?? 0, session_uid: null });
    }
  }
  // Offline or an old server: keep what was known rather than forget a warning sign.
  const warnings = w.ok || p.ok ? list : current.warnings;
  const s = { warnings, message: warnings.length ? '' : stopMessage };
  publish(s);
  return s;
}

// The 409 stop answer of POST /api/plan or POST /api/sessions: shows the stop screen.
export const isStop = (e: api.ApiError) => e.status === 409 && e.code === 'stop';

export async function clearWarning(redFlag: string): Promise<api.Result<{ warnings: api.ActiveWarning[] }>> {
  const r = await api.clearWarning(redFlag);
  if (r.ok) {
    // The server took it out of the saved profile; so does the copy on this device (the screening page's answers).
    const p = loadProfile();
    if (p) saveProfile({ ...p, symptoms: p.symptoms.filter((x) => x !== redFlag) });
  }
  if (r.ok || r.error.status === 404) await checkWarnings();
  return r;
}

// Forget a stop message that named nothing to clear (the person goes back to the screening).
export const dismissMessage = () => publish({ ...current, message: '' });

export function useStopState(): StopState {
  const [s, setS] = useState(current);
  useEffect(() => {
    listeners.add(setS);
    setS(current);
    return () => {
      listeners.delete(setS);
    };
  }, []);
  return s;
}
