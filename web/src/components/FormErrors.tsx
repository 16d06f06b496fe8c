// Server validation errors on a form. The server names the field at fault ({"error": {"code", "message",
// "field"}}); the form shows the message under that field (aria-invalid, aria-describedby) and moves the focus
// there. An error about a field the form does not show (or about no field) is shown above the submit button.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ApiError } from '../api';

// `id`: the form's prefix; the control of field `f` has the id `${id}-${f}` and its message `${id}-${f}-error`.
export const controlId = (form: string, field: string) => `${form}-${field}`;
const errorId = (form: string, field: string) => `${form}-${field}-error`;

// The message for `field`: the page's own check names every field at fault (error.fields); the server names one.
export function fieldMessage(error: ApiError | null, field: string): string | null {
  if (!error) return null;
  if (error.fields) return error.fields[field] ?? null;
  if (error.field !== field) return null;
  // The server's messages start with the field's name ("value: 999 is out of range ..."); beside the field, the
  // name is said already by its label.
  const message = error.message.toLowerCase().startsWith(`${field.toLowerCase()}: `) ? error.message.slice(field.length + 2) : error.message;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

// Props for the control of `field`: its id, and when the error names it, aria-invalid and aria-describedby.
export function fieldProps(form: string, field: string, error: ApiError | null, hintId?: string) {
  const bad = fieldMessage(error, field) !== null;
  const describedBy = [bad ? errorId(form, field) : '', hintId ?? ''].filter(Boolean).join(' ');
  return { id: controlId(form, field), 'aria-invalid': bad ? ('true' as const) : undefined, 'aria-describedby': describedBy || undefined };
}

// The message under a field, when the error names it.
export function FieldError({ form, field, error }: { form: string; field: string; error: ApiError | null }) {
  const message = fieldMessage(error, field);
  if (message === null) return null;
  return (
    <p class="field-error" id={errorId(form, field)} data-testid={`${form}-${field}-error`}>
      {message}
    </p>
  );
}

// The error about no field this form shows, or the summary of the page's own check when several fields are at
// fault: above the submit button, announced.
export function FormError({ form, fields, error }: { form: string; fields: string[]; error: ApiError | null }) {
  if (!error) return null;
  if (error.fields ? Object.keys(error.fields).length < 2 : error.field && fields.includes(error.field)) return null;
  return (
    <p class="field-error" role="alert" data-testid={`${form}-error`}>
      {error.message}
    </p>
  );
}

// After a failed submit, the focus goes to the field at fault (so a screen reader reads its message).
export function useFocusOnError(form: string, fields: string[], error: ApiError | null) {
  useEffect(() => {
    const first = fields.find((f) => fieldMessage(error, f) !== null);
    if (!first) return;
    const el = document.getElementById(controlId(form, first)) ?? document.querySelector<HTMLElement>(`[data-field="${form}-${first}"] input`);
    el?.focus();
  }, [error]);
}

// A group of radio chips (one field), with its legend, optional hint and the field's error.
export function ChipGroup<T extends string>({
  form,
  field,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  columns,
}: {
  form: string;
  field: string;
  legend: ComponentChildren;
  hint?: string;
  options: { id: T; label: string }[];
  value: T | '';
  onChange: (v: T) => void;
  error: ApiError | null;
  columns?: 'scale';
}) {
  const bad = fieldMessage(error, field) !== null;
  const hintId = hint ? `${form}-${field}-hint` : '';
  return (
    <fieldset
      data-field={`${form}-${field}`}
      class={bad ? 'invalid' : undefined}
      aria-describedby={[bad ? errorId(form, field) : '', hintId].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p class="muted" id={hintId}>
          {hint}
        </p>
      )}
      <div class={columns === 'scale' ? 'choices scale-choices' : 'choices'}>
        {options.map((o) => (
          <label class="chip" key={o.id}>
            <input type="radio" name={`${form}-${field}`} value={o.id} checked={value === o.id} onChange={() => onChange(o.id)} />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError form={form} field={field} error={error} />
    </fieldset>
  );
}
