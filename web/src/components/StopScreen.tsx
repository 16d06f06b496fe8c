// The stop screen: shown instead of every page while a warning sign is active (or a 409 stop came back). The red
// flag's advice from the catalog, a call button for an emergency, and "It has been checked and cleared" (after a
// confirm) to clear it on the server. Nothing of the page underneath is shown: no plan, no session controls.
import { useState } from 'preact/hooks';
import * as api from '../api';
import { loadPrefs } from '../prefs';
import { clearWarning, dismissMessage, type StopState } from '../safety';
import { ErrorState } from './ErrorState';
import { useApi } from './useApi';

function CallButton({ number, primary }: { number: string; primary: boolean }) {
  return (
    <>
      <a class={primary ? 'button call primary wide' : 'button call wide'} href={`tel:${number}`} data-testid="call-emergency">
        Call {number}
      </a>
      <p class="muted">
        {number === '112' ? '112 is the emergency number in most countries (all of Europe, and on most mobile phones elsewhere). ' : ''}
        Your local number can be set in <a href="#/settings">Settings</a>.
      </p>
    </>
  );
}

export function StopScreen({ state }: { state: StopState }) {
  const [flags] = useApi(api.redFlags);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<api.ApiError | null>(null);
  const number = loadPrefs().emergencyNumber || '112';
  const byId = new Map((flags?.ok ? flags.data : []).map((f) => [f.id, f] as [string, api.RedFlag]));
  // Emergencies first.
  const items = state.warnings
    .map((w) => ({ w, flag: byId.get(w.red_flag) }))
    .sort((a, b) => Number(b.flag?.urgency === 'emergency') - Number(a.flag?.urgency === 'emergency'));
  const emergency = items.some((i) => i.flag?.urgency === 'emergency');

  const clear = async (id: string) => {
    setBusy(true);
    setError(null);
    const r = await clearWarning(id);
    setBusy(false);
    setConfirming(null);
    if (!r.ok && r.error.status !== 404) setError(r.error);
  };

  return (
    <main class="stop-screen" data-testid="stop-screen" aria-labelledby="stop-title">
      <h1 id="stop-title">{emergency ? 'Stop now and call for help' : 'Stop: do not roll now'}</h1>
      {state.warnings.length === 0 && (
        <div class="stop-item" role="alert">
          <p class="stop-advice">{state.message}</p>
          <CallButton number={number} primary={false} />
          <button type="button" class="wide" onClick={() => { dismissMessage(); location.hash = '#/onboarding'; }}>
            Back to the safety questions
          </button>
        </div>
      )}
      {items.map(({ w, flag }) => (
        <article class="stop-item" key={w.red_flag} data-red-flag={w.red_flag} data-urgency={flag?.urgency ?? 'urgent'} aria-labelledby={`stop-${w.red_flag}`}>
          <h2 id={`stop-${w.red_flag}`}>{flag?.urgency === 'emergency' ? 'This is an emergency' : 'Get this checked today'}</h2>
          <div role="alert">
            <p class="stop-reported">
              You said yes to: {flag ? `“${flag.question}”` : `a warning sign (${w.red_flag})`}
              {w.session_uid ? ' during a session' : ''}
              {w.since_ms > 0 ? `, ${new Date(w.since_ms).toLocaleString()}` : ''}.
            </p>
            <p class="stop-advice" data-testid="stop-advice">
              {flag ? flag.message : 'Stop rolling, and get it checked by a clinician before you roll again.'}
            </p>
          </div>
          <CallButton number={number} primary={flag?.urgency === 'emergency'} />
          {confirming === w.red_flag ? (
            <div class="confirm" role="group" aria-labelledby={`confirm-${w.red_flag}`}>
              <p id={`confirm-${w.red_flag}`}>
                <strong>Only say so once a clinician has checked it, or it has gone completely.</strong> Plans and sessions will be possible again.
              </p>
              <button type="button" class="primary wide" disabled={busy} onClick={() => clear(w.red_flag)} data-testid="confirm-clear">
                Yes, it has been checked and cleared
              </button>
              <button type="button" class="wide" onClick={() => setConfirming(null)}>
                Not yet
              </button>
            </div>
          ) : (
            <button type="button" class="wide" onClick={() => setConfirming(w.red_flag)} data-testid="clear-warning">
              It has been checked and cleared
            </button>
          )}
        </article>
      ))}
      {error && <ErrorState error={error} what="Clearing the warning sign" />}
      <p class="disclaimer">SMR Coach gives general guidance, not medical advice.</p>
    </main>
  );
}
