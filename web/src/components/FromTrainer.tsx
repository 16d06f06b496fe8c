// Routines from one's trainers (docs/accounts.md, "Safety stays with the client"): each as the person's own safety
// gate lets it be played, with the trainer's note and what the gate changed (with the rule ids), and Start
// (POST /api/sessions {"assignment": uid}: the gate again, as the person is now; the player shows the changes).
// Nothing at all when there are none, or on a server without trainers.
import { useState } from 'preact/hooks';
import * as api from '../api';
import type { Assignment } from '../api';
import { ErrorState } from './ErrorState';
import { openStarted } from './SavedRoutines';
import { useApi } from './useApi';
import { checkWarnings, isStop } from '../safety';

const minutesText = (s: number) => `${Math.round(s / 60)} min`;

export function FromTrainer({ settings }: { settings?: api.SessionSettings }) {
  const [list, reload] = useApi(api.assignments);
  const [error, setError] = useState<api.ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!list) return null;
  if (!list.ok) return list.error.missing || list.error.status === 404 ? null : <ErrorState error={list.error} what="Routines from your trainer" onRetry={reload} />;
  if (list.data.length === 0) return null;
  const start = async (a: Assignment) => {
    setBusy(true);
    setError(null);
    const started = await api.startAssignment(a.uid, settings);
    setBusy(false);
    if (started.ok) openStarted(started.data);
    else if (isStop(started.error)) checkWarnings(started.error.message);
    else setError(started.error);
  };
  return (
    <section class="card" aria-labelledby="from-trainer-title" data-testid="from-trainer">
      <h2 id="from-trainer-title">From your trainer</h2>
      <ul class="records">
        {list.data.map((a) => (
          <li key={a.uid} data-testid="assignment" data-name={a.name}>
            <strong>{a.name}</strong>{' '}
            <span class="muted">
              from {a.from_trainer.name}
              {a.routine ? `, ${a.routine.steps.length} step${a.routine.steps.length === 1 ? '' : 's'}, ${minutesText(a.routine.total_s)}` : ''}
              {a.started_session_uid ? ', started' : ''}
            </span>
            {a.note && (
              <blockquote class="note" data-testid="assignment-note">
                {a.note}
              </blockquote>
            )}
            {a.safety_changes.length > 0 && (
              <details class="alert info" data-testid="assignment-changes">
                <summary>
                  Changed for your safety: {a.safety_changes.length} step{a.safety_changes.length === 1 ? '' : 's'} (your own answers decide, not the trainer)
                </summary>
                <ul>
                  {a.safety_changes.map((c, i) => (
                    <li key={i} data-kind={c.kind}>
                      {c.message.replace(/\s*\((R\d+(, )?)+\)$/, '')} <span class="muted">(rules {c.rules.join(', ')})</span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {a.refused ? (
              <p class="alert clearance" data-testid="assignment-refused">
                {api.plainWords(a.refused.message)}
              </p>
            ) : (
              <button type="button" class="primary" disabled={busy} onClick={() => start(a)} aria-label={`Start ${a.name}`} data-testid="start-assignment">
                Start
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && <ErrorState error={error} what="That routine" />}
    </section>
  );
}
