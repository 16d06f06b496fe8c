// Record what happens between sessions: a self-test result (POST /api/self-tests), how sore a region is (POST
// /api/soreness) and a workout (POST /api/workouts). One short form per page (#/record/self-test,
// #/record/soreness, #/record/workout). The lists come from the server (the self-test guides, the catalog's
// regions, the journal's sessions); the server validates, and its message is shown under the field it names.
import { useMemo, useState } from 'preact/hooks';
import * as api from '../api';
import type { ApiError, Region, SelfTestGuide, SessionSummary, SelfTestPhase, SorenessPhase } from '../api';
import { spotLabel } from '../components/BodyMap';
import { ErrorState, Loading } from '../components/ErrorState';
import { ChipGroup, FieldError, FormError, fieldProps, useFocusOnError } from '../components/FormErrors';
import { useApi } from '../components/useApi';
import { go } from '../router';
import { shownUnit, toShown, toStored } from '../units';

type Kind = 'self-test' | 'soreness' | 'workout';

const kinds: { id: Kind; label: string }[] = [
  { id: 'self-test', label: 'Self-test' },
  { id: 'soreness', label: 'Soreness' },
  { id: 'workout', label: 'Workout' },
];

const sides: { id: 'left' | 'right'; label: string }[] = [
  { id: 'left', label: 'Left' },
  { id: 'right', label: 'Right' },
];

const unitWords: Record<string, string> = { cm: 'cm', in: 'inches', deg: 'degrees', 'pass-fail': '' };

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

// The session a "before" / "after" value belongs to: the journal's sessions, latest first.
function SessionPicker({ form, sessions, value, onChange, error }: { form: string; sessions: SessionSummary[]; value: string; onChange: (v: string) => void; error: ApiError | null }) {
  return (
    <>
      <label class="field" for={`${form}-session`}>
        Which session?
      </label>
      <select {...fieldProps(form, 'session', error)} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">Choose a session</option>
        {[...sessions].reverse().map((s) => (
          <option key={s.uid} value={s.uid}>
            {s.title || 'Session'}, {when(s.started_ms)}
          </option>
        ))}
      </select>
      <FieldError form={form} field="session" error={error} />
    </>
  );
}

// --- Self-test -----------------------------------------------------------------------------------------------

const testPhases: { id: SelfTestPhase | 'auto'; label: string }[] = [
  { id: 'auto', label: 'Let the app decide' },
  { id: 'before', label: 'Right before a session' },
  { id: 'after', label: 'Right after a session' },
  { id: 'baseline', label: 'Baseline trial' },
  { id: 'check', label: 'A later re-test' },
];

const testFields = ['test', 'side', 'value', 'phase', 'session'];

// The submit button and the polite status line that says what was saved, at the foot of every record form.
function SubmitFooter({ id, label, busy, saved }: { id: string; label: string; busy: boolean; saved: string }) {
  return (
    <>
      <button type="submit" class="primary wide" disabled={busy} data-testid={`${id}-submit`}>
        {busy ? 'Saving…' : label}
      </button>
      <p role="status" class={saved ? 'saved' : undefined} data-testid={`${id}-saved`}>
        {saved}
      </p>
    </>
  );
}

// A number when the text is one (the API's documented form), else the text itself: the server says what is wrong.
const valueOf = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text.trim());

