// Routines the person keeps (issue 10, item 6): save the plan on screen under a name, and the saved ones with
// Play (POST /api/sessions {saved_routine}: the safety gate checks it against the screening as it is now, and the
// player shows what it changed) and Delete.
import { useState } from 'preact/hooks';
import * as api from '../api';
import type { Routine, SavedRoutine, StartedSession } from '../api';
import { ErrorState } from './ErrorState';
import { FieldError, FormError, fieldProps, useFocusOnError } from './FormErrors';
import { go } from '../router';
import { checkWarnings, isStop } from '../safety';

const FORM = 'save-routine';
const minutesText = (s: number) => `${Math.round(s / 60)} min`;

// Opens the player on a session the server started (the answer carries the gate's changes; the player shows
// them first). Shared with the journal's "Do this again".
export function openStarted(started: StartedSession): void {
  sessionStorage.setItem(`smr.live.${started.uid}`, JSON.stringify(started));
  go('session', started.uid);
}

// The form under a plan: a name, and Save.
export function SaveRoutineForm({ routine, onSaved }: { routine: Routine; onSaved: (saved: SavedRoutine) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<api.ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusOnError(FORM, ['name'], error);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    const r = await api.saveNamedRoutine(name, routine);
    setBusy(false);
    if (r.ok) {
      setSaved(r.data.name);
      setName('');
      onSaved(r.data);
    } else setError(r.error);
  };
  return (
    <form onSubmit={submit} data-testid={FORM} noValidate>
      <label class="field" for={`${FORM}-name`}>
        Keep this plan as a routine, under a name
      </label>
      <input
        {...fieldProps(FORM, 'name', error)}
        type="text"
       
        maxLength={60}
        value={name}
        placeholder="e.g. Desk reset"
        onInput={(e) => setName((e.target as HTMLInputElement).value)}
      />
      <FieldError form={FORM} field="name" error={error} />
      <FormError form={FORM} fields={['name']} error={error} />
      <button type="submit" class="wide" disabled={busy} data-testid="save-routine-submit">
        {busy ? 'Saving…' : 'Save routine'}
      </button>
      <p role="status" aria-live="polite" data-testid="save-routine-status">
        {saved ? `Saved as "${saved}". It is in Your routines, ready to play again.` : ''}
      </p>
    </form>
  );
}

// The saved routines, each with Play and Delete. `routines`: GET /api/routines's answer (null while loading).
export function SavedRoutineList({ routines, onChanged, settings }: {
  routines: api.Result<SavedRoutine[]> | null;
  onChanged: () => void;
  settings: api.SessionSettings;
}) {
  const [error, setError] = useState<api.ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!routines) return null;
  if (!routines.ok) return routines.error.missing ? null : <ErrorState error={routines.error} what="Your routines" onRetry={onChanged} />;
  if (routines.data.length === 0) return null;
  const play = async (r: SavedRoutine) => {
    setBusy(true);
    setError(null);
    const started = await api.startSavedRoutine(r.uid, settings);
    setBusy(false);
    if (started.ok) openStarted(started.data);
    else if (isStop(started.error)) checkWarnings(started.error.message);
    else setError(started.error);
  };
  const remove = async (r: SavedRoutine) => {
    setBusy(true);
    setError(null);
    const done = await api.deleteSavedRoutine(r.uid);
    setBusy(false);
    if (done.ok) onChanged();
    else setError(done.error);
  };
  return (
    <div class="card" data-testid="saved-routines">
      <h2>Your routines</h2>
      <p class="muted">Each is checked against your answers as they are today before it plays.</p>
      <ul class="records">
        {routines.data.map((r) => (
          <li key={r.uid} data-testid="saved-routine" data-name={r.name}>
            <strong>{r.name}</strong>{' '}
            <span class="muted">
              {r.steps} step{r.steps === 1 ? '' : 's'}, {minutesText(r.total_s)}
            </span>
            <div class="row">
              <button type="button" class="primary" disabled={busy} onClick={() => play(r)} aria-label={`Play ${r.name}`} data-testid="play-routine">
                Play
              </button>
              <button type="button" class="danger" disabled={busy} onClick={() => remove(r)} aria-label={`Delete ${r.name}`} data-testid="delete-routine">
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error && <ErrorState error={error} what="That routine" />}
    </div>
  );
}
