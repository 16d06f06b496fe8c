// Plan a routine: goal, minutes, tools, where (context) and the focus areas, picked on a front/back body map.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import type { Context, Goal, Routine, View } from '../api';
import { AreaList, BodyMapPicker, sideKey, spotLabel } from '../components/BodyMap';
import { ErrorState, Loading } from '../components/ErrorState';
import { FromTrainer } from '../components/FromTrainer';
import { SaveRoutineForm, SavedRoutineList } from '../components/SavedRoutines';
import { SaveTemplateForm } from '../components/SaveTemplate';
import { useApi } from '../components/useApi';
import { ViewToggle } from '../components/ViewToggle';
import { loadPrefs, loadProfile, loadRoutine, saveProfile, saveRoutine } from '../prefs';
import { go } from '../router';
import { checkWarnings, isStop, stopping } from '../safety';

// 20 s to answer a check-in on a phone (10 s suits a keyboard: docs/session.md). The plan fits these windows
// inside the minutes asked, so the session lasts what the plan says.
const PHONE_CHECK_IN_S = 20;

const goals: { id: Goal; label: string }[] = [
  { id: 'daily-mobility', label: 'Move easier today' },
  { id: 'desk-relief', label: 'Undo desk sitting' },
  { id: 'pre-activity', label: 'Before a workout' },
  { id: 'post-workout', label: 'After a workout' },
  { id: 'soreness-day-1', label: 'Sore today' },
  { id: 'soreness-day-2', label: 'Sore since yesterday' },
  { id: 'breathing-calm', label: 'Breathe and calm down' },
  { id: 'specific-ache', label: 'One aching spot' },
];

const contexts: { id: Context; label: string }[] = [
  { id: 'floor', label: 'On the floor' },
  { id: 'seated', label: 'Sitting' },
  { id: 'standing', label: 'Standing' },
  { id: 'desk', label: 'At a desk' },
  { id: 'call', label: 'On a call' },
];

const minutesText = (s: number) => `${Math.round(s / 60)} min`;

// Goals that roll the muscles of one workout: they need the workout (an activity) or focus areas.
const needsActivity = (g: Goal) => g === 'pre-activity' || g === 'post-workout';

// What the form lacks, all at once and in plain words (issue 11 item 15: not one missing field per submit).
// Keys are the request's fields, so the server's own field errors land in the same places.
export function missingPlanFields(r: { goal: Goal; activity: string; focus: number; tools: number; profileTools: number }): Map<string, string> {
  const out = new Map<string, string>();
  if (needsActivity(r.goal) && !r.activity && r.focus === 0)
    out.set('activity', r.goal === 'pre-activity' ? 'Choose the workout you are about to do, or pick focus areas on the map.' : 'Choose the workout you did, or pick focus areas on the map.');
  if (r.tools === 0 && r.profileTools === 0) out.set('tools', 'Pick at least one tool you have at hand.');
  return out;
}

// Has this person answered the screening (on this device, or on the server from another device or `smr screen`)?
// null while asking the server.
function useScreened(): boolean | null {
  const [screened, setScreened] = useState<boolean | null>(() => (loadProfile() ? true : null));
  useEffect(() => {
    if (screened) return;
    api.getProfile().then((r) => {
      if (r.ok && (r.data.updated_ms ?? 0) > 0) {
        saveProfile(r.data);
        setScreened(true);
      } else setScreened(r.ok ? false : true); // offline: the server decides when the plan is asked for
    });
  }, []);
  return screened;
}

