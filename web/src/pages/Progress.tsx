// Journal and progress: alerts first, then the sessions, a body heat map of the latest sensation per region,
// trend charts (uPlot) and self-tests. Each part shows its own error when its route is missing.
import { useMemo, useState } from 'preact/hooks';
import * as api from '../api';
import type { Progress as ProgressData, Region, View } from '../api';
import { BodyHeatMap, heatColour, sideKey, spotLabel } from '../components/BodyMap';
import { ErrorState, Loading } from '../components/ErrorState';
import { TrendChart, type Series } from '../components/TrendChart';
import { useApi } from '../components/useApi';
import { ViewToggle } from '../components/ViewToggle';

const statusWords: Record<string, string> = { active: 'in progress', finished: 'finished', stopped: 'stopped early' };

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function Alerts({ data, names }: { data: ProgressData; names: Map<string, string> }) {
  const open = data.alerts.filter((a) => !a.acknowledged);
  if (open.length === 0) return null;
  return (
    <div class="alert clearance" role="alert" data-testid="progress-alerts">
      <h2>Worth a closer look</h2>
      {open.map((a) => (
        <p key={a.id}>
          <strong>{spotLabel(names.get(a.region) ?? a.region, a.side)}:</strong> {a.message}
        </p>
      ))}
    </div>
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
  const tests: Series[] = useMemo(
    () =>
      data.self_tests
        .filter((t) => t.history.length > 0)
        .map((t) => ({
          label: `${t.test}${t.side !== 'centre' ? ` (${t.side})` : ''}${t.unit ? `, ${t.unit}` : ''}`,
          points: t.history.map((p) => ({ at_ms: p.at_ms, value: p.value })),
        })),
    [data],
  );
  return (
    <>
      <h2>Sensation over time</h2>
      {series.length ? <TrendChart title="Sensation 0 to 10 per area over time" series={series} yMax={10} unit="0–10" /> : <p class="muted">No check-ins yet.</p>}
      <p class="muted">With regular rolling, the same pressure usually feels less intense over the weeks.</p>
      <h2>Self-tests</h2>
      {tests.length ? <TrendChart title="Self-test results over time" series={tests} unit="result" /> : <p class="muted">No self-tests yet.</p>}
    </>
  );
}

export function Progress() {
  const [list, reloadList] = useApi(api.sessions);
  const [prog, reloadProg] = useApi(api.progress);
  const [regionList] = useApi(api.regions);
  const regions = regionList?.ok ? regionList.data : [];
  const names = useMemo(() => new Map(regions.map((r) => [r.id, r.name] as [string, string])), [regions]);
  return (
    <section aria-labelledby="progress-title">
      <h1 id="progress-title">Journal and progress</h1>
      {!prog ? (
        <Loading what="your progress" />
      ) : !prog.ok ? (
        <ErrorState error={prog.error} what="Progress" onRetry={reloadProg} />
      ) : (
        <>
          {prog.stale && <p class="muted">Offline: showing what was saved on this device.</p>}
          <Alerts data={prog.data.progress} names={names} />
          <Heat data={prog.data.progress} regions={regions} />
          <Trends data={prog.data.progress} names={names} />
        </>
      )}
      <h2>Sessions</h2>
      {!list ? (
        <Loading what="your sessions" />
      ) : !list.ok ? (
        <ErrorState error={list.error} what="Sessions" onRetry={reloadList} />
      ) : list.data.sessions.length === 0 ? (
        <p class="muted">No sessions yet. Plan one and press Start.</p>
      ) : (
        <ul class="sessions" data-testid="session-list">
          {[...list.data.sessions].reverse().map((s) => (
            <li key={s.uid} data-uid={s.uid}>
              <strong>{s.title || 'Session'}</strong>
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
