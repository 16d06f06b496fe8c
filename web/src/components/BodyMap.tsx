// A front or back body map (canvas 200 x 400, as the catalog's region shapes; docs/catalog.md "Body map").
// Paired regions: the catalog gives the person's LEFT side (front view x > 100, back view x < 100); the right
// side is its mirror image. Interactive (tap to pick focus areas) or a heat map (fill per region and side).
import { useRef, useState } from 'preact/hooks';
import type { Region, Shape, Side, View } from '../api';

// The smallest half-size of a tap target, in canvas units: 20 units are at least 24 px (WCAG 2.5.8) on a 320 px
// phone, where the map is about 258 px wide (1.29 px per unit).
const HIT_MIN_R = 10;

export const sideKey = (region: string, side: Side) => `${region}:${side}`;

interface Spot {
  key: string;
  region: Region;
  side: Side;
  // An ellipse (points empty) or a polygon; cx, cy, rx, ry are then its bounding box's centre and half sizes.
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  points: [number, number][];
}

function spot(region: Region, side: Side, s: Shape, mirror: boolean): Spot {
  const x = (v: number) => (mirror ? 200 - v : v);
  if (s.points && s.points.length > 0) {
    const points = s.points.map(([px, py]) => [x(px), py] as [number, number]);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    return { key: sideKey(region.id, side), region, side, cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, rx: (x1 - x0) / 2, ry: (y1 - y0) / 2, points };
  }
  return { key: sideKey(region.id, side), region, side, cx: x(s.cx ?? 100), cy: s.cy ?? 200, rx: s.rx ?? 5, ry: s.ry ?? 5, points: [] };
}

export function spots(regions: Region[], view: View): Spot[] {
  const out: Spot[] = [];
  for (const r of regions) {
    for (const s of r.map ?? []) {
      if (s.view !== view) continue;
      if (r.laterality === 'paired') {
        out.push(spot(r, 'left', s, false));
        out.push(spot(r, 'right', s, true));
      } else {
        out.push(spot(r, 'centre', s, false));
      }
    }
  }
  // Small shapes last, so that they sit on top of the big ones they overlap and stay tappable.
  return out.sort((a, b) => b.rx * b.ry - a.rx * a.ry);
}

function Outline({ s, ...rest }: { s: Spot; class?: string; fill?: string; stroke?: string; opacity?: number }) {
  return s.points.length > 0 ? (
    <polygon points={s.points.map((p) => p.join(',')).join(' ')} {...rest} />
  ) : (
    <ellipse cx={s.cx} cy={s.cy} rx={s.rx} ry={s.ry} {...rest} />
  );
}

export const spotLabel = (name: string, side: Side) => (side === 'centre' ? name : `${name}, ${side}`);

export function Silhouette() {
  return (
    <g class="silhouette" aria-hidden="true">
      <ellipse cx="100" cy="30" rx="17" ry="21" />
      <rect x="91" y="48" width="18" height="14" rx="4" />
      <path d="M64 62 Q100 54 136 62 L140 120 Q136 170 130 196 L70 196 Q64 170 60 120 Z" />
      <path d="M64 64 Q50 70 48 100 L40 180 Q38 196 44 206 L52 206 Q56 190 58 176 L66 110 Z" />
      <path d="M136 64 Q150 70 152 100 L160 180 Q162 196 156 206 L148 206 Q144 190 142 176 L134 110 Z" />
      <path d="M70 192 L130 192 Q134 214 128 232 L122 300 Q120 340 116 380 L104 396 L100 240 L96 396 L84 380 Q80 340 78 300 L72 232 Q66 214 70 192 Z" />
    </g>
  );
}

interface PickProps {
  regions: Region[];
  view: View;
  selected: Set<string>;
  // Keys (region:side) the screening leaves out; region:centre leaves out every side of the region.
  blocked?: Set<string>;
  onToggle: (key: string) => void;
}

export const isBlocked = (blocked: Set<string> | undefined, region: string, side: Side) =>
  Boolean(blocked?.has(sideKey(region, side)) || blocked?.has(sideKey(region, 'centre')));

// The map's spots in reading order (top to bottom, then left to right on the screen): the order the arrow keys
// walk. Painting order stays small-on-top (spots()).
export const readingOrder = (list: Spot[]) => [...list].sort((a, b) => Math.round(a.cy / 12) - Math.round(b.cy / 12) || a.cx - b.cx);

