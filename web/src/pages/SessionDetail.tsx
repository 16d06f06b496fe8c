// One recorded session in full (#/journal/<uid>, GET /api/sessions/{uid}): when and how long, the steps of the
// routine that was played and how far each got, every check-in (intensity, quality, pain or not, note), the
// changes the session made after a painful check-in, and notes. Times are minutes:seconds into the session.
import { useMemo, useState } from 'preact/hooks';
import * as api from '../api';
import type { AdaptationRecord, Routine, SessionEvent, SessionRecord } from '../api';
import { spotLabel } from '../components/BodyMap';
import { ErrorState, Loading } from '../components/ErrorState';
import { openStarted } from '../components/SavedRoutines';
import { useApi } from '../components/useApi';
import { loadPrefs } from '../prefs';
import { checkWarnings, isStop } from '../safety';
import { isPain, qualityLabel } from '../quality';

const statusWords: Record<string, string> = { active: 'in progress', finished: 'finished', stopped: 'stopped early' };

const adaptationWords: Record<string, string> = {
  'lighter-variation': 'A lighter variation',
  'softer-tool': 'A softer tool',
  'nearby-spot': 'A nearby spot',
  'skip-region': 'The area was skipped',
  'stop-session': 'The session was stopped',
};

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const minutes = (s: number) => (s < 60 ? `${s} s` : `${Math.round(s / 60)} min`);