function SelfTestForm({ guides, sessions }: { guides: SelfTestGuide[]; sessions: SessionSummary[] }) {
  const form = 'st';
  const [test, setTest] = useState(guides[0]?.id ?? '');
  const [side, setSide] = useState<'left' | 'right' | ''>('');
  const [value, setValue] = useState('');
  const [phase, setPhase] = useState<SelfTestPhase | 'auto'>('auto');
  const [session, setSession] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  useFocusOnError(form, testFields, error);
  const guide = guides.find((g) => g.id === test);
  const passFail = guide?.unit === 'pass-fail';
  const paired = guide?.laterality === 'paired';
  // Typed and shown in the unit of Settings (inches or centimetres); sent in the guide's own unit.
  const shown = guide ? shownUnit(guide.unit) : '';
  const unit = unitWords[shown] ?? shown;
  const typed = (v: number | string) => (typeof v === 'number' && guide ? toStored(guide.unit, v) : v);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved('');
    const number = Number(value);
    const problem = api.formProblems([
      ['test', test ? '' : 'Choose the self-test you took.'],
      ['side', paired && !side ? 'Choose the side you tested.' : ''],
      [
        'value',
        passFail
          ? value ? '' : 'Choose pass or fail.'
          : value.trim() === ''
            ? 'Enter the result.'
            : !Number.isFinite(number)
              ? `Enter the result as a number${unit ? ` of ${unit}` : ''}, e.g. 12.5.`
              : // In inches the page checks the range itself (the server's message would say cm); in cm the server does.
                guide && shown !== guide.unit && (number < toShown(guide.unit, guide.min_value) || number > toShown(guide.unit, guide.max_value))
                ? `Enter a result from ${toShown(guide.unit, guide.min_value)} to ${toShown(guide.unit, guide.max_value)} ${unit}.`
                : '',
      ],
      ['session', (phase === 'before' || phase === 'after') && !session ? 'Choose the session the result belongs to.' : ''],
    ]);
    if (problem) return setError(problem);
    setBusy(true);
    const r = await api.addSelfTest({
      test,
      side: paired && side ? side : undefined,
      value: passFail ? value : typed(valueOf(value)),
      phase: phase === 'auto' ? undefined : phase,
      session: phase === 'before' || phase === 'after' ? session : undefined,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const t = r.data.recorded;
    const result = passFail ? (t.value >= 1 ? 'pass' : 'fail') : `${guide ? toShown(guide.unit, t.value) : t.value} ${unit}`;
    const phaseWord = testPhases.find((p) => p.id === t.phase)?.label.toLowerCase() ?? t.phase;
    setSaved(`Saved: ${guide?.name ?? t.test}${t.side !== 'centre' ? `, ${t.side}` : ''}: ${result} (${phaseWord}).`);
    setValue('');
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="record-self-test-title" data-testid="self-test-form">
      <h2 id="record-self-test-title">A self-test result</h2>
      <label class="field" for={`${form}-test`}>
        Test
      </label>
      <select
        {...fieldProps(form, 'test', error, `${form}-test-hint`)}
        value={test}
        onChange={(e) => {
          setTest((e.target as HTMLSelectElement).value);
          setValue('');
        }}
      >
        {guides.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
      <FieldError form={form} field="test" error={error} />
      {guide && (
        <>
          <p class="muted" id={`${form}-test-hint`}>
            {guide.measures}
          </p>
          <details class="howto">
            <summary>How to do this test</summary>
            <p>{guide.setup}</p>
            <ol>
              {guide.steps.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ol>
            <p>{guide.reading}</p>
          </details>
        </>
      )}
      {paired && <ChipGroup form={form} field="side" legend="Side" options={sides} value={side} onChange={setSide} error={error} />}
      {passFail ? (
        <ChipGroup
          form={form}
          field="value"
          legend="Result"
          options={[
            { id: 'pass', label: 'Pass' },
            { id: 'fail', label: 'Fail' },
          ]}
          value={value as 'pass' | 'fail' | ''}
          onChange={setValue}
          error={error}
        />
      ) : (
        <>
          <label class="field" for={`${form}-value`}>
            Result{unit ? ` (${unit})` : ''}
          </label>
          <input
            type="number"
            inputMode="decimal"
            step="any"
            {...fieldProps(form, 'value', error, `${form}-value-hint`)}
            value={value}
            onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          />
          {guide && (
            <p class="muted" id={`${form}-value-hint`}>
              From {toShown(guide.unit, guide.min_value)} to {toShown(guide.unit, guide.max_value)} {unit}.
              {guide.smallest_real_change ? ` A change smaller than ${toShown(guide.unit, guide.smallest_real_change)} ${unit} may be measuring noise.` : ''}
            </p>
          )}
          <FieldError form={form} field="value" error={error} />
        </>
      )}
      <ChipGroup form={form} field="phase" legend="When was it taken?" options={testPhases} value={phase} onChange={setPhase} error={error} />
      {(phase === 'before' || phase === 'after') && <SessionPicker form={form} sessions={sessions} value={session} onChange={setSession} error={error} />}
      <FormError form={form} fields={testFields} error={error} />
      <SubmitFooter id="self-test" label="Save the result" busy={busy} saved={saved} />
    </form>
  );
}

// --- Soreness ------------------------------------------------------------------------------------------------

const sorenessPhases: { id: SorenessPhase; label: string }[] = [
  { id: 'check', label: 'Just now (e.g. a day after a workout)' },
  { id: 'before', label: 'Right before a session' },
  { id: 'after', label: 'Right after a session' },
];

const sorenessFields = ['region', 'side', 'rating', 'phase', 'session'];

const ratings = Array.from({ length: 11 }, (_, n) => ({ id: String(n), label: String(n) }));

function SorenessForm({ regions, sessions }: { regions: Region[]; sessions: SessionSummary[] }) {
  const form = 'sore';
  const [region, setRegion] = useState('');
  const [side, setSide] = useState<'left' | 'right' | ''>('');
  const [rating, setRating] = useState('');
  const [phase, setPhase] = useState<SorenessPhase>('check');
  const [session, setSession] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  useFocusOnError(form, sorenessFields, error);
  const picked = regions.find((r) => r.id === region);
  const groups = useMemo(() => [...new Set(regions.map((r) => r.group))], [regions]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved('');
    const problem = api.formProblems([
      ['region', region ? '' : 'Choose the area that is sore.'],
      ['side', picked?.laterality === 'paired' && !side ? 'Choose the side.' : ''],
      ['rating', rating === '' ? 'Choose how sore it is, from 0 to 10.' : ''],
      ['session', phase !== 'check' && !session ? 'Choose the session the rating belongs to.' : ''],
    ]);
    if (problem) return setError(problem);
    setBusy(true);
    const r = await api.addSoreness({
      region,
      rating: rating === '' ? undefined : Number(rating), // left out: the server names the field
      side: picked?.laterality === 'paired' && side ? side : undefined,
      phase,
      session: phase === 'check' ? undefined : session,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const t = r.data.recorded;
    setSaved(`Saved: ${spotLabel(picked?.name ?? region, t.side)}, soreness ${t.value} out of 10.`);
    setRating('');
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="record-soreness-title" data-testid="soreness-form">
      <h2 id="record-soreness-title">How sore is it?</h2>
      <p class="muted">Muscle soreness after exercise usually peaks a day or two later. Rating it lets you see whether rolling eases it for you.</p>
      <label class="field" for={`${form}-region`}>
        Area
      </label>
      <select {...fieldProps(form, 'region', error)} value={region} onChange={(e) => setRegion((e.target as HTMLSelectElement).value)}>
        <option value="">Choose an area</option>
        {groups.map((g) => (
          <optgroup key={g} label={g}>
            {regions
              .filter((r) => r.group === g)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <FieldError form={form} field="region" error={error} />
      {picked?.laterality === 'paired' && <ChipGroup form={form} field="side" legend="Side" options={sides} value={side} onChange={setSide} error={error} />}
      <ChipGroup
        form={form}
        field="rating"
        legend="How sore, from 0 to 10?"
        hint="0: not sore at all. 10: as sore as you can imagine."
        options={ratings}
        value={rating}
        onChange={setRating}
        error={error}
        columns="scale"
      />
      <ChipGroup form={form} field="phase" legend="When?" options={sorenessPhases} value={phase} onChange={setPhase} error={error} />
      {phase !== 'check' && <SessionPicker form={form} sessions={sessions} value={session} onChange={setSession} error={error} />}
      <FormError form={form} fields={sorenessFields} error={error} />
      <SubmitFooter id="soreness" label="Save the rating" busy={busy} saved={saved} />
    </form>
  );
}

// --- Workout -------------------------------------------------------------------------------------------------

// A datetime-local value ("2026-11-21T15:04") for a time, in the device's zone.
function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function WorkoutForm() {
  const form = 'wo';
  const [at, setAt] = useState(() => localInput(Date.now()));
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  useFocusOnError(form, ['at_ms'], error);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved('');
    const ms = at ? new Date(at).getTime() : NaN;
    if (!Number.isFinite(ms)) {
      return setError({ status: 0, code: 'invalid', field: 'at_ms', message: 'Enter the day and time of the workout.', missing: false });
    }
    setBusy(true);
    const r = await api.addWorkout({ at_ms: ms });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setSaved(`Saved: a workout on ${when(r.data.recorded.at_ms)}. Rate how sore you are today and over the next two days.`);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="record-workout-title" data-testid="workout-form">
      <h2 id="record-workout-title">A workout</h2>
      <p class="muted">Soreness on the next two days is shown against your latest workout.</p>
      <label class="field" for={`${form}-at_ms`}>
        When was it?
      </label>
      <input type="datetime-local" {...fieldProps(form, 'at_ms', error)} value={at} onInput={(e) => setAt((e.target as HTMLInputElement).value)} />
      <FieldError form={form} field="at_ms" error={error} />
      <FormError form={form} fields={['at_ms']} error={error} />
      <SubmitFooter id="workout" label="Save the workout" busy={busy} saved={saved} />
      {saved && (
        <button type="button" class="wide" onClick={() => go('record', 'soreness')}>
          Rate soreness now
        </button>
      )}
    </form>
  );
}

// --- The page ------------------------------------------------------------------------------------------------

export function RecordPage({ kind }: { kind: string }) {
  const current: Kind = kinds.some((k) => k.id === kind) ? (kind as Kind) : 'self-test';
  const [tests, reloadTests] = useApi(api.selfTests);
  const [regionList, reloadRegions] = useApi(api.regions);
  const [list] = useApi(api.sessions);
  const sessions = list?.ok ? list.data.sessions : [];

  let body;
  if (current === 'workout') body = <WorkoutForm />;
  else if (current === 'self-test')
    body = !tests ? (
      <Loading what="the self-tests" />
    ) : !tests.ok ? (
      <ErrorState error={tests.error} what="Self-tests" onRetry={reloadTests} />
    ) : (
      <SelfTestForm guides={tests.data.guides} sessions={sessions} />
    );
  else
    body = !regionList ? (
      <Loading what="the body areas" />
    ) : !regionList.ok ? (
      <ErrorState error={regionList.error} what="Body areas" onRetry={reloadRegions} />
    ) : (
      <SorenessForm regions={regionList.data} sessions={sessions} />
    );

  return (
    <section aria-labelledby="record-title">
      <h1 id="record-title">Record</h1>
      <nav class="row segmented" aria-label="What to record">
        {kinds.map((k) => (
          <a key={k.id} class={`button${k.id === current ? ' primary' : ''}`} href={`#/record/${k.id}`} aria-current={k.id === current ? 'page' : undefined}>
            {k.label}
          </a>
        ))}
      </nav>
      {body}
      <p>
        <a class="back" href="#/progress">Back to your journal and progress</a>
      </p>
    </section>
  );
}