// Tap a region to add or remove it. From the keyboard the map is one Tab stop (a roving tabindex, the ARIA
// composite-widget pattern): the arrow keys move between regions in reading order, Home and End go to the first
// and last, Enter or Space adds or removes. Regions the screening leaves out are hatched, say so in their name,
// and do nothing when tapped. Overlapping shapes (the sole under the calf, the piriformis inside the glutes) are
// hard to tap on a small phone: AreaList below the map gives every area as a large chip as well.
// `tabindex` is written in lower case: on SVG elements Preact sets attributes, and `tabIndex` is a different,
// ignored attribute there (issue 11 item 12).
export function BodyMapPicker({ regions, view, selected, blocked, onToggle }: PickProps) {
  const painted = spots(regions, view);
  const order = readingOrder(painted);
  const [active, setActive] = useState<string>('');
  const activeKey = order.some((s) => `${s.key}@${s.cx},${s.cy}` === active) ? active : order.length ? `${order[0].key}@${order[0].cx},${order[0].cy}` : '';
  const svg = useRef<SVGSVGElement>(null);
  const move = (from: string, by: number | 'first' | 'last') => {
    const i = order.findIndex((s) => `${s.key}@${s.cx},${s.cy}` === from);
    const j = by === 'first' ? 0 : by === 'last' ? order.length - 1 : Math.max(0, Math.min(order.length - 1, i + by));
    const next = `${order[j].key}@${order[j].cx},${order[j].cy}`;
    setActive(next);
    svg.current?.querySelector<SVGGElement>(`[data-spot="${next}"]`)?.focus();
  };
  return (
    <svg ref={svg} class="bodymap" viewBox="0 0 200 400" role="group" aria-label={`Body map, ${view} view: tap the areas to focus on; arrow keys move between areas`} data-testid={`bodymap-${view}`}>
      <defs>
        <pattern id="bodymap-blocked" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" class="blocked-bg" />
          <line x1="0" y1="0" x2="0" y2="6" class="blocked-line" />
        </pattern>
      </defs>
      <Silhouette />
      <text x="4" y="12" aria-hidden="true">{view === 'front' ? 'your right' : 'your left'}</text>
      <text x="196" y="12" text-anchor="end" aria-hidden="true">{view === 'front' ? 'your left' : 'your right'}</text>
      {painted.map((s) => {
        const id = `${s.key}@${s.cx},${s.cy}`;
        const on = selected.has(s.key);
        const off = isBlocked(blocked, s.region.id, s.side);
        const label = spotLabel(s.region.name, s.side) + (off ? ' (left out by your screening)' : '');
        const toggle = () => !off && onToggle(s.key);
        return (
          <g
            key={id}
            class={`region-g${off ? ' blocked' : ''}`}
            role="button"
            tabindex={id === activeKey ? 0 : -1}
            aria-pressed={off ? undefined : on}
            aria-disabled={off || undefined}
            aria-label={label}
            data-region={s.region.id}
            data-side={s.side}
            data-spot={id}
            onClick={() => {
              setActive(id);
              toggle();
            }}
            onFocus={() => setActive(id)}
            onKeyDown={(e) => {
              const by = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: 'first', End: 'last' }[e.key] as number | 'first' | 'last' | undefined;
              if (by !== undefined) {
                e.preventDefault();
                move(id, by);
              } else if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                toggle();
              }
            }}
          >
            <title>{label}</title>
            <ellipse class="hit" cx={s.cx} cy={s.cy} rx={Math.max(s.rx, HIT_MIN_R)} ry={Math.max(s.ry, HIT_MIN_R)} />
            <Outline s={s} class={`region${on ? ' on' : ''}`} />
          </g>
        );
      })}
    </svg>
  );
}

// Every area of the map as a chip (48 px tall, never overlapping): the same choice as the map for a small screen,
// a screen reader or a keyboard. Areas the screening leaves out are shown disabled with the reason.
export function AreaList({ regions, selected, blocked, onToggle }: Omit<PickProps, 'view'>) {
  const items = regions
    .filter((r) => (r.map ?? []).length > 0)
    .flatMap((r) => (r.laterality === 'paired' ? (['left', 'right'] as Side[]) : (['centre'] as Side[])).map((side) => ({ r, side })));
  return (
    <div class="choices area-list" data-testid="area-list">
      {items.map(({ r, side }) => {
        const key = sideKey(r.id, side);
        const off = isBlocked(blocked, r.id, side);
        return (
          <label class={`chip${off ? ' blocked' : ''}`} key={key}>
            <input type="checkbox" name="focus" value={key} checked={selected.has(key)} disabled={off} onChange={() => onToggle(key)} />
            {spotLabel(r.name, side)}
            {off ? ' (left out by your screening)' : ''}
          </label>
        );
      })}
    </div>
  );
}

// 0-10 → a colour from calm teal to hot red (the same in light and dark mode; drawn on the body colour).
export function heatColour(intensity: number): string {
  const t = Math.max(0, Math.min(1, intensity / 10));
  const hue = 170 - 170 * t;
  return `hsl(${hue.toFixed(0)} 75% 48%)`;
}

export function BodyHeatMap({ regions, view, heat }: { regions: Region[]; view: View; heat: Map<string, number> }) {
  const shown = spots(regions, view).filter((s) => heat.has(s.key));
  const summary = shown.map((s) => `${spotLabel(s.region.name, s.side)} ${heat.get(s.key)!.toFixed(1)}`).join('; ');
  return (
    <svg class="bodymap" viewBox="0 0 200 400" role="img" aria-label={`Heat map, ${view} view: ${summary || 'no check-ins yet'}`}>
      <Silhouette />
      {shown.map((s) => (
        <Outline key={`${s.key}@${s.cx}`} s={s} fill={heatColour(heat.get(s.key)!)} stroke="none" />
      ))}
    </svg>
  );
}