function parse<T>(text: string): T | null {
  try {
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

type StepStatus = 'done' | 'skipped' | 'stopped here' | 'not reached' | 'in progress';

// How far each step of the routine got, from the session's events.
function stepStatuses(record: SessionRecord, steps: number): StepStatus[] {
  const started = new Set<number>();
  const skipped = new Set<number>();
  for (const e of record.events) {
    if (e.kind === 'step-started') started.add(e.step);
    if (e.kind === 'step-skipped') skipped.add(e.step);
  }
  const last = Math.max(-1, ...started);
  return Array.from({ length: steps }, (_, i) => {
    if (skipped.has(i)) return 'skipped';
    if (!started.has(i)) return 'not reached';
    if (i < last || record.status === 'finished') return 'done';
    return record.status === 'active' ? 'in progress' : 'stopped here';
  });
}

// The session's length: the journal's figure when it has one, else from the events.
function durationMs(record: SessionRecord, summary: api.SessionSummary | undefined): number {
  if (summary && summary.duration_s > 0) return summary.duration_s * 1000;
  const end = record.events.find((e: SessionEvent) => e.kind === 'session-stopped' || e.kind === 'session-finished');
  const elapsed = end ? parse<{ elapsed_ms?: number }>(end.data_json)?.elapsed_ms : undefined;
  if (elapsed) return elapsed;
  const lastAt = record.events.length ? record.events[record.events.length - 1].at_ms : record.started_ms;
  return Math.max(0, (record.ended_ms ?? lastAt) - record.started_ms);
}

function Adaptation({ a, where }: { a: AdaptationRecord; where: string }) {
  const detail = parse<{ lighter?: string }>(a.detail_json);
  return (
    <li data-testid="adaptation-record" data-kind={a.kind}>
      <strong>{adaptationWords[a.kind] ?? a.kind}</strong>
      {where ? ` at ${where}` : ''} <span class="muted">({clock(a.at_ms)})</span>
      <br />
      {a.reason}
      {detail?.lighter && (
        <>
          <br />
          <span>What to do instead: {detail.lighter}</span>
        </>
      )}
    </li>
  );
}

// "Do this again": the routine this session played, started anew (POST /api/sessions {repeat_session}). It passes
// the safety gate as the person is now; the player shows what the gate changed.
function DoThisAgain({ uid }: { uid: string }) {
  const [error, setError] = useState<api.ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const again = async () => {
    setBusy(true);
    setError(null);
    // 20 s to answer a check-in on a phone, as the plan page gives.
    const r = await api.repeatSession(uid, { breaths_per_min: loadPrefs().breaths_per_minute, check_in_s: 20 });
    setBusy(false);
    if (r.ok) openStarted(r.data);
    else if (isStop(r.error)) checkWarnings(r.error.message);
    else setError(r.error);
  };
  return (
    <>
      <button type="button" class="primary wide" disabled={busy} onClick={again} data-testid="repeat-session">
        {busy ? 'Starting…' : 'Do this again'}
      </button>
      {error && <ErrorState error={error} what="Doing it again" />}
    </>
  );
}

function Detail({ record, summary, names, toolNames, exerciseNames }: {
  record: SessionRecord;
  summary: api.SessionSummary | undefined;
  names: Map<string, string>;
  toolNames: Map<string, string>;
  exerciseNames: Map<string, string>;
}) {
  const routine = useMemo(() => parse<Routine>(record.routine_json), [record.routine_json]);
  const steps = routine?.steps ?? [];
  const statuses = stepStatuses(record, steps.length);
  const since = (ms: number) => ms - record.started_ms;
  const pains = record.check_ins.filter((c) => isPain(c.quality));
  const stepWhere = (i: number) => {
    const s = steps[i];
    return s ? spotLabel(names.get(s.region) ?? s.region, s.side) : '';
  };
  return (
    <>
      <p class="muted" data-testid="session-when">
        {when(record.started_ms)} · {statusWords[record.status] ?? record.status} · {clock(durationMs(record, summary))} long
      </p>
      {record.status === 'active' && (
        <a class="button primary wide" href={`#/session/${encodeURIComponent(record.uid)}`}>
          Back to this session (still running)
        </a>
      )}
      <div class="card">
        <p>
          {record.check_ins.length} check-in{record.check_ins.length === 1 ? '' : 's'}
          {pains.length ? `, ${pains.length} with pain` : ''}; {record.adaptations.length} change{record.adaptations.length === 1 ? '' : 's'} made.
        </p>
      </div>
      {pains.length > 0 && (
        <div class="alert clearance" role="note">
          Pain (not just pressure) means: lighter pressure, another spot, or leave that area out. If the same area hurts in several sessions, show it to a
          clinician (a doctor or physiotherapist) before you roll there again.
        </div>
      )}

      {steps.length > 0 && record.status !== 'active' && <DoThisAgain uid={record.uid} />}

      <h2>Steps</h2>
      {steps.length === 0 ? (
        <p class="muted">The routine of this session was not recorded.</p>
      ) : (
        <ol class="records" data-testid="session-steps">
          {steps.map((s, i) => (
            <li key={i}>
              <strong>{spotLabel(names.get(s.region) ?? s.region, s.side)}</strong>
              <span class={`badge ${statuses[i].replace(' ', '-')}`}>{statuses[i]}</span>
              <br />
              {exerciseNames.get(s.exercise) ?? s.exercise}, with {toolNames.get(s.tool) ?? s.tool}
              <br />
              <span class="muted">
                {s.sets} set{s.sets === 1 ? '' : 's'}, {minutes(s.total_s)} planned
              </span>
            </li>
          ))}
        </ol>
      )}

      <h2>Check-ins</h2>
      {record.check_ins.length === 0 ? (
        <p class="muted">No check-ins in this session.</p>
      ) : (
        <ul class="records" data-testid="session-check-ins">
          {record.check_ins.map((c) => (
            <li key={c.uid} data-testid="checkin-record" data-pain={isPain(c.quality) ? 'true' : 'false'}>
              <strong>{spotLabel(names.get(c.region) ?? c.region, c.side)}</strong> <span class="muted">({clock(since(c.at_ms))})</span>
              <br />
              {c.intensity} out of 10, {qualityLabel(c.quality).toLowerCase()}
              {isPain(c.quality) ? <strong class="pain"> · pain, not just pressure</strong> : ' · the useful kind of pressure'}
              {c.note && (
                <>
                  <br />
                  <span class="muted">Note: {c.note}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>Changes made</h2>
      {record.adaptations.length === 0 ? (
        <p class="muted">The session ran as planned.</p>
      ) : (
        <ul class="records" data-testid="session-adaptations">
          {record.adaptations.map((a) => (
            <Adaptation key={a.uid} a={{ ...a, at_ms: since(a.at_ms) }} where={stepWhere(a.step)} />
          ))}
        </ul>
      )}

      {record.notes.length > 0 && (
        <>
          <h2>Notes</h2>
          <ul class="records">
            {record.notes.map((n) => (
              <li key={n.uid}>
                {n.text} <span class="muted">({clock(since(n.at_ms))})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function SessionDetail({ uid }: { uid: string }) {
  const [record, reload] = useApi(() => api.session(uid));
  const [list] = useApi(api.sessions);
  const [regionList] = useApi(api.regions);
  const [toolList] = useApi(api.tools);
  const [exerciseList] = useApi(api.exercises);
  const names = useMemo(() => new Map((regionList?.ok ? regionList.data : []).map((r) => [r.id, r.name] as [string, string])), [regionList]);
  const toolNames = useMemo(() => new Map((toolList?.ok ? toolList.data : []).map((t) => [t.id, t.name] as [string, string])), [toolList]);
  const exerciseNames = useMemo(() => new Map((exerciseList?.ok ? exerciseList.data : []).map((e) => [e.id, e.name] as [string, string])), [exerciseList]);
  const summary = list?.ok ? list.data.sessions.find((s) => s.uid === uid) : undefined;
  return (
    <section aria-labelledby="session-record-title" data-testid="session-record">
      <p>
        <a class="back" href="#/progress">← Journal</a>
      </p>
      <h1 id="session-record-title">{record?.ok ? record.data.title || 'Session' : 'Session'}</h1>
      {!record ? (
        <Loading what="the session" />
      ) : !record.ok ? (
        <ErrorState error={record.error} what="This session" onRetry={reload} />
      ) : (
        <Detail record={record.data} summary={summary} names={names} toolNames={toolNames} exerciseNames={exerciseNames} />
      )}
    </section>
  );
}
