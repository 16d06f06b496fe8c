// One client's progress, as far as they share it (GET /api/clients/{id}): each part is there only when its category
// is shared; the others say so.
import * as api from '../api';
import { sharingCategories } from '../sharing';
import type { ClientProgress } from '../api';
import { ErrorState, Loading } from '../components/ErrorState';
import { useApi } from '../components/useApi';
import { TrainerNav } from './Clients';

const sideText = (s: api.Side) => (s === 'centre' ? '' : ` (${s})`);
const when = (ms: number) => new Date(ms).toLocaleDateString();

export function ClientView({ id }: { id: string }) {
  const [c, reload] = useApi(() => api.client(id));
  return (
    <section aria-labelledby="client-title">
      <TrainerNav current="clients" />
      {!c && <Loading what="the client" />}
      {c && !c.ok && (
        <>
          <h1 id="client-title">Client</h1>
          <ErrorState error={c.error} what="This client" onRetry={c.error.status === 0 ? reload : undefined} />
        </>
      )}
      {c?.ok && <Client c={c.data} />}
    </section>
  );
}

function NotShared({ what, name }: { what: string; name: string }) {
  return <p class="muted">{name} does not share {what}.</p>;
}

function Client({ c }: { c: ClientProgress }) {
  const shared = sharingCategories.filter((k) => c.sharing[k.key]);
  return (
    <>
      <h1 id="client-title">{c.name}</h1>
      <p data-testid="client-sharing">
        Your client since {when(c.since_ms)}. Shares: {shared.length ? shared.map((k) => k.label.toLowerCase()).join('; ') : 'nothing beyond the name'}.
      </p>
      <section class="card" aria-labelledby="c-sessions">
        <h2 id="c-sessions">Sessions (last 28 days)</h2>
        {c.sessions === undefined ? (
          <NotShared what="sessions" name={c.name} />
        ) : c.sessions.length === 0 ? (
          <p>No sessions in the last 28 days.</p>
        ) : (
          <ul class="records" data-testid="client-sessions">
            {c.sessions.map((s) => (
              <li key={s.uid}>
                {when(s.started_ms)}: {s.title}, {Math.round(s.duration_s / 60)} min, {s.status}
                {s.pain_check_ins > 0 ? `, ${s.pain_check_ins} painful check-in${s.pain_check_ins === 1 ? '' : 's'}` : ''}
              </li>
            ))}
          </ul>
        )}
        {c.adherence && (
          <p>
            Weekly target {c.adherence.target}; {c.adherence.mean_sessions_per_week.toFixed(1)} sessions a week on average; current streak {c.adherence.streaks.current_days} day
            {c.adherence.streaks.current_days === 1 ? '' : 's'}.
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="c-trends">
        <h2 id="c-trends">Pain alerts and sensation</h2>
        {c.alerts === undefined ? (
          <NotShared what="trends and pain alerts" name={c.name} />
        ) : (
          <>
            {c.alerts.length === 0 ? (
              <p>No pain alerts.</p>
            ) : (
              <ul class="records" data-testid="client-alerts">
                {c.alerts.map((a) => (
                  <li key={a.id}>
                    {api.plainWords(a.message)} <span class="muted">(since {when(a.since_ms)}; rules {a.rules.join(', ')})</span>
                  </li>
                ))}
              </ul>
            )}
            {c.sensation && c.sensation.length > 0 && (
              <ul class="records">
                {c.sensation.map((r) => (
                  <li key={`${r.region}:${r.side}`}>
                    {r.region.replace(/-/g, ' ')}
                    {sideText(r.side)}: {r.points.length} check-in{r.points.length === 1 ? '' : 's'}
                    {r.latest_intensity !== null ? `, latest ${r.latest_intensity} out of 10` : ''}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
      <section class="card" aria-labelledby="c-tests">
        <h2 id="c-tests">Self-tests</h2>
        {c.self_tests === undefined ? (
          <NotShared what="self-tests" name={c.name} />
        ) : c.self_tests.length === 0 ? (
          <p>No self-tests yet.</p>
        ) : (
          <ul class="records">
            {c.self_tests.map((t, i) => (
              <li key={i}>
                {t.test.replace(/-/g, ' ')}
                {sideText(t.side)}: {t.latest ?? '–'} {t.unit}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="c-soreness">
        <h2 id="c-soreness">Soreness</h2>
        {c.soreness === undefined ? <NotShared what="soreness" name={c.name} /> : <p>
            {c.soreness.sessions.length} session{c.soreness.sessions.length === 1 ? '' : 's'} rated before and after
            {c.soreness.mean_change !== null ? `; on average ${c.soreness.mean_change > 0 ? '+' : ''}${c.soreness.mean_change.toFixed(1)} out of 10 after rolling` : ''}.
          </p>}
      </section>
      <section class="card" aria-labelledby="c-screening">
        <h2 id="c-screening">Screening</h2>
        {c.screening === undefined ? (
          <NotShared what="the screening (so you see that steps were adapted, not why)" name={c.name} />
        ) : (
          <>
            {[...c.screening.clearance_needed, ...c.screening.cautions].map((n) => (
              <p key={n.id}>{n.message}</p>
            ))}
            {c.screening.blocked_regions.length > 0 && <p>Never planned: {c.screening.blocked_regions.map((b) => b.region.replace(/-/g, ' ') + sideText(b.side)).join(', ')}.</p>}
            {c.screening.clearance_needed.length + c.screening.cautions.length + c.screening.blocked_regions.length === 0 && <p>Nothing in the screening limits the rolling.</p>}
          </>
        )}
      </section>
    </>
  );
}
