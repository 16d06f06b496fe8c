// Journal and progress: alerts first (each can be acknowledged), links to record a self-test, soreness or a
// workout, a body heat map of the latest sensation per region, trend charts (uPlot), the self-tests and their
// change, soreness, and the sessions (each opens in full at #/journal/<uid>). Each part shows its own error when
// its route is missing.
import { useMemo, useState } from 'preact/hooks';
import * as api from '../api';
import type { Progress as ProgressData, Region, View } from '../api';
import { BodyHeatMap, heatColour, sideKey, spotLabel } from '../components/BodyMap';
import { ErrorState, Loading } from '../components/ErrorState';
import { TrendChart, type Series } from '../components/TrendChart';
import { shownUnit, toShown } from '../units';
import { useApi } from '../components/useApi';
import { ViewToggle } from '../components/ViewToggle';

const statusWords: Record<string, string> = { active: 'in progress', finished: 'finished', stopped: 'stopped early' };

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

// Persistent-pain alerts in force, each with a button that acknowledges it (POST .../ack); once acknowledged it
// is hidden until its episode ends (a new episode is a new alert).
function Alerts({ data, names, onAcknowledged }: { data: ProgressData; names: Map<string, string>; onAcknowledged: () => void }) {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<{ id: string; error: api.ApiError } | null>(null);
  const open = data.alerts.filter((a) => !a.acknowledged);
  if (open.length === 0) return null;
  const acknowledge = async (id: string) => {
    setBusy(id);
    setError(null);
    const r = await api.acknowledgeAlert(id);
    setBusy('');
    if (r.ok) onAcknowledged();
    else setError({ id, error: r.error });
  };
  return (
    <section class="alert clearance" aria-labelledby="alerts-title" data-testid="progress-alerts">
      <h2 id="alerts-title">Worth a closer look</h2>
      {open.map((a) => {
        const where = spotLabel(names.get(a.region) ?? a.region, a.side);
        return (
          <div key={a.id} class="alert-item" role="alert" data-testid="progress-alert" data-alert-id={a.id}>
            <h3>{where}</h3>
            <p>{a.message}</p>
            <button type="button" class="wide" disabled={busy === a.id} onClick={() => acknowledge(a.id)} data-testid="alert-ack">
              {busy === a.id ? 'Saving…' : `I have read this (${where})`}
            </button>
            {error?.id === a.id && <ErrorState error={error.error} what="Acknowledging" />}
          </div>
        );
      })}
      <p class="muted">Once you have read a note, it stays hidden until the pattern starts again.</p>
    </section>
  );
}

function Heat({ data, regions }: { data: ProgressData; regions: Region[] }) {
  const [view, setView] = useState<View>('back');
  const heat = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of data.sensation) {
      const last = r.latest_intensity ?? r.points[r.points.length - 1]?.intensity;
      if (last !== undefined && last !== null) m.set(sideKey(r.region, r.side), last);
    }
    return m;
  }, [data]);
  return (
    <>
      <h2>Where it is felt</h2>
      <ViewToggle view={view} onChange={setView} label="Heat map side" />
      <BodyHeatMap regions={regions} view={view} heat={heat} />
      <div class="legend" aria-hidden="true">
        {[0, 2, 4, 6, 8, 10].map((n) => (
          <span key={n}>
            <svg width="18" height="12" class="swatch">
              <rect width="18" height="12" rx="3" fill={heatColour(n)} />
            </svg>{' '}
            {n}
          </span>
        ))}
      </div>
      <p class="muted">Colour: the latest check-in (0–10) at each area.</p>
    </>
  );
}

function Trends({ data, names }: { data: ProgressData; names: Map<string, string> }) {
  const series: Series[] = useMemo(
    () =>
      data.sensation
        .filter((r) => r.points.length > 0)
        .slice(0, 6)
        .map((r) => ({ label: spotLabel(names.get(r.region) ?? r.region, r.side), points: r.points.map((p) => ({ at_ms: p.at_ms, value: p.intensity })) })),
    [data, names],
  );
  return (
    <>
      <h2>Sensation over time</h2>
      {series.length ? <TrendChart title="Sensation 0 to 10 per area over time" series={series} yMax={10} unit="0–10" /> : <p class="muted">No check-ins yet.</p>}
      <p class="muted">With regular rolling, the same pressure usually feels less intense over the weeks.</p>
    </>
  );
}

