// Settings, "Account" (accounts mode only, docs/accounts.md): who is signed in, sign out; one's signed-in
// sessions with "Sign out everywhere else" and ending one; changing one's password (which signs out every other
// session). Nothing in single-person mode.
import { useState } from 'preact/hooks';
import * as api from '../api';
import { ErrorState } from './ErrorState';
import { FieldError, FormError, fieldProps, useFocusOnError } from './FormErrors';
import { useApi } from './useApi';

const FORM = 'password';

export function AccountSettings() {
  const [me] = useApi(api.getMe);
  if (!me || !me.ok || !me.data.accounts) return null;
  return <Account me={me.data} />;
}

function Account({ me }: { me: api.Me }) {
  const [sessions, reload] = useApi(api.listAuthSessions);
  const [error, setError] = useState<api.ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [pwError, setPwError] = useState<api.ApiError | null>(null);
  useFocusOnError(FORM, ['old_password', 'new_password'], pwError);

  const signOut = async () => {
    await api.signOut();
    location.reload();
  };
  const endOthers = async () => {
    const r = await api.endOtherAuthSessions();
    if (!r.ok) return setError(r.error);
    setStatus(r.data.ended === 1 ? 'Signed out of 1 other session.' : `Signed out of ${r.data.ended} other sessions.`);
    reload();
  };
  const end = async (s: api.AuthSession) => {
    const r = await api.endAuthSession(s.id);
    if (!r.ok) return setError(r.error);
    setStatus(`Signed out of ${s.agent}.`);
    reload();
  };
  const change = async (e: Event) => {
    e.preventDefault();
    const own = api.formProblems([
      ['old_password', oldPassword ? '' : 'Type your current password.'],
      ['new_password', [...newPassword].length >= 8 ? '' : 'Choose a new password of at least 8 characters.'],
    ]);
    if (own) return setPwError(own);
    const r = await api.changePassword(oldPassword, newPassword);
    if (!r.ok) return setPwError(r.error);
    setPwError(null);
    setOld('');
    setNew('');
    setStatus('Password changed. Every other session is signed out.');
    reload();
  };

  return (
    <fieldset data-testid="account">
      <legend>Account</legend>
      <p>
        Signed in as <strong>{me.login}</strong> ({me.role}).{' '}
        <button type="button" onClick={signOut} data-testid="sign-out">
          Sign out
        </button>
      </p>
      <p>
        <a href="#/trainers" data-testid="my-trainers-link">
          My trainers
        </a>
        : what each trainer sees, leaving one, and the routines they sent you.
      </p>
      <h2>Where you are signed in</h2>
      {sessions && !sessions.ok && <ErrorState error={sessions.error} what="your sessions" onRetry={reload} />}
      {sessions?.ok && (
        <ul data-testid="auth-sessions">
          {sessions.data.sessions.map((s) => (
            <li key={s.id}>
              {s.agent}, signed in {new Date(s.created_ms).toLocaleString()}, last used {new Date(s.last_used_ms).toLocaleString()}
              {s.current ? (
                <strong> (this one)</strong>
              ) : (
                <>
                  {' '}
                  <button type="button" onClick={() => end(s)} aria-label={`Sign out of ${s.agent}, signed in ${new Date(s.created_ms).toLocaleString()}`}>
                    Sign out
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={endOthers} data-testid="end-others">
        Sign out everywhere else
      </button>
      {error && <p class="field-error" role="alert">{error.message}</p>}
      <h2>Change your password</h2>
      <form onSubmit={change} noValidate>
        <label for={`${FORM}-old_password`}>Current password</label>
        <input {...fieldProps(FORM, 'old_password', pwError)} type="password" autocomplete="current-password" value={oldPassword} onInput={(e) => setOld(e.currentTarget.value)} />
        <FieldError form={FORM} field="old_password" error={pwError} />
        <label for={`${FORM}-new_password`}>New password</label>
        <input
          {...fieldProps(FORM, 'new_password', pwError, `${FORM}-hint`)}
          type="password"
          autocomplete="new-password"
          value={newPassword}
          onInput={(e) => setNew(e.currentTarget.value)}
        />
        <p id={`${FORM}-hint`} class="muted">
          8 to 128 characters. A few unrelated words are long and easy to remember. Changing it signs you out everywhere else.
        </p>
        <FieldError form={FORM} field="new_password" error={pwError} />
        <FormError form={FORM} fields={['old_password', 'new_password']} error={pwError} />
        <button type="submit" data-testid="change-password">
          Change password
        </button>
      </form>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </fieldset>
  );
}
