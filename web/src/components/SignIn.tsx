// The sign-in page (accounts mode, docs/accounts.md): shown when the server answers 401 "signed_out". After a
// sign-in the page loads again, so that every page reads the signed-in person's records.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import * as api from '../api';
import { FieldError, FormError, fieldProps, useFocusOnError } from './FormErrors';

const FORM = 'sign-in';

// `children`: what the page says above the form (the invitation page: who invites).
export function SignIn({ title = 'Sign in to SMR Coach', children }: { title?: string; children?: ComponentChildren }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<api.ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusOnError(FORM, ['login', 'password'], error);

  const submit = async (e: Event) => {
    e.preventDefault();
    const own = api.formProblems([
      ['login', login.trim() ? '' : 'Type your login.'],
      ['password', password ? '' : 'Type your password.'],
    ]);
    if (own) return setError(own);
    setBusy(true);
    const r = await api.signIn(login, password);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    location.reload();
  };

  return (
    <main class="sign-in" data-testid="sign-in">
      <h1>{title}</h1>
      {children}
      <form onSubmit={submit} noValidate>
        <label for={`${FORM}-login`}>Login</label>
        <input {...fieldProps(FORM, 'login', error)} name="username" autocomplete="username" value={login} onInput={(e) => setLogin(e.currentTarget.value)} />
        <FieldError form={FORM} field="login" error={error} />
        <label for={`${FORM}-password`}>Password</label>
        <input
          {...fieldProps(FORM, 'password', error)}
          type="password"
          name="password"
          autocomplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <FieldError form={FORM} field="password" error={error} />
        <FormError form={FORM} fields={['login', 'password']} error={error} />
        <button type="submit" disabled={busy} data-testid="sign-in-submit">
          Sign in
        </button>
      </form>
      <p class="muted">No account yet? The person who runs this SMR Coach adds one (smr user add).</p>
    </main>
  );
}
