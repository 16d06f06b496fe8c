// First visit: the safety screening in plain words (evidence.md R10-R12). Clearance and stop messages are
// full-width alerts (role="alert") that cannot be missed; a red flag blocks the way to a plan.
import { useEffect, useMemo, useState } from 'preact/hooks';
import * as api from '../api';
import type { Condition, Experience, NamedArea, Profile, RedFlag, Region, Screening, Side } from '../api';
import { ErrorState, Loading } from '../components/ErrorState';
import { useApi } from '../components/useApi';
import { loadProfile, saveProfile } from '../prefs';
import { go } from '../router';
import { checkWarnings } from '../safety';

const experiences: { id: Experience; label: string }[] = [
  { id: 'new', label: 'New to rolling, or only a few times' },
  { id: 'regular', label: 'Roll regularly' },
];

const emptyProfile: Profile = { conditions: [], named_areas: [], symptoms: [], experience: 'new', tools: [], lifestyle: [], aches: [] };

// What the screening says, worked out on the page from the catalog's own messages. Used only when the server
// cannot be reached (offline) or refuses the answers: the page then says "saved on this device only". With the
// server up, its answer to PUT /api/profile (core::screen) is what the page shows.
function localScreening(p: Profile, conds: Condition[], flags: RedFlag[]): Screening {
  const notice = (id: string, message: string) => ({ id, message, rules: [], sources: [] });
  const stop = flags.filter((f) => p.symptoms.includes(f.id)).map((f) => notice(f.id, f.message));
  const chosen = conds.filter((c) => p.conditions.includes(c.id));
  return {
    may_roll: stop.length === 0,
    stop,
    clearance_needed: chosen.filter((c) => c.effect === 'clearance').map((c) => notice(c.id, c.message)),
    cautions: chosen.filter((c) => c.effect !== 'clearance').map((c) => notice(c.id, c.message)),
    blocked_regions: [],
    blocked_tools: [],
    limits: [],
  };
}

export function ScreeningAlerts({ screening, names }: { screening: Screening; names: Map<string, string> }) {
  return (
    <div data-testid="screening-result">
      {screening.stop.length > 0 && (
        <div class="alert stop" role="alert">
          <h2>Stop: do not roll today</h2>
          {screening.stop.map((n) => (
            <p key={n.id}>{n.message}</p>
          ))}
        </div>
      )}
      {screening.clearance_needed.length > 0 && (
        <div class="alert clearance" role="alert" data-testid="clearance-alert">
          <h2>Check with your physician first</h2>
          {screening.clearance_needed.map((n) => (
            <p key={n.id}>
              <strong>{names.get(n.id) ?? n.id}:</strong> {n.message}
            </p>
          ))}
        </div>
      )}
      {screening.cautions.length > 0 && (
        <div class="alert info" role="status">
          <h2>Take care</h2>
          {screening.cautions.map((n) => (
            <p key={n.id}>
              <strong>{names.get(n.id) ?? n.id}:</strong> {n.message}
            </p>
          ))}
        </div>
      )}
      {(screening.blocked_regions.length > 0 || screening.limits.length > 0) && (
        <div class="alert info" role="status" data-testid="screening-limits">
          <h2>Left out of your plans</h2>
          {screening.blocked_regions.map((b) => (
            <p key={`${b.region}:${b.side}`}>
              <strong>{names.get(b.region) ?? b.region}{b.side !== 'centre' ? `, ${b.side}` : ''}:</strong> {b.reason}
            </p>
          ))}
          {screening.limits.map((l) => (
            <p key={`${l.condition}:${l.regions.join(',')}`}>{l.note}</p>
          ))}
        </div>
      )}
      {screening.may_roll && screening.clearance_needed.length === 0 && (
        <div class="alert ok" role="status">
          <p>Nothing in your answers stops you from rolling. Stop whenever something hurts sharply, burns, stings or goes numb.</p>
        </div>
      )}
    </div>
  );
}

