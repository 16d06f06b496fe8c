// One of the person's trainers (docs/accounts.md, "Invitations and consent"): the five categories the trainer may
// see, as checkboxes (nothing until the person chooses; saved with PUT /api/trainers/{id}/sharing), and Leave with
// a confirmation (DELETE /api/trainers/{id}: the records stay the person's).
import { useState } from 'preact/hooks';
import * as api from '../api';
import { sharingCategories } from '../sharing';
import type { Sharing, TrainerLink } from '../api';

export function TrainerCard({ trainer, onLeft, headingLevel = 2 }: { trainer: TrainerLink; onLeft: () => void; headingLevel?: 2 | 3 }) {
  const [sharing, setSharing] = useState<Sharing>(trainer.sharing);
  const [saved, setSaved] = useState<Sharing>(trainer.sharing);
  const [error, setError] = useState<api.ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const id = `trainer-${trainer.id}`;
  const changed = sharingCategories.some((c) => sharing[c.key] !== saved[c.key]);
  const H = headingLevel === 2 ? 'h2' : 'h3';

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api.setSharing(trainer.id, sharing);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setSaved(r.data.sharing);
    setSharing(r.data.sharing);
    const shown = sharingCategories.filter((c) => r.data.sharing[c.key]).map((c) => c.label.toLowerCase());
    setStatus(shown.length ? `Saved. ${trainer.name} sees your name and: ${shown.join('; ')}.` : `Saved. ${trainer.name} sees only your name.`);
  };
  const leave = async () => {
    setBusy(true);
    setError(null);
    const r = await api.leaveTrainer(trainer.id);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onLeft();
  };

  return (
    <div class="card" data-testid="trainer" data-name={trainer.name}>
      <H id={`${id}-title`}>{trainer.name}</H>
      <p class="muted">Your trainer since {new Date(trainer.since_ms).toLocaleDateString()}.</p>
      <form onSubmit={save} aria-labelledby={`${id}-title`}>
        <fieldset>
          <legend>What {trainer.name} sees</legend>
          <p class="muted">Always your name. Beyond that, only what you tick; change it whenever you like.</p>
          {sharingCategories.map((c) => (
            <label class="choice" key={c.key}>
              <input
                type="checkbox"
                name={c.key}
                checked={sharing[c.key]}
                onChange={() => setSharing((s) => ({ ...s, [c.key]: !s[c.key] }))}
                data-testid={`share-${c.key}`}
                aria-describedby={`${id}-${c.key}-hint`}
              />
              <span>
                {c.label}{' '}
                <span class="muted" id={`${id}-${c.key}-hint`}>
                  ({c.hint})
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary" disabled={busy || !changed} data-testid="save-sharing">
          Save what {trainer.name} sees
        </button>
      </form>
      <p role="status" aria-live="polite" data-testid="sharing-status">
        {status}
      </p>
      {confirming ? (
        <div class="confirm" role="group" aria-labelledby={`${id}-leave-q`}>
          <p id={`${id}-leave-q`}>
            Leave {trainer.name}? They will see nothing more of yours, and their routines stop coming. Your sessions and records stay with you.
          </p>
          <div class="row">
            <button type="button" class="danger" disabled={busy} onClick={leave} data-testid="confirm-leave">
              Leave {trainer.name}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Stay
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)} data-testid="leave-trainer">
          Leave…
        </button>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}