export function Plan() {
  const [regionList, reloadRegions] = useApi(api.regions);
  const [toolList] = useApi(api.tools);
  const [screening] = useApi(api.getScreening);
  const [lifestyle] = useApi(api.lifestyle);
  const screened = useScreened();
  const [activity, setActivity] = useState('');
  const [missing, setMissing] = useState<Map<string, string>>(new Map());
  const [kept, reloadKept] = useApi(api.savedRoutines);
  const [me] = useApi(api.me);
  const allIn = useRef(false); // every answer of the first load has come
  const [goal, setGoal] = useState<Goal>('daily-mobility');
  const [minutes, setMinutes] = useState(10);
  const [context, setContext] = useState<Context>('floor');
  const [tools, setTools] = useState<string[]>(() => loadProfile()?.tools ?? []);
  const [view, setView] = useState<View>('front');
  const [focus, setFocus] = useState<Set<string>>(new Set());
  const [routine, setRoutine] = useState<Routine | null>(loadRoutine);
  const [error, setError] = useState<api.ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const names = useMemo(() => new Map((regionList?.ok ? regionList.data : []).map((r) => [r.id, r.name] as [string, string])), [regionList]);
  const toolNames = useMemo(() => new Map((toolList?.ok ? toolList.data : []).map((t) => [t.id, t.name] as [string, string])), [toolList]);

  const toggleFocus = (key: string) =>
    setFocus((f) => {
      const n = new Set(f);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const lacking = missingPlanFields({ goal, activity, focus: focus.size, tools: tools.length, profileTools: loadProfile()?.tools.length ?? 0 });
    setMissing(lacking);
    if (lacking.size > 0) {
      // A failed plan never leaves the previous plan's Start button underneath.
      setRoutine(null);
      requestAnimationFrame(() => document.getElementById(`plan-${[...lacking.keys()][0]}`)?.focus());
      return;
    }
    setBusy(true);
    // An active warning sign comes first: the stop screen (main.tsx), not a plan.
    if (stopping(await checkWarnings())) return setBusy(false);
    const r = await api.plan({
      check_in_s: PHONE_CHECK_IN_S,
      goal,
      minutes,
      context,
      activity: needsActivity(goal) && activity ? activity : undefined,
      tools: tools.length ? tools : undefined,
      focus: [...focus].map((k) => {
        const [region, side] = k.split(':');
        return { region, side: side as api.Side };
      }),
    });
    setBusy(false);
    if (r.ok) {
      setRoutine(r.data);
      saveRoutine(r.data);
      requestAnimationFrame(() => document.getElementById('routine')?.scrollIntoView());
    } else {
      setRoutine(null); // the old plan's Start button must not sit under the error
      if (isStop(r.error)) checkWarnings(r.error.message);
      else setError(r.error);
    }
  };

  const start = async () => {
    if (!routine) return;
    setBusy(true);
    setError(null);
    // The plan fitted these windows inside its minutes; a routine saved before it knew them gets them too.
    const r = await api.startSession(routine, {
      breaths_per_min: loadPrefs().breaths_per_minute,
      check_in_s: PHONE_CHECK_IN_S,
    });
    setBusy(false);
    if (r.ok) {
      // The answer carries what the safety gate changed in this (perhaps old) plan; the player shows it first.
      sessionStorage.setItem(`smr.live.${r.data.uid}`, JSON.stringify(r.data));
      go('session', r.data.uid);
    } else if (isStop(r.error)) checkWarnings(r.error.message);
    else setError(r.error);
  };

  // The first render waits for every answer (each answer used to re-render the whole form and the body map:
  // main-thread time on the first load, docs/performance.md); the lists other than the regions are optional. Later
  // reloads (the saved routines after a save) keep the page on screen.
  if (regionList && toolList && screening && lifestyle && kept) allIn.current = true;
  if (!regionList || !allIn.current) return <Loading what="the body regions" />;
  if (!regionList.ok) return <ErrorState error={regionList.error} what="Body regions" onRetry={reloadRegions} />;
  if (screened === null) return <Loading what="your screening answers" />;
  if (!screened)
    return (
      <section aria-labelledby="plan-title">
        <h1 id="plan-title">Plan a session</h1>
        <div class="alert info" role="status" data-testid="plan-needs-screening">
          <h2>First, a few safety questions</h2>
          <p>A plan depends on your answers: some areas, tools or positions may not be safe for you. It takes about a minute.</p>
        </div>
        <a class="button primary wide" href="#/onboarding" data-testid="go-screening">
          Answer the safety questions
        </a>
      </section>
    );
  const blocked = new Set((screening?.ok ? screening.data.blocked_regions : []).map((b) => sideKey(b.region, b.side)));
  const activities = (lifestyle?.ok ? lifestyle.data : []).filter((l) => l.activity);

  return (
    <section aria-labelledby="plan-title">
      <h1 id="plan-title">Plan a session</h1>
      {me?.ok && me.data.accounts && <FromTrainer settings={{ breaths_per_min: loadPrefs().breaths_per_minute, check_in_s: PHONE_CHECK_IN_S }} />}
      <SavedRoutineList routines={kept} onChanged={reloadKept} settings={{ breaths_per_min: loadPrefs().breaths_per_minute, check_in_s: PHONE_CHECK_IN_S }} />
      <form onSubmit={submit}>
        <fieldset>
          <legend>What for?</legend>
          <div class="choices">
            {goals.map((g) => (
              <label class="chip" key={g.id}>
                <input type="radio" name="goal" value={g.id} checked={goal === g.id} onChange={() => setGoal(g.id)} />
                {g.label}
              </label>
            ))}
          </div>
        </fieldset>
        {needsActivity(goal) && (
          <fieldset data-field="plan-activity" class={missing.has('activity') ? 'invalid' : undefined}>
            <legend>{goal === 'pre-activity' ? 'Which workout are you about to do?' : 'Which workout did you do?'}</legend>
            <label class="field" for="plan-activity">
              Workout
            </label>
            <select
              id="plan-activity"
              value={activity}
              aria-invalid={missing.has('activity') ? 'true' : undefined}
              aria-describedby={missing.has('activity') ? 'plan-activity-error' : undefined}
              onChange={(e) => setActivity((e.target as HTMLSelectElement).value)}
            >
              <option value="">Choose the workout</option>
              {activities.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            {missing.has('activity') && (
              <p class="field-error" id="plan-activity-error" data-testid="plan-activity-error">
                {missing.get('activity')}
              </p>
            )}
          </fieldset>
        )}
        <fieldset>
          <legend>How long?</legend>
          <label class="field" for="minutes">
            {minutes} minutes
          </label>
          <input id="minutes" type="range" min={5} max={45} step={5} value={minutes} onInput={(e) => setMinutes(Number((e.target as HTMLInputElement).value))} />
        </fieldset>
        <fieldset>
          <legend>Where are you?</legend>
          <div class="choices">
            {contexts.map((c) => (
              <label class="chip" key={c.id}>
                <input type="radio" name="context" value={c.id} checked={context === c.id} onChange={() => setContext(c.id)} />
                {c.label}
              </label>
            ))}
          </div>
        </fieldset>
        {toolList?.ok && (
          <fieldset class={missing.has('tools') ? 'invalid' : undefined} aria-describedby={missing.has('tools') ? 'plan-tools-error' : undefined}>
            <legend>Tools at hand</legend>
            <div class="choices">
              {toolList.data.map((t, i) => (
                <label class="chip" key={t.id}>
                  <input
                    type="checkbox"
                    id={i === 0 ? 'plan-tools' : undefined}
                    name="tool"
                    value={t.id}
                    checked={tools.includes(t.id)}
                    onChange={() => setTools((ts) => (ts.includes(t.id) ? ts.filter((x) => x !== t.id) : [...ts, t.id]))}
                  />
                  {t.name}
                </label>
              ))}
            </div>
            {missing.has('tools') && (
              <p class="field-error" id="plan-tools-error" data-testid="plan-tools-error">
                {missing.get('tools')}
              </p>
            )}
          </fieldset>
        )}
        <fieldset>
          <legend>Focus areas (optional)</legend>
          <ViewToggle view={view} onChange={setView} label="Body map side" />
          <div class="spacer" />
          <BodyMapPicker regions={regionList.data} view={view} selected={focus} blocked={blocked} onToggle={toggleFocus} />
          <details class="areas">
            <summary>Pick from a list instead</summary>
            <AreaList regions={regionList.data} selected={focus} blocked={blocked} onToggle={toggleFocus} />
          </details>
          <p aria-live="polite" data-testid="focus-list">
            {focus.size === 0
              ? 'No focus picked: the plan follows your goal.'
              : 'Focus: ' +
                [...focus]
                  .map((k) => {
                    const [r, s] = k.split(':');
                    return spotLabel(names.get(r) ?? r, s as api.Side);
                  })
                  .join(', ')}
          </p>
        </fieldset>
        {missing.size > 0 && (
          <p class="field-error" role="alert" data-testid="plan-error">
            {[...missing.values()].join(' ')}
          </p>
        )}
        <button type="submit" class="primary wide" disabled={busy} data-testid="plan-submit">
          {busy ? 'Planning…' : 'Make my plan'}
        </button>
      </form>
      {error && <ErrorState error={error} what="Planning" />}
      {routine && (
        <div class="card" id="routine" data-testid="routine">
          <h2>
            Your plan: {minutesText(routine.total_s)}, {routine.steps.length} steps
          </h2>
          {routine.clearance_needed.map((n) => (
            <div class="alert clearance" role="alert" key={n.id}>
              {n.message}
            </div>
          ))}
          {routine.warnings.map((n) => (
            <div class="alert info" role="status" key={n.id}>
              {n.message}
            </div>
          ))}
          <ol>
            {routine.steps.map((s, i) => (
              <li key={i}>
                <a href={`#/exercise/${encodeURIComponent(s.exercise)}`}>
                  <strong>{spotLabel(names.get(s.region) ?? s.region, s.side)}</strong>
                </a>{' '}
                with {toolNames.get(s.tool) ?? s.tool},{' '}
                {minutesText(s.total_s)}
              </li>
            ))}
          </ol>
          {routine.left_out.length > 0 && (
            <p class="muted">
              Left out: {routine.left_out.map((l) => `${spotLabel(names.get(l.region) ?? l.region, l.side)} (${l.reason.replace(/^blocked: /, '')})`).join('; ')}
            </p>
          )}
          <button type="button" class="primary wide" onClick={start} disabled={busy} data-testid="start-session">
            Start the session
          </button>
          <SaveRoutineForm routine={routine} onSaved={reloadKept} />
          {api.isTrainer(me) && <SaveTemplateForm routine={routine} />}
        </div>
      )}
    </section>
  );
}
