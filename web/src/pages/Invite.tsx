// The link a trainer gives a client (docs/accounts.md, "Invitations and consent"): /invite/CODE, which the shell
// turns into #/invite/CODE. It names the trainer (GET /api/invitations/{code} is public), asks the person to sign
// in when they are not, accepts, and then asks what the trainer may see (nothing until the person chooses).
import { useState } from 'preact/hooks';
import * as api from '../api';
import type { TrainerLink } from '../api';
import { ErrorState, Loading } from '../components/ErrorState';
import { SignIn } from '../components/SignIn';
import { TrainerCard } from '../components/TrainerCard';
import { useApi } from '../components/useApi';

// Why a link cannot be used, in words: the server's codes (docs/openapi.yaml, /api/invitations/{code}).
function refusal(e: api.ApiError): string {
  if (e.code === 'code_used') return 'This invitation link has been used already. Ask your trainer for a new one.';
  if (e.code === 'code_expired') return 'This invitation link has expired (links last 7 days). Ask your trainer for a new one.';
  if (e.status === 404 && !e.missing) return 'There is no such invitation. Check that the link is complete, or ask your trainer for a new one.';
  if (e.code === 'conflict') return 'You are this trainer’s client already.';
  return e.message;
}

export function Invite({ code, signedOut }: { code: string; signedOut: boolean }) {
  const [inv, reload] = useApi(() => api.invitation(code));
  const [accepted, setAccepted] = useState<TrainerLink | null>(null);
  const [error, setError] = useState<api.ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (!inv) return <Loading what="the invitation" />;
  if (!inv.ok) {
    if (inv.error.status === 0) return <ErrorState error={inv.error} what="The invitation" onRetry={reload} />;
    return (
      <section aria-labelledby="invite-title" data-testid="invite">
        <h1 id="invite-title">Invitation</h1>
        <p class="alert clearance" role="alert" data-testid="invite-error">
          {refusal(inv.error)}
        </p>
      </section>
    );
  }
  const name = inv.data.trainer.name;
  const expires = new Date(inv.data.expires_ms).toLocaleString();
  if (signedOut) {
    return (
      <SignIn title={`${name} invites you`}>
        <p data-testid="invite-trainer">
          Sign in to become {name}’s client. {name} will see only your name until you choose what to share.
        </p>
      </SignIn>
    );
  }
  if (accepted) {
    return (
      <section aria-labelledby="invite-title" data-testid="invite">
        <h1 id="invite-title">You are {accepted.name}’s client</h1>
        <p role="status">{accepted.name} sees only your name so far. Choose what else they may see; you can change it, or leave, at any time in My trainers.</p>
        <TrainerCard trainer={accepted} onLeft={() => (location.hash = '#/trainers')} />
        <p>
          <a href="#/trainers">My trainers</a>
        </p>
      </section>
    );
  }
  const accept = async () => {
    setBusy(true);
    setError(null);
    const r = await api.acceptInvitation(code);
    setBusy(false);
    if (r.ok) setAccepted(r.data.trainer);
    else setError(r.error);
  };
  return (
    <section aria-labelledby="invite-title" data-testid="invite">
      <h1 id="invite-title">{name} invites you</h1>
      <p data-testid="invite-trainer">
        {name} would like to be your trainer: they can send you routines, which SMR Coach checks against your own safety answers before you play
        them. They see your name, and only what you choose to share after accepting.
      </p>
      <p class="muted">This link works once, until {expires}.</p>
      <button type="button" class="primary wide" disabled={busy} onClick={accept} data-testid="accept-invitation">
        Accept {name} as my trainer
      </button>
      {error && (
        <p class="alert clearance" role="alert" data-testid="invite-error">
          {refusal(error)}
          {error.code === 'conflict' && (
            <>
              {' '}
              <a href="#/trainers">My trainers</a>
            </>
          )}
        </p>
      )}
    </section>
  );
}