export function Onboarding() {
  const [conds] = useApi(api.conditions);
  const [flags] = useApi(api.redFlags);
  const [toolList] = useApi(api.tools);
  const [regionList] = useApi(api.regions);
  const [lifestyle] = useApi(api.lifestyle);
  const [profile, setProfile] = useState<Profile>(() => loadProfile() ?? emptyProfile);
  const [result, setResult] = useState<{ screening: Screening; saved: boolean; error?: api.ApiError } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // The server's copy wins over this device's, when the route exists.
    // The server's copy wins over this device's once it has one (updated_ms 0: never screened there).
    api.getProfile().then((r) => r.ok && (r.data.updated_ms ?? 0) > 0 && setProfile({ ...emptyProfile, ...r.data }));
  }, []);

  // Names for the screening's ids: conditions and regions.
  const names = useMemo(
    () =>
      new Map([
        ...(conds?.ok ? conds.data : []).map((c) => [c.id, c.name] as [string, string]),
        ...(regionList?.ok ? regionList.data : []).map((r) => [r.id, r.name] as [string, string]),
      ]),
    [conds, regionList],
  );
  // One render once every answer is in (each one used to re-render the whole form: main-thread time on the first
  // visit, docs/performance.md); tools, regions and lifestyle are optional.
  if (!conds || !flags || !toolList || !regionList || !lifestyle) return <Loading what="the screening questions" />;
  if (!conds.ok) return <ErrorState error={conds.error} what="Screening questions" />;
  if (!flags.ok) return <ErrorState error={flags.error} what="Screening questions" />;
  const regions: Region[] = regionList?.ok ? regionList.data : [];

  const toggleAche = (region: string) =>
    setProfile((p) => ({ ...p, aches: p.aches.some((a) => a.region === region) ? p.aches.filter((a) => a.region !== region) : [...p.aches, { region, side: 'centre' }] }));
  const toggle = (list: keyof Pick<Profile, 'conditions' | 'symptoms' | 'tools' | 'lifestyle'>, id: string) =>
    setProfile((p) => ({ ...p, [list]: p[list].includes(id) ? p[list].filter((x) => x !== id) : [...p[list], id] }));
  const setArea = (condition: string, area: Partial<NamedArea>) =>
    setProfile((p) => {
      const rest = p.named_areas.filter((a) => a.condition !== condition);
      const old = p.named_areas.find((a) => a.condition === condition) ?? { condition, region: '', side: 'centre' as Side };
      const next = { ...old, ...area };
      return { ...p, named_areas: next.region ? [...rest, next] : rest };
    });

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const local = localScreening(profile, conds.data, flags.data);
    saveProfile(profile);
    const r = await api.putProfile(profile);
    setBusy(false);
    if (r.ok) {
      saveProfile(r.data.profile);
      setProfile({ ...emptyProfile, ...r.data.profile });
      setResult({ screening: r.data.screening, saved: true });
      // A symptom answered yes is now an active warning sign: the stop screen takes over (main.tsx).
      if ((r.data.warnings ?? []).length > 0) checkWarnings();
    } else setResult({ screening: local, saved: false, error: r.error });
    requestAnimationFrame(() => document.getElementById('screening-top')?.scrollIntoView());
  };

  return (
    <section aria-labelledby="onboarding-title">
      <h1 id="onboarding-title">Before you start</h1>
      <p>
        A few questions keep rolling safe for you. SMR Coach gives general guidance, not medical advice, and never diagnoses
        anything.
      </p>
      <div id="screening-top" />
      {result && (
        <>
          <ScreeningAlerts screening={result.screening} names={names} />
          {!result.saved && result.error && (
            <div class="error-state" role="status">
              <strong>Saved on this device only.</strong>
              <p>{result.error.message}</p>
            </div>
          )}
          <button type="button" class="primary wide" disabled={!result.screening.may_roll} onClick={() => go('plan')}>
            {result.screening.may_roll ? 'Continue to your plan' : 'Rolling is not safe today'}
          </button>
        </>
      )}
      <form onSubmit={submit}>
        <fieldset>
          <legend>Right now, do you have any of these?</legend>
          {flags.data.map((f) => (
            <label class="choice" key={f.id}>
              <input type="checkbox" name="symptom" value={f.id} checked={profile.symptoms.includes(f.id)} onChange={() => toggle('symptoms', f.id)} />
              <span>{f.question}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Do any of these apply to you?</legend>
          {conds.data.map((c) => (
            <div key={c.id}>
              <label class="choice">
                <input type="checkbox" name="condition" value={c.id} checked={profile.conditions.includes(c.id)} onChange={() => toggle('conditions', c.id)} />
                <span>{c.name}</span>
              </label>
              {c.block_named_area && profile.conditions.includes(c.id) && (
                <div class="row">
                  <label class="field">
                    Where?
                    <select
                      value={profile.named_areas.find((a) => a.condition === c.id)?.region ?? ''}
                      onChange={(e) => setArea(c.id, { region: (e.target as HTMLSelectElement).value })}
                    >
                      <option value="">Choose the area</option>
                      {regions.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label class="field">
                    Side
                    <select
                      value={profile.named_areas.find((a) => a.condition === c.id)?.side ?? 'centre'}
                      onChange={(e) => setArea(c.id, { side: (e.target as HTMLSelectElement).value as Side })}
                    >
                      <option value="centre">Both or middle</option>
                      <option value="left">Left</option>
                      <option value="right">Right</option>
                    </select>
                  </label>
                </div>
              )}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>How much have you rolled before?</legend>
          {experiences.map((x) => (
            <label class="choice" key={x.id}>
              <input type="radio" name="experience" value={x.id} checked={profile.experience === x.id} onChange={() => setProfile((p) => ({ ...p, experience: x.id }))} />
              <span>{x.label}</span>
            </label>
          ))}
        </fieldset>
        {lifestyle?.ok && lifestyle.data.length > 0 && (
          <fieldset data-testid="lifestyle-questions">
            <legend>About your days (optional)</legend>
            <p class="muted">Your answers only decide which areas a plan puts first.</p>
            {lifestyle.data.map((l) => (
              <label class="choice" key={l.id}>
                <input type="checkbox" name="lifestyle" value={l.id} checked={profile.lifestyle.includes(l.id)} onChange={() => toggle('lifestyle', l.id)} />
                <span>{l.question}</span>
              </label>
            ))}
          </fieldset>
        )}
        {regions.length > 0 && (
          <fieldset data-testid="ache-questions">
            <legend>Does anything ache at the moment? (optional)</legend>
            <p class="muted">A dull ache or stiffness, not a sharp pain: plans put these areas first.</p>
            <div class="choices">
              {regions.map((r) => (
                <label class="chip" key={r.id}>
                  <input type="checkbox" name="ache" value={r.id} checked={profile.aches.some((a) => a.region === r.id)} onChange={() => toggleAche(r.id)} />
                  {r.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {toolList?.ok && (
          <fieldset>
            <legend>Which tools do you have?</legend>
            {toolList.data.map((t) => (
              <label class="choice" key={t.id}>
                <input type="checkbox" name="tool" value={t.id} checked={profile.tools.includes(t.id)} onChange={() => toggle('tools', t.id)} />
                <span>{t.name}</span>
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" class="primary wide" disabled={busy} data-testid="screening-submit">
          {busy ? 'Checking…' : 'Check my answers'}
        </button>
      </form>
    </section>
  );
}
