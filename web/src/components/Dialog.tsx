// A modal sheet (issue 11, item 13): it takes the focus when it opens (its first control, or `initial`), keeps
// Tab and Shift+Tab inside it, closes on Esc, and gives the focus back to what had it before. The page behind
// is made inert by the caller (the player marks its content `inert` while a sheet is open), so neither Tab nor
// a screen reader's cursor reaches the controls behind it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

const focusable = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface Props {
  labelledBy: string;
  describedBy?: string;
  onClose: () => void; // Esc, and the caller's own close buttons
  testid?: string;
  initial?: string; // a CSS selector inside the sheet for the control to focus first
  children: ComponentChildren;
}

export function Dialog({ labelledBy, describedBy, onClose, testid, initial, children }: Props) {
  const sheet = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  // What had the focus, taken while rendering: by the time effects run, the page behind is inert and has lost it.
  const [before] = useState(() => document.activeElement as HTMLElement | null);

  useEffect(() => {
    const el = sheet.current;
    const first = (initial && el?.querySelector<HTMLElement>(initial)) || el?.querySelector<HTMLElement>(focusable) || el;
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (!el) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = [...el.querySelectorAll<HTMLElement>(focusable)].filter((x) => x.offsetParent !== null);
      if (items.length === 0) {
        e.preventDefault();
        el.focus();
        return;
      }
      const [head, tail] = [items[0], items[items.length - 1]];
      const inside = el.contains(document.activeElement);
      if (e.shiftKey && (document.activeElement === head || !inside)) {
        e.preventDefault();
        tail.focus();
      } else if (!e.shiftKey && (document.activeElement === tail || !inside)) {
        e.preventDefault();
        head.focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      // After this render: the page behind stops being inert only once the sheet is gone.
      if (before && before !== document.body) setTimeout(() => document.contains(before) && before.focus(), 0);
    };
  }, []);

  return (
    <div class="sheet-backdrop">
      <div class="sheet" role="dialog" aria-modal="true" aria-labelledby={labelledBy} aria-describedby={describedBy} data-testid={testid} ref={sheet} tabIndex={-1}>
        {children}
      </div>
    </div>
  );
}
