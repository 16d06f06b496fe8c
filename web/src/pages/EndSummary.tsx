// The player's end screen (issue 10, item 5): a summary of the session as the journal stored it (GET
// /api/sessions/{uid}): time per region and side, the check-ins, what was changed and why, a link to the journal
// entry, and "Do this again", which starts the same routine anew (POST /api/sessions: it passes the safety gate
// again, with today's answers).
import { useState } from 'preact/hooks';
import * as api from '../api';
import type { Routine, SessionRecord } from '../api';
import { ErrorState, Loading } from '../components/ErrorState';
import { useApi } from '../components/useApi';
import { loadPrefs } from '../prefs';
import { qualityLabel, isPain } from '../quality';
import { go } from '../router';
import { checkWarnings, isStop } from '../safety';

// The phone's check-in window (as the plan page asks for it).
const PHONE_CHECK_IN_S = 20;

interface RegionTime {
  key: string;
  region: string;
  side: string;
  ms: number;
}

// Time per region and side from the stored events: from each step-started to the next one (or the end), less
// the time paused in between. Event times are Unix ms.
export function regionTimes(record: SessionRecord): RegionTime[] {
  const out = new Map<string, RegionTime>();
  let current: RegionTime | null = null;
  let since = 0;
  let paused = false;
  const add = (at: number) => {
    if (current && !paused) current.ms += Math.max(0, at - since);
    since = at;
  };
  for (const e of [...record.events].sort((a, b) => a.seq - b.seq)) {
    if (e.kind === 'step-started') {
      add(e.at_ms);
      let data: { region?: string; side?: string } = {};
      try {
        data = JSON.parse(e.data_json);
      } catch {
        // An event without its data: counted under the step's index.
      }
      const key = `${data.region ?? e.step}:${data.side ?? ''}`;
      current = out.get(key) ?? { key, region: data.region ?? String(e.step), side: data.side ?? '', ms: 0 };
      out.set(key, current);
    } else if (e.kind === 'paused' || e.kind === 'interrupted') {
      add(e.at_ms);
      paused = true;
    } else if (e.kind === 'resumed') {
      paused = false;
      since = e.at_ms;
    } else if (e.kind === 'session-finished' || e.kind === 'session-stopped') {
      add(e.at_ms);
      current = null;
    }
  }
  return [...out.values()];
}

const minutes = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

interface Props {
  uid: string;
  finished: boolean;
  text: string;
  banner: string;
}

export function EndSummary({ uid, finished, text, banner }: Props) {
  const [record, reload] = useApi(() => api.session(uid));
  const [regions] = useApi(api.regions);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<api.ApiError | null>(null);
  const names = new Map((regions?.ok ? regions.data : []).map((r) => [r.id, r.name] as [string, string]));
  const regionName = (id: string, side: string) => `${names.get(id) ?? id}${side && side !== 'centre' ? `, ${side}` : ''}`;

  const again = async (r: SessionRecord) => {
    let routine: Routine;
    try {
      routine = JSON.parse(r.routine_json) as Routine;
    } catch {
      return setError({ status: 0, code: 'bad-json', message: 'This session has no routine to play again.', missing: false });
    }
    setBusy(true);
    setError(null);
    const started = await api.startSession(routine, { breaths_per_min: loadPrefs().breaths_per_minute, check_in_s: PHONE_CHECK_IN_S });
    setBusy(false);
    if (started.ok) {
      sessionStorage.setItem(`smr.live.${started.data.uid}`, JSON.stringify(started.data));
      go('session', started.data.uid);
    } else if (isStop(started.error)) checkWarnings(started.error.message);
    else setError(started.error);
  };

  return (
    <section class="player end-summary" aria-labelledby="player-title" data-testid="end-summary">
      <h1 id="player-title">{finished ? 'Session done' : 'Session stopped'}</h1>
      {banner && (
        <div class="alert stop" role="alert">
          {banner}
        </div>
      )}
      {/* The engine's last words only when it finished: a stopped view still carries the phase's instruction. */}
      <p>{finished && text ? text : 'What you did is saved in your journal.'}</p>
      {record === null && <Loading what="the summary" />}
      {record && !record.ok && <ErrorState error={record.error} what="The summary" onRetry={reload} />}
      {record?.ok && (
        <>
          <h2>Time per area</h2>
          <ul class="records" data-testid="summary-regions">
            {regionTimes(record.data)
              .filter((t) => t.ms > 0)
              .map((t) => (
                <li key={t.key}>
                  {regionName(t.region, t.side)}: {minutes(t.ms)}
                </li>
              ))}
          </ul>
          <h2>Check-ins</h2>
          {record.data.check_ins.length === 0 ? (
            <p>None this time.</p>
          ) : (
            <ul class="records" data-testid="summary-check-ins">
              {record.data.check_ins.map((c) => (
                <li key={c.uid} class={isPain(c.quality) ? 'pain' : ''}>
                  {regionName(c.region, c.side)}: {c.intensity}/10, {qualityLabel(c.quality).toLowerCase()}
                </li>
              ))}
            </ul>
          )}
          <h2>Changes</h2>
          {record.data.adaptations.length === 0 && record.data.notes.length === 0 ? (
            <p>Nothing was changed.</p>
          ) : (
            <ul class="records" data-testid="summary-changes">
              {record.data.adaptations.map((a) => (
                <li key={a.uid}>{a.reason}</li>
              ))}
              {record.data.notes.map((n) => (
                <li key={n.uid}>{n.text}</li>
              ))}
            </ul>
          )}
          <p>
            <a class="session-link" href={`#/journal/${encodeURIComponent(uid)}`} data-testid="summary-journal">
              Open this session in your journal
            </a>
          </p>
          {error && <ErrorState error={error} what="Starting again" />}
          <button type="button" class="primary wide" disabled={busy} onClick={() => again(record.data)} data-testid="do-again">
            Do this again
          </button>
          <button type="button" class="wide" onClick={() => go('progress')}>
            See your progress
          </button>
        </>
      )}
    </section>
  );
}
