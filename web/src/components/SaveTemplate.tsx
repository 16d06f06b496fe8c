// A trainer's "Keep as a template" under a plan (docs/accounts.md, "The trainer's day"): a name and a note for
// the clients; the template is then assigned from the Templates page.
import { useState } from 'preact/hooks';
import * as api from '../api';
import type { Routine } from '../api';
import { FieldError, FormError, fieldProps, useFocusOnError } from './FormErrors';

const FORM = 'save-template';

export function SaveTemplateForm({ routine }: { routine: Routine }) {
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<api.ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusOnError(FORM, ['name', 'note'], error);
  const submit = async (e: Event) => {
    e.preventDefault();
    const own = api.formProblems([['name', name.trim() ? '' : 'Give the template a name, such as Desk reset.']]);
    if (own) return setError(own);
    setBusy(true);
    setError(null);
    setSaved(null);
    const r = await api.createTemplate(name, routine, note);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setSaved(r.data.name);
    setName('');
    setNote('');
  };
  return (
    <form onSubmit={submit} data-testid={FORM} noValidate>
      <h3>For your clients</h3>
      <label class="field" for={`${FORM}-name`}>
        Keep this plan as a template, under a name
      </label>
      <input {...fieldProps(FORM, 'name', error)} type="text" maxLength={60} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <FieldError form={FORM} field="name" error={error} />
      <label class="field" for={`${FORM}-note`}>
        A note for the clients (optional)
      </label>
      <textarea {...fieldProps(FORM, 'note', error)} maxLength={1000} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <FieldError form={FORM} field="note" error={error} />
      <FormError form={FORM} fields={['name', 'note']} error={error} />
      <button type="submit" class="wide" disabled={busy} data-testid="save-template-submit">
        {busy ? 'Saving…' : 'Save as template'}
      </button>
      <p role="status" aria-live="polite" data-testid="save-template-status">
        {saved ? (
          <>
            Saved as template "{saved}". Assign it from <a href="#/templates">Templates</a>.
          </>
        ) : (
          ''
        )}
      </p>
    </form>
  );
}
