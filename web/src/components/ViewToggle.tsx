// The Front / Back switch above a body map (the plan's picker and the progress heat map). Two toggle buttons
// in a labelled group; the one pressed is the view shown.
import type { View } from '../api';

const views: { id: View; label: string }[] = [
  { id: 'front', label: 'Front' },
  { id: 'back', label: 'Back' },
];

export function ViewToggle({ view, onChange, label }: { view: View; onChange: (v: View) => void; label: string }) {
  return (
    <div class="row" role="group" aria-label={label}>
      {views.map((v) => (
        <button type="button" key={v.id} aria-pressed={view === v.id} class={view === v.id ? 'primary' : ''} onClick={() => onChange(v.id)}>
          {v.label}
        </button>
      ))}
    </div>
  );
}
