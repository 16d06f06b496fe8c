// A front or back body map (canvas 200 x 400, as the catalog's region shapes; docs/catalog.md "Body map").
// Paired regions: the catalog gives the person's LEFT side (front view x > 100, back view x < 100); the right
// side is its mirror image. Interactive (tap to pick focus areas) or a heat map (fill per region and side).
import type { Region, Shape, Side, View } from '../api';

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
  blocked?: Set<string>;
  onToggle: (key: string) => void;
}

// Tap a region to add or remove it; Enter or Space does the same from the keyboard.
export function BodyMapPicker({ regions, view, selected, blocked, onToggle }: PickProps) {
  return (
    <svg class="bodymap" viewBox="0 0 200 400" role="group" aria-label={`Body map, ${view} view: tap the areas to focus on`} data-testid={`bodymap-${view}`}>
      <Silhouette />
      <text x="4" y="12" aria-hidden="true">{view === 'front' ? 'your right' : 'your left'}</text>
      <text x="196" y="12" text-anchor="end" aria-hidden="true">{view === 'front' ? 'your left' : 'your right'}</text>
      {spots(regions, view).map((s) => {
        const on = selected.has(s.key);
        const off = blocked?.has(s.key) || blocked?.has(sideKey(s.region.id, 'centre'));
        const label = spotLabel(s.region.name, s.side) + (off ? ' (left out by your screening)' : '');
        const toggle = () => !off && onToggle(s.key);
        return (
          <g
            key={`${s.key}@${s.cx},${s.cy}`}
            class="region-g"
            role="button"
            tabIndex={0}
            aria-pressed={on}
            aria-disabled={off || undefined}
            aria-label={label}
            data-region={s.region.id}
            data-side={s.side}
            onClick={toggle}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                toggle();
              }
            }}
          >
            <title>{label}</title>
            <ellipse class="hit" cx={s.cx} cy={s.cy} rx={Math.max(s.rx, 9)} ry={Math.max(s.ry, 9)} />
            <Outline s={s} class={`region${on ? ' on' : ''}`} opacity={off ? 0.3 : 1} />
          </g>
        );
      })}
    </svg>
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
