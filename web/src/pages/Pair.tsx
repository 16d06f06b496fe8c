// The pairing page (/pair?code=...): the phone opens it from the URL or QR code that `smr serve --lan` or
// `smr pair` shows, names itself and exchanges the code for its credential (a cookie the server sets;
// docs/pairing.md). Then the app.
import { useState } from 'preact/hooks';
import * as api from '../api';

// "Phone", "Tablet" or "Computer", from the user agent: a name the person can change.
export function guessDeviceName(userAgent: string): string {
  if (/iPad|Tablet/i.test(userAgent) || (/Android/i.test(userAgent) && !/Mobile/i.test(userAgent))) return 'Tablet';
  if (/iPhone|Android|Mobile/i.test(userAgent)) return 'Phone';
  return 'Computer';
}

export function Pair() {
  const params = new URLSearchParams(location.search);
  const [code, setCode] = useState(params.get('code') ?? '');
  const [name, setName] = useState(guessDeviceName(navigator.userAgent));
  const [error, setError] = useState<api.ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api.pairDevice(code.trim(), name.trim());
    setBusy(false);
    if (r.ok) location.replace('/#/plan');
    else setError(r.error);
  };

  return (
    <section class="pair" data-testid="pair-page">
      <h1>Pair this device</h1>
      <p>This lets this device use SMR Coach on the computer that runs it. The code comes from that computer (from <code>smr serve --lan</code>, <code>smr pair</code>, or Settings there); it works once, for 10 minutes.</p>
      {!window.isSecureContext && (
        <p class="alert clearance" data-testid="pair-needs-https">
          This page was opened over plain http: a browser keeps the pairing only on an https address. Open the https address that <code>smr serve --lan</code> or <code>smr pair</code> printed.
        </p>
      )}
      <form onSubmit={submit}>
        <label for="pair-code">Pairing code</label>
        <input id="pair-code" value={code} autoComplete="off" autoCapitalize="characters" spellcheck={false} required onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
        <label for="pair-name">Name of this device</label>
        <input id="pair-name" value={name} maxLength={60} required onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        <button type="submit" disabled={busy}>
          {busy ? 'Pairing…' : 'Pair'}
        </button>
      </form>
      {error && (
        <p class="error" role="alert" data-testid="pair-error">
          {error.message}
        </p>
      )}
    </section>
  );
}