const verdictWords: Record<string, string> = {
  improved: 'better by more than the smallest real change',
  declined: 'worse by more than the smallest real change',
  'no-real-change': 'no real change yet',
  'needs-baseline': 'needs a second baseline trial',
};

// A stored value (cm, deg, pass-fail) in the unit of Settings: centimetres or inches (units.ts).
const unitSign = (unit: string) => (unit === 'deg' ? '°' : shownUnit(unit));
const formatValue = (unit: string, v: number | null) =>
  v === null ? '–' : unit === 'pass-fail' ? (v >= 1 ? 'pass' : 'fail') : `${toShown(unit, v)} ${unitSign(unit)}`;

// Every self-test and side: baseline, latest, change and what it means (GET /api/self-tests: the guides name them).
function SelfTests({ data, guides }: { data: ProgressData; guides: Map<string, string> }) {
  // One chart per unit (cm and degrees do not share an axis); pass/fail results are in the list only.
  const charts = useMemo(() => {
    const byUnit = new Map<string, Series[]>();
    for (const t of data.self_tests) {
      if (t.unit === 'pass-fail' || t.history.length < 2) continue; // a line needs two results
      const list = byUnit.get(t.unit) ?? [];
      list.push({ label: spotLabel(guides.get(t.test) ?? t.test, t.side), points: t.history.map((p) => ({ at_ms: p.at_ms, value: toShown(t.unit, p.value) })) });
      byUnit.set(t.unit, list);
    }
    return [...byUnit.entries()];
  }, [data, guides]);
  return (
    <>
      <h2 id="self-tests-title">Self-test results</h2>
      {data.self_tests.length === 0 ? (
        <p class="muted">No self-tests yet. Take one twice for a baseline, then again every week or two.</p>
      ) : (
        <ul class="records" aria-labelledby="self-tests-title" data-testid="self-test-list">
          {data.self_tests.map((t) => {
            const name = guides.get(t.test) ?? t.test;
            return (
              <li key={`${t.test}:${t.side}`} data-test={t.test} data-side={t.side}>
                <strong>{spotLabel(name, t.side)}</strong>
                <br />
                Latest {formatValue(t.unit, t.latest ?? t.history[t.history.length - 1]?.value ?? null)}
                {t.baseline !== null ? `, baseline ${formatValue(t.unit, t.baseline)}` : ''}
                {t.change !== null && t.unit !== 'pass-fail' ? `, change ${t.change > 0 ? '+' : ''}${toShown(t.unit, t.change)} ${unitSign(t.unit)}` : ''}
                <br />
                <span class="muted">
                  {verdictWords[t.verdict] ?? t.verdict} · {t.history.length} result{t.history.length === 1 ? '' : 's'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {charts.map(([unit, series]) => (
        <TrendChart key={unit} title={`Self-test results over time, in ${unit === 'deg' ? 'degrees' : shownUnit(unit) === 'in' ? 'inches' : unit}`} series={series} unit={unitSign(unit)} />
      ))}
    </>
  );
}

// Soreness after workouts (days 0-2) and before/after sessions.
function Soreness({ data, names }: { data: ProgressData; names: Map<string, string> }) {
  const s = data.soreness;
  if (!s || (s.workouts.length === 0 && s.sessions.length === 0)) {
    return (
      <>
        <h2>Soreness</h2>
        <p class="muted">No soreness ratings yet. After a workout, record it, then rate how sore you are that day and the next two.</p>
      </>
    );
  }
  const day = (n: number | null) => (n === null ? '–' : String(n));
  return (
    <>
      <h2 id="soreness-title">Soreness</h2>
      <ul class="records" aria-labelledby="soreness-title" data-testid="soreness-list">
        {[...s.workouts].reverse().map((w) => (
          <li key={`${w.workout_uid}:${w.region}:${w.side}`} data-region={w.region} data-side={w.side}>
            <strong>{spotLabel(names.get(w.region) ?? w.region, w.side)}</strong> after the workout of {when(w.workout_ms)}
            <br />
            <span>
              Day 0: {day(w.by_day[0] ?? null)}, day 1: {day(w.by_day[1] ?? null)}, day 2: {day(w.by_day[2] ?? null)} (0–10)
            </span>
          </li>
        ))}
        {s.sessions.map((x) => (
          <li key={`${x.session_uid}:${x.region}:${x.side}`}>
            <strong>{spotLabel(names.get(x.region) ?? x.region, x.side)}</strong> around a session: {x.before} before, {x.after} after
            {x.meaningful ? ' (a real change)' : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

function RecordLinks() {
  return (
    <nav class="card" aria-labelledby="record-links-title">
      <h2 id="record-links-title">Record</h2>
      <div class="row">
        <a class="button" href="#/record/self-test">
          Self-test
        </a>
        <a class="button" href="#/record/soreness">
          Soreness
        </a>
        <a class="button" href="#/record/workout">
          Workout
        </a>
      </div>
    </nav>
  );
}

export function Progress() {
  const [list, reloadList] = useApi(api.sessions);
  const [prog, reloadProg] = useApi(api.progress);
  const [regionList] = useApi(api.regions);
  const [tests] = useApi(api.selfTests);
  const guides = useMemo(() => new Map((tests?.ok ? tests.data.guides : []).map((g) => [g.id, g.name] as [string, string])), [tests]);
  const regions = regionList?.ok ? regionList.data : [];
  const names = useMemo(() => new Map(regions.map((r) => [r.id, r.name] as [string, string])), [regions]);
  return (
    <section aria-labelledby="progress-title">
      <h1 id="progress-title">Journal and progress</h1>
      {/* Nothing above the record links waits for an answer (a loading line there would move them: Lighthouse's
          layout shift); the alerts, when there are any, come first once known. */}
      {prog?.ok && prog.stale && <p class="muted">Offline: showing what was saved on this device.</p>}
      {prog?.ok && <Alerts data={prog.data.progress} names={names} onAcknowledged={reloadProg} />}
      <RecordLinks />
      {!prog || !list ? (
        <Loading what="your progress" />
      ) : !prog.ok ? (
        <ErrorState error={prog.error} what="Progress" onRetry={reloadProg} />
      ) : (
        <>
          <Heat data={prog.data.progress} regions={regions} />
          <Trends data={prog.data.progress} names={names} />
          <SelfTests data={prog.data.progress} guides={guides} />
          <Soreness data={prog.data.progress} names={names} />
        </>
      )}
      {list && prog && <h2>Sessions</h2>}
      {!list || !prog ? null : !list.ok ? (
        <ErrorState error={list.error} what="Sessions" onRetry={reloadList} />
      ) : list.data.sessions.length === 0 ? (
        <p class="muted">No sessions yet. Plan one and press Start.</p>
      ) : (
        <ul class="sessions" data-testid="session-list">
          {[...list.data.sessions].reverse().map((s) => (
            <li key={s.uid} data-uid={s.uid}>
              <a class="session-link" href={`#/journal/${encodeURIComponent(s.uid)}`}>
                {s.title || 'Session'}
              </a>
              <br />
              <span class="muted">
                {when(s.started_ms)} · {statusWords[s.status] ?? s.status}
                {s.duration_s > 0 ? ` · ${Math.max(1, Math.round(s.duration_s / 60))} min` : ''}
                {s.regions.length ? ` · ${s.regions.map((r) => names.get(r) ?? r).join(', ')}` : ''}
                {s.check_ins ? ` · ${s.check_ins} check-in${s.check_ins > 1 ? 's' : ''}` : ''}
                {s.pain_check_ins ? ` · ${s.pain_check_ins} painful` : ''}
                {s.adaptations ? ` · adapted ${s.adaptations}×` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
