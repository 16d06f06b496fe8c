// The trainer's day (docs/accounts.md): the dashboard (needs attention, on track, not shared; each with its
// reason in words, from the categories the client shares) and a new invitation link to give a client.
import { useState } from 'preact/hooks';
import * as api from '../api';
import type { ClientStatus, DashboardClient, NewInvitation } from '../api';
import { ErrorState, Loading } from '../components/ErrorState';
import { useApi } from '../components/useApi';

const groups: { status: ClientStatus; title: string; empty: string }[] = [
  { status: 'needs-attention', title: 'Needs attention', empty: 'No client needs attention.' },
  { status: 'on-track', title: 'On track', empty: 'No client is on track yet.' },
  { status: 'not-shared', title: 'Not shared', empty: 'Every client shares their sessions or trends.' },
];

export function TrainerNav({ current }: { current: 'clients' | 'templates' }) {
  return (
    <nav class="row subnav" aria-label="Trainer pages">
      <a href="#/clients" aria-current={current === 'clients' ? 'page' : undefined}>
        Clients
      </a>
      <a href="#/templates" aria-current={current === 'templates' ? 'page' : undefined}>
        Templates
      </a>
    </nav>
  );
}

export function Clients() {
  const [list, reload] = useApi(api.clients);
  return (
    <section aria-labelledby="clients-title">
      <TrainerNav current="clients" />
      <h1 id="clients-title">Your clients</h1>
      {!list && <Loading what="your clients" />}
      {list && !list.ok && <ErrorState error={list.error} what="Your clients" onRetry={reload} />}
      {list?.ok && list.data.length === 0 && <p data-testid="no-clients">No clients yet. Make an invitation link below and give it to a client.</p>}
      {list?.ok &&
        list.data.length > 0 &&
        groups.map((g) => {
          const these = list.data.filter((c) => c.status === g.status);
          return (
            <section class="card" key={g.status} aria-labelledby={`group-${g.status}`} data-testid={`group-${g.status}`}>
              <h2 id={`group-${g.status}`}>
                {g.title} ({these.length})
              </h2>
              {these.length === 0 ? <p class="muted">{g.empty}</p> : <ul class="records">{these.map((c) => <ClientRow key={c.id} c={c} />)}</ul>}
            </section>
          );
        })}
      <InviteLink />
    </section>
  );
}

function ClientRow({ c }: { c: DashboardClient }) {
  return (
    <li data-testid="client" data-name={c.name} data-status={c.status}>
      <a href={`#/client/${c.id}`}>
        <strong>{c.name}</strong>
      </a>
      {c.last_session_ms !== undefined && <span class="muted"> · last session {new Date(c.last_session_ms).toLocaleDateString()}</span>}
      <ul class="reasons">
        {c.reasons.map((r, i) => (
          <li key={i} data-kind={r.kind} data-testid="client-reason">
            {r.text}
          </li>
        ))}
      </ul>
    </li>
  );
}

// A one-time link for a new client: shown with its expiry and a Copy button (the link is the only way in).
function InviteLink() {
  const [inv, setInv] = useState<NewInvitation | null>(null);
  const [error, setError] = useState<api.ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const url = inv ? `${location.origin}${inv.path}` : '';
  const make = async () => {
    setBusy(true);
    setError(null);
    setStatus('');
    const r = await api.newInvitation();
    setBusy(false);
    if (r.ok) setInv(r.data);
    else setError(r.error);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Copied. Send it to your client: it works once.');
    } catch {
      (document.getElementById('invite-link') as HTMLInputElement | null)?.select();
      setStatus('This browser did not let the page copy. The link is selected: copy it with your keyboard or menu.');
    }
  };
  return (
    <section class="card" aria-labelledby="invite-link-title" data-testid="invite-link-card">
      <h2 id="invite-link-title">Invite a client</h2>
      <p class="muted">A link for one person; it works once, for 7 days. They sign in, accept, and choose what you see.</p>
      <button type="button" class="primary" disabled={busy} onClick={make} data-testid="make-invitation">
        {inv ? 'Make another link' : 'Make an invitation link'}
      </button>
      {inv && (
        <>
          <label class="field" for="invite-link">
            The link (until {new Date(inv.expires_ms).toLocaleString()})
          </label>
          <div class="row">
            <input id="invite-link" type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="invitation-url" />
            <button type="button" onClick={copy} data-testid="copy-invitation">
              Copy
            </button>
          </div>
        </>
      )}
      <p role="status" aria-live="polite">
        {status}
      </p>
      {error && <ErrorState error={error} what="The invitation" />}
    </section>
  );
}
