// A picture of an exercise's position (issue 10, item 5): a side view of the body in the catalog's start
// position (core::Position: floor-back, floor-front, floor-side, floor-seated, floor-kneeling, seated, standing,
// standing-wall), the body part of the exercise's region drawn in the accent colour, the tool pressed against it
// (roller, ball, peanut ball or stick, at the tool's size), and beside it the region's shape on the catalog's
// front/back body map (docs/catalog.md, "Body map"), so that the side and the exact area are clear too.
//
// Data, not drawings: `poses` is one table of joints per position, `partOf` one table of body part per region.
// When the catalog gets a position or a region, add it here; the browser test (tests/browser/player.test.mjs)
// draws every exercise of the catalog and fails on one whose position or region has no entry
// (data-pose="unknown" / data-part="unknown").
import type { Region, Side, Tool } from '../api';
import { Silhouette, spots } from './BodyMap';

type Joint = 'head' | 'neck' | 'shoulder' | 'elbow' | 'hand' | 'mid' | 'hip' | 'knee' | 'ankle' | 'toe';
type P = [number, number];
type Part = 'head' | 'neck' | 'upper-trunk' | 'lower-trunk' | 'pelvis' | 'upper-arm' | 'forearm' | 'hand' | 'thigh' | 'shank' | 'foot';

interface Pose {
  words: string; // as core::describe(Position)
  joints: Record<Joint, P>;
  support: P; // where the tool is, seen from the body part: down (the floor), or towards the wall or backrest
  supportOf?: Partial<Record<Part, P>>; // exceptions per part
  floor: boolean; // lying, sitting or kneeling on the floor: a tool under a part rests on the floor
  wall?: number; // x of the wall
  chair?: boolean;
}

const W = 300;
const H = 200;
const FLOOR = 190;
const down: P = [0, 1];
const back: P = [-1, 0];
const front: P = [1, 0];

export const poses: Record<string, Pose> = {
  'floor-back': {
    words: 'Lying on your back',
    joints: { head: [38, 154], neck: [56, 160], shoulder: [72, 162], elbow: [104, 172], hand: [136, 176], mid: [112, 164], hip: [160, 164], knee: [204, 126], ankle: [246, 170], toe: [262, 162] },
    support: down,
    floor: true,
  },
  'floor-front': {
    words: 'Lying face down, propped on your forearms',
    joints: { head: [40, 126], neck: [56, 138], shoulder: [72, 146], elbow: [74, 178], hand: [40, 180], mid: [114, 152], hip: [160, 156], knee: [208, 160], ankle: [254, 164], toe: [270, 178] },
    support: down,
    floor: true,
  },
  'floor-side': {
    words: 'Lying on your side, propped on your elbow',
    joints: { head: [52, 112], neck: [60, 126], shoulder: [72, 138], elbow: [72, 178], hand: [36, 180], mid: [116, 148], hip: [164, 154], knee: [214, 156], ankle: [262, 160], toe: [272, 150] },
    support: down,
    floor: true,
  },
  'floor-seated': {
    words: 'Sitting on the floor, hands behind you',
    joints: { head: [84, 62], neck: [88, 78], shoulder: [92, 92], elbow: [74, 128], hand: [56, 178], mid: [100, 126], hip: [110, 162], knee: [176, 160], ankle: [242, 162], toe: [252, 144] },
    support: down,
    floor: true,
  },
  'floor-kneeling': {
    words: 'Kneeling on all fours',
    joints: { head: [48, 92], neck: [62, 100], shoulder: [80, 106], elbow: [78, 140], hand: [76, 180], mid: [122, 108], hip: [166, 110], knee: [172, 170], ankle: [232, 176], toe: [246, 180] },
    support: down,
    floor: true,
  },
  seated: {
    words: 'Sitting on a chair',
    joints: { head: [120, 24], neck: [120, 40], shoulder: [120, 54], elbow: [134, 92], hand: [168, 100], mid: [118, 86], hip: [116, 120], knee: [176, 122], ankle: [180, 178], toe: [204, 184] },
    support: back,
    supportOf: { pelvis: down, thigh: down, foot: down, forearm: down, hand: down, shank: front, head: front },
    floor: false,
    chair: true,
  },
  standing: {
    words: 'Standing',
    joints: { head: [150, 20], neck: [150, 36], shoulder: [150, 50], elbow: [156, 86], hand: [160, 118], mid: [150, 84], hip: [150, 112], knee: [152, 148], ankle: [150, 180], toe: [172, 176] },
    support: back,
    supportOf: { foot: down },
    floor: false,
  },
  'standing-wall': {
    words: 'Standing with your back or side against a wall',
    joints: { head: [66, 20], neck: [64, 36], shoulder: [64, 50], elbow: [78, 86], hand: [94, 110], mid: [64, 84], hip: [65, 112], knee: [86, 148], ankle: [96, 182], toe: [118, 186] },
    support: back,
    supportOf: { foot: down, forearm: back, hand: back },
    floor: false,
    wall: 40,
  },
};

