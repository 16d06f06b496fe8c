// A trainer's routine templates (docs/accounts.md, "The trainer's day"): made from a plan on the Plan page ("Keep
// as a template"), listed here; each can be renamed, given a note, deleted, and assigned to one client or several
// with a note (each gets a copy, which passes through the client's own safety gate when they open it).
import { useState } from 'preact/hooks';
import * as api from '../api';
import type { Template, TemplateFull } from '../api';
import { ErrorState, Loading } from '../components/ErrorState';
import { FieldError, FormError, fieldProps, useFocusOnError } from '../components/FormErrors';
import { useApi } from '../components/useApi';
import { TrainerNav } from './Clients';

const minutesText = (s: number) => `${Math.round(s / 60)} min`;

export function Templates() {
  const [list, reload] = useApi(api.templates, true);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="templates-title">
      <TrainerNav current="templates" />
      <h1 id="templates-title">Templates</h1>
      <p class="muted">
        Make a plan on the <a href="#/plan">Plan</a> page and keep it as a template; then assign it here. Each client gets their own copy, checked
        against their own safety answers.
      </p>
      {!list && <Loading what="your templates" />}
      {list && !list.ok && <ErrorState error={list.error} what="Your templates" onRetry={reload} />}
      {list?.ok && list.data.length === 0 && <p data-testid="no-templates">No templates yet.</p>}
      {list?.ok && list.data.length > 0 && (
        <ul class="records" data-testid="templates">
          {list.data.map((t) => (
            <li key={t.uid} data-testid="template" data-name={t.name}>
              <h2 class="item-title">{t.name}</h2>
              <span class="muted">
                {t.steps} step{t.steps === 1 ? '' : 's'}, {minutesText(t.total_s)}
              </span>
              {t.note && <p class="note">{t.note}</p>}
              <button type="button" aria-expanded={open === t.uid} onClick={() => setOpen(open === t.uid ? null : t.uid)} data-testid="open-template">
                {open === t.uid ? `Close ${t.name}` : `Open ${t.name}`}
              </button>
              {open === t.uid && (
                <TemplateDetail
                  summary={t}
                  onChanged={reload}
                  onDeleted={() => {
                    setOpen(null);
                    reload();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TemplateDetail({ summary, onChanged, onDeleted }: { summary: Template; onChanged: () => void; onDeleted: () => void }) {
  // While it reloads (after a change), the last answer stays on screen: the forms keep their status lines.
  const [full, reload] = useApi(() => api.template(summary.uid), true);
  if (!full) return <Loading what="the template" />;
  if (!full.ok) return <ErrorState error={full.error} what="The template" onRetry={reload} />;
  return (
    <div class="card" data-testid="template-detail">
      <EditTemplate
        t={full.data}
        onSaved={() => {
          reload();
          onChanged();
        }}
        onDeleted={onDeleted}
      />
      <AssignTemplate t={full.data} onAssigned={reload} />
      <Copies t={full.data} />
    </div>
  );
}

function EditTemplate({ t, onSaved, onDeleted }: { t: TemplateFull; onSaved: () => void; onDeleted: () => void }) {
  const form = `edit-${t.uid}`;
  const [name, setName] = useState(t.name);
  const [note, setNote] = useState(t.note);
  const [error, setError] = useState<api.ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useFocusOnError(form, ['name', 'note'], error);
  const save = async (e: Event) => {
    e.preventDefault();
    const own = api.formProblems([['name', name.trim() ? '' : 'Give the template a name.']]);
    if (own) return setError(own);
    setBusy(true);
    setError(null);
    const r = await api.updateTemplate(t.uid, name, t.routine, note);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const n = r.data.copies_updated ?? 0;
    setStatus(`Saved.${n ? ` ${n} cop${n === 1 ? 'y' : 'ies'} not yet started follow${n === 1 ? 's' : ''} the change.` : ''}`);
    onSaved();
  };
  const remove = async () => {
    setBusy(true);
    const r = await api.deleteTemplate(t.uid);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDeleted();
  };
  return (
    <form onSubmit={save} noValidate data-testid="edit-template">
      <h3>Name and note</h3>
      <label for={`${form}-name`}>Name</label>
      <input {...fieldProps(form, 'name', error)} type="text" maxLength={60} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <FieldError form={form} field="name" error={error} />
      <label for={`${form}-note`}>Note to the client</label>
      <textarea {...fieldProps(form, 'note', error)} maxLength={1000} rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <FieldError form={form} field="note" error={error} />
      <FormError form={form} fields={['name', 'note']} error={error} />
      <div class="row">
        <button type="submit" disabled={busy} data-testid="save-template">
          Save
        </button>
        {!confirming && (
          <button type="button" class="danger" onClick={() => setConfirming(true)} data-testid="delete-template">
            Delete…
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm" role="group" aria-labelledby={`${form}-delete-q`}>
          <p id={`${form}-delete-q`}>Delete {t.name}? Clients keep the copies they were given.</p>
          <div class="row">
            <button type="button" class="danger" disabled={busy} onClick={remove} data-testid="confirm-delete-template">
              Delete {t.name}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <p role="status" aria-live="polite">
        {status}
      </p>
    </form>
  );
}

function AssignTemplate({ t, onAssigned }: { t: TemplateFull; onAssigned: () => void }) {
  const form = `assign-${t.uid}`;
  const [clients] = useApi(api.clients);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [note, setNote] = useState('');
  const [error, setError] = useState<api.ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  useFocusOnError(form, ['clients', 'note'], error);
  if (!clients) return <Loading what="your clients" />;
  if (!clients.ok) return <ErrorState error={clients.error} what="Your clients" />;
  const assign = async (e: Event) => {
    e.preventDefault();
    const own = api.formProblems([['clients', chosen.size ? '' : 'Choose at least one client.']]);
    if (own) return setError(own);
    setBusy(true);
    setError(null);
    const r = await api.assignTemplate(t.uid, [...chosen], note.trim() ? note : undefined);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const names = clients.data.filter((c) => chosen.has(c.id)).map((c) => c.name);
    setStatus(`Assigned to ${names.join(', ')}.`);
    setChosen(new Set());
    setNote('');
    onAssigned();
  };
  return (
    <form onSubmit={assign} noValidate data-testid="assign-template">
      <h3>Assign</h3>
      {clients.data.length === 0 ? (
        <p class="muted">No clients yet: invite one from the Clients page.</p>
      ) : (
        <fieldset class={error?.fields?.clients ? 'invalid' : undefined}>
          <legend>To whom</legend>
          {clients.data.map((c, i) => (
            <label class="choice" key={c.id}>
              <input
                type="checkbox"
                id={i === 0 ? `${form}-clients` : undefined}
                checked={chosen.has(c.id)}
                onChange={() =>
                  setChosen((s) => {
                    const next = new Set(s);
                    if (next.has(c.id)) next.delete(c.id);
                    else next.add(c.id);
                    return next;
                  })
                }
                data-testid="assign-client"
                data-name={c.name}
              />
              <span>{c.name}</span>
            </label>
          ))}
          <FieldError form={form} field="clients" error={error} />
        </fieldset>
      )}
      <label for={`${form}-note`}>Note with it (optional; otherwise the template’s note)</label>
      <textarea {...fieldProps(form, 'note', error)} maxLength={1000} rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} data-testid="assign-note" />
      <FieldError form={form} field="note" error={error} />
      <FormError form={form} fields={['clients', 'note']} error={error} />
      <button type="submit" class="primary" disabled={busy || clients.data.length === 0} data-testid="assign-submit">
        Assign {t.name}
      </button>
      <p role="status" aria-live="polite" data-testid="assign-status">
        {status}
      </p>
    </form>
  );
}

function Copies({ t }: { t: TemplateFull }) {
  if (t.assignments.length === 0) return null;
  return (
    <>
      <h3>Given to</h3>
      <ul class="records" data-testid="template-copies">
        {t.assignments.map((a) => (
          <li key={a.uid}>
            {a.client.name}: {a.started ? 'started' : 'not started yet'}
            {a.adapted === null ? '' : a.adapted === 0 ? ', plays as you made it' : `, ${a.adapted} step${a.adapted === 1 ? '' : 's'} adapted for their safety`}
            {a.safety_changes && a.safety_changes.length > 0 && (
              <ul>
                {a.safety_changes.map((c, i) => (
                  <li key={i}>{c.message}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