// Which body part of the side view carries each catalog region.
export const partOf: Record<string, Part> = {
  'plantar-fascia': 'foot',
  calves: 'shank',
  shins: 'shank',
  peroneals: 'shank',
  hamstrings: 'thigh',
  quadriceps: 'thigh',
  'it-band-tfl': 'thigh',
  adductors: 'thigh',
  glutes: 'pelvis',
  piriformis: 'pelvis',
  'hip-flexors': 'pelvis',
  'low-back': 'lower-trunk',
  'quadratus-lumborum': 'lower-trunk',
  'thoracic-spine': 'upper-trunk',
  lats: 'upper-trunk',
  'diaphragm-ribs': 'upper-trunk',
  intercostals: 'upper-trunk',
  pecs: 'upper-trunk',
  rhomboids: 'upper-trunk',
  'upper-trapezius': 'neck',
  'levator-scapulae': 'neck',
  neck: 'neck',
  jaw: 'head',
  'rotator-cuff': 'upper-arm',
  deltoids: 'upper-arm',
  triceps: 'upper-arm',
  forearms: 'forearm',
  hands: 'hand',
};

const segments: [Part, Joint, Joint][] = [
  ['neck', 'shoulder', 'neck'],
  ['upper-trunk', 'shoulder', 'mid'],
  ['lower-trunk', 'mid', 'hip'],
  ['thigh', 'hip', 'knee'],
  ['shank', 'knee', 'ankle'],
  ['foot', 'ankle', 'toe'],
  ['upper-arm', 'shoulder', 'elbow'],
  ['forearm', 'elbow', 'hand'],
];
const thickness: Partial<Record<Part, number>> = { 'upper-trunk': 22, 'lower-trunk': 20, thigh: 14, neck: 9 };
const thick = (p: Part) => thickness[p] ?? 9;

type ToolShape = 'roller' | 'ball' | 'double-ball' | 'stick';

function toolShape(tool: Tool | undefined, id: string): { shape: ToolShape; r: number } {
  const kind = tool?.kind ?? (id.includes('roller') ? 'roller' : id.includes('peanut') ? 'double-ball' : id.includes('stick') ? 'stick' : 'ball');
  if (kind === 'roller') return { shape: 'roller', r: 12 };
  if (kind === 'stick') return { shape: 'stick', r: 4 };
  if (kind === 'double-ball') return { shape: 'double-ball', r: 6 };
  return { shape: 'ball', r: id.includes('large') ? 9 : id.includes('small') || id.includes('lacrosse') ? 5 : 7 };
}

// Where the part is: its middle and its direction (a unit vector along it).
function partAt(pose: Pose, part: Part): { mid: P; along: P } {
  const j = pose.joints;
  if (part === 'head') return { mid: j.head, along: [1, 0] };
  if (part === 'hand') return { mid: j.hand, along: [1, 0] };
  if (part === 'pelvis') return { mid: j.hip, along: [1, 0] };
  const seg = segments.find((s) => s[0] === part)!;
  const [a, b] = [j[seg[1]], j[seg[2]]];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  return { mid: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], along: [(b[0] - a[0]) / len, (b[1] - a[1]) / len] };
}

function ToolDrawing({ pose, part, shape, r }: { pose: Pose; part: Part; shape: ToolShape; r: number }) {
  const { mid, along } = partAt(pose, part);
  const dir = pose.supportOf?.[part] ?? pose.support;
  const gap = (part === 'head' ? 12 : part === 'pelvis' ? 11 : thick(part) / 2) + r;
  if (shape === 'stick') {
    // Held in both hands, across the part.
    const n: P = [-along[1], along[0]];
    const [x1, y1, x2, y2] = [mid[0] - n[0] * 34, mid[1] - n[1] * 34, mid[0] + n[0] * 34, mid[1] + n[1] * 34];
    return (
      <g class="tool" data-tool-shape="stick">
        <line x1={x1} y1={y1} x2={x2} y2={y2} stroke-width="6" stroke-linecap="round" />
        <line class="grip" x1={x1} y1={y1} x2={x1 + (x2 - x1) * 0.18} y2={y1 + (y2 - y1) * 0.18} stroke-width="9" stroke-linecap="round" />
        <line class="grip" x1={x2} y1={y2} x2={x2 - (x2 - x1) * 0.18} y2={y2 - (y2 - y1) * 0.18} stroke-width="9" stroke-linecap="round" />
      </g>
    );
  }
  let cx = mid[0] + dir[0] * gap;
  let cy = mid[1] + dir[1] * gap;
  if (dir[1] > 0 && pose.floor) cy = FLOOR - r; // resting on the floor
  if (dir[0] < 0 && pose.wall !== undefined) cx = pose.wall + r; // against the wall
  if (shape === 'double-ball') {
    return (
      <g class="tool" data-tool-shape="double-ball">
        <circle cx={cx - r * 0.8} cy={cy} r={r} />
        <circle cx={cx + r * 0.8} cy={cy} r={r} />
      </g>
    );
  }
  return (
    <g class="tool" data-tool-shape={shape}>
      <circle cx={cx} cy={cy} r={r} />
      {shape === 'roller' && <circle class="core" cx={cx} cy={cy} r={r * 0.4} />}
    </g>
  );
}

// The region on the small body map: the view where it is drawn (back for lying on the back or against a wall,
// front face down), the side that is rolled (both for a midline region).
function RegionInset({ region, side, prefer }: { region: Region | undefined; side: Side; prefer: 'front' | 'back' }) {
  if (!region || !region.map?.length) return null;
  const views = new Set(region.map.map((s) => s.view));
  const view = views.has(prefer) ? prefer : region.map[0].view;
  const shown = spots([region], view).filter((s) => side === 'centre' || s.side === side || s.side === 'centre');
  return (
    <g class="inset" transform={`translate(${W - 62} 4) scale(0.29)`} data-view={view}>
      <rect class="inset-card" x="-8" y="-8" width="216" height="416" rx="16" />
      <Silhouette />
      {shown.map((s) =>
        s.points.length > 0 ? (
          <polygon key={s.key + s.cx} class="marked" points={s.points.map((p) => p.join(',')).join(' ')} />
        ) : (
          <ellipse key={s.key + s.cx} class="marked" cx={s.cx} cy={s.cy} rx={s.rx} ry={s.ry} />
        ),
      )}
    </g>
  );
}

interface Props {
  position: string;
  region: Region | undefined;
  regionId: string;
  side: Side;
  tool: Tool | undefined;
  toolId: string;
  label?: string; // the exercise's name, for the picture's text alternative
}

export function PositionFigure({ position, region, regionId, side, tool, toolId, label }: Props) {
  const pose = poses[position];
  const part = partOf[regionId];
  const { shape, r } = toolShape(tool, toolId);
  const regionName = (region?.name ?? regionId).toLowerCase();
  const where = side === 'centre' ? regionName : `${side} ${regionName}`;
  const text = `${label ? label + ': ' : ''}${pose ? pose.words.toLowerCase() : position}, ${(tool?.name ?? toolId).toLowerCase()} on the ${where}`;
  const j = pose?.joints;
  return (
    <svg
      class="position-figure"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={text.charAt(0).toUpperCase() + text.slice(1)}
      data-testid="position-figure"
      data-pose={pose ? position : 'unknown'}
      data-part={part ?? 'unknown'}
    >
      {pose && j && (
        <>
          <line class="ground" x1="0" y1={FLOOR} x2={W} y2={FLOOR} />
          {pose.wall !== undefined && <rect class="wall" x="0" y="0" width={pose.wall} height={FLOOR} />}
          {pose.chair && <path class="chair" d={`M92 128 H158 M98 128 V${FLOOR} M152 128 V${FLOOR} M92 128 V50`} />}
          <g class="person">
            {segments.map(([p, a, b]) => (
              <line key={p} class={p === part ? 'part marked' : 'part'} data-part={p} x1={j[a][0]} y1={j[a][1]} x2={j[b][0]} y2={j[b][1]} stroke-width={thick(p)} stroke-linecap="round" />
            ))}
            <circle class={part === 'head' ? 'part marked' : 'part'} cx={j.head[0]} cy={j.head[1]} r="12" />
            <circle class={part === 'hand' ? 'part marked' : 'part'} cx={j.hand[0]} cy={j.hand[1]} r="5.5" />
            {part === 'pelvis' && <circle class="part marked" cx={j.hip[0]} cy={j.hip[1]} r="11" />}
          </g>
          {part && <ToolDrawing pose={pose} part={part} shape={shape} r={r} />}
        </>
      )}
      <RegionInset region={region} side={side} prefer={position === 'floor-front' ? 'front' : 'back'} />
    </svg>
  );
}
