// The one place that knows the server's JSON API (docs/openapi.yaml): every route the web app calls, with the
// shapes it expects. When the API changes, this file changes; the pages only import types and functions from it.
//
// Every call returns a Result: { ok: true, data } or { ok: false, error }. Nothing here throws for an HTTP or
// network failure; pages show `error.message` (and treat `error.missing` — a route this server does not have
// yet — as "not available in this version").
//
// Shapes marked ASSUMED follow the C++ JSON writers (src/json/*.cc) and the session engine (core/session_engine.h)
// but their routes were not merged when this was written; adjust them here.

// ---------------------------------------------------------------------------------------------------------
// Results and errors

export interface ApiError {
  status: number; // 0: the network failed (offline, server down)
  code: string; // the server's error code ("not-found", "invalid", ...), or "network" / "bad-json"
  message: string; // plain words, shown to the person
  field?: string | null;
  missing: boolean; // the route does not exist on this server (404 not-found for the route itself, or 405)
}

export type Result<T> = { ok: true; data: T; stale?: boolean } | { ok: false; error: ApiError };

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string | null };
}

async function call<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return {
      ok: false,
      error: { status: 0, code: 'network', message: 'Cannot reach the SMR Coach server. Check that it is running and that you are online.', missing: false },
    };
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, error: { status: res.status, code: 'bad-json', message: `The server sent something that is not JSON (HTTP ${res.status}).`, missing: false } };
    }
  }
  if (!res.ok) {
    const e = (json as ErrorBody | undefined)?.error;
    // A route the router does not know answers 404 with a message naming the path; 405 means the path exists
    // for other methods only. Both mean "this server version does not have it yet".
    const missing = res.status === 405 || (res.status === 404 && /no API route/i.test(e?.message ?? '') && !/has the id/.test(e?.message ?? ''));
    return {
      ok: false,
      error: {
        status: res.status,
        code: e?.code ?? `http-${res.status}`,
        message: missing
          ? `This server does not offer ${method} ${path.split('?')[0]} yet (HTTP ${res.status}). Update SMR Coach to use this page.`
          : (e?.message ?? `The server answered HTTP ${res.status}.`),
        field: e?.field ?? null,
        missing,
      },
    };
  }
  return { ok: true, data: json as T, stale: res.headers.get('X-SMR-From-Cache') === '1' };
}

const get = <T>(path: string) => call<T>('GET', path);
const post = <T>(path: string, body: unknown) => call<T>('POST', path, body);
const put = <T>(path: string, body: unknown) => call<T>('PUT', path, body);

// ---------------------------------------------------------------------------------------------------------
// Catalog (exists: GET /api/catalog/{regions,tools,techniques,exercises,conditions,red-flags})

export type Side = 'left' | 'right' | 'centre';
export type View = 'front' | 'back';

// An ellipse (cx, cy, rx, ry) or a polygon (points), on the body map's canvas.
export interface Shape {
  view: View;
  cx?: number;
  cy?: number;
  rx?: number;
  ry?: number;
  points?: [number, number][];
}

export interface Region {
  id: string;
  name: string;
  group: string;
  laterality: 'paired' | 'midline' | string;
  aliases: string[];
  description: string;
  // Body map: canvas 200 x 400 per view. Paired regions give the person's LEFT side only (front view x > 100,
  // back view x < 100); the right side is the mirror image (x -> 200 - x).
  map: Shape[];
}

export interface Tool {
  id: string;
  name: string;
  kind: string;
  density: string;
  description: string;
}

export interface Condition {
  id: string;
  name: string;
  effect: 'block' | 'clearance' | 'caution';
  message: string;
  block_named_area: boolean;
}

export interface RedFlag {
  id: string;
  question: string;
  urgency: 'urgent' | 'emergency' | string;
  message: string;
}

export interface Health {
  status: string;
  version: string;
  journal?: { backend?: string; schema?: number };
}

export const health = () => get<Health>('/api/health');
export const regions = () => get<Region[]>('/api/catalog/regions');
export const tools = () => get<Tool[]>('/api/catalog/tools');
export const conditions = () => get<Condition[]>('/api/catalog/conditions');
export const redFlags = () => get<RedFlag[]>('/api/catalog/red-flags');

// ---------------------------------------------------------------------------------------------------------
// Profile and screening (ASSUMED: GET/PUT /api/profile → ProfileResponse; PUT takes a Profile)

export type Experience = 'new' | 'some' | 'regular';

export interface NamedArea {
  condition: string;
  region: string;
  side: Side;
}

export interface Profile {
  conditions: string[];
  named_areas: NamedArea[];
  symptoms: string[]; // red-flag ids present now
  experience: Experience;
  tools: string[];
  lifestyle: string[];
  aches: { region: string; side: Side }[];
  updated_ms?: number;
}

export interface Notice {
  id: string;
  message: string;
  rules?: string[];
  sources?: string[];
}

export interface Screening {
  may_roll: boolean;
  stop: Notice[];
  clearance_needed: Notice[];
  cautions: Notice[];
  blocked_regions: { region: string; side: Side; condition: string; reason: string }[];
}

export interface ProfileResponse {
  profile: Profile | null; // null before the first screening
  screening: Screening | null;
}

export const getProfile = () => get<ProfileResponse>('/api/profile');
export const putProfile = (p: Profile) => put<ProfileResponse>('/api/profile', p);

// ---------------------------------------------------------------------------------------------------------
// Plan (ASSUMED: POST /api/plan with a PlanRequest → Routine, as `smr plan --json`)

export type Goal =
  | 'pre-activity'
  | 'post-workout'
  | 'soreness-day-1'
  | 'soreness-day-2'
  | 'daily-mobility'
  | 'desk-relief'
  | 'breathing-calm'
  | 'specific-ache';

export type Context = 'floor' | 'wall' | 'seated' | 'standing';

export interface Focus {
  region: string;
  side: Side;
}

export interface PlanRequest {
  goal: Goal;
  minutes: number;
  tools?: string[]; // omitted: the tools in the profile
  context: Context;
  focus: Focus[];
}

export type PhaseKind = 'locate' | 'hold' | 'move' | 'roll' | 'breathe';

export interface RoutineStep {
  exercise: string;
  region: string;
  side: Side;
  tool: string;
  position: string;
  transition_s: number;
  phases: { kind: PhaseKind; seconds: number }[];
  sets: number;
  total_s: number;
  why: unknown;
}

export interface Routine {
  goal: Goal;
  budget_s: number;
  total_s: number;
  breaths_per_minute: number;
  clearance_needed: Notice[];
  warnings: Notice[];
  steps: RoutineStep[];
  left_out: { region: string; side: Side; reason: string }[];
  notes: Notice[];
}

export const plan = (request: PlanRequest) => post<Routine>('/api/plan', request);

// ---------------------------------------------------------------------------------------------------------
// Live sessions (ASSUMED: POST /api/sessions {routine} → LiveSession; POST /api/sessions/{uid}/inputs → LiveSession;
// GET /api/sessions/{uid}/live → LiveSession). The server runs the engine; the page counts down from `timeline`.

export type SessionState =
  | 'not-started'
  | 'get-ready'
  | 'transition'
  | 'change'
  | 'locate'
  | 'hold'
  | 'move'
  | 'roll'
  | 'breathe'
  | 'check-in'
  | 'paused'
  | 'finished'
  | 'stopped';

export type SegmentKind = 'get-ready' | 'transition' | 'change' | 'locate' | 'hold' | 'move' | 'roll' | 'breathe' | 'check-in';

export interface StepView {
  index: number;
  exercise: string;
  exercise_name: string;
  region: string;
  region_name: string;
  side: Side;
  tool: string;
  tool_name: string;
  sets: number;
  lighter: string;
}

export interface BreathState {
  phase: 'inhale' | 'exhale';
  progress: number; // 0..1 through the current in- or out-breath
  breath_ms?: number;
}

export interface SessionView {
  state: SessionState;
  resumes_to: SessionState;
  segment: SegmentKind;
  step: StepView | null;
  next: StepView | null;
  steps: number;
  set: number;
  segment_ms: number;
  elapsed_ms: number;
  remaining_ms: number;
  progress: number;
  breath: BreathState | null;
  rep: number;
  reps: number;
  pass: number;
  text: string;
  session_elapsed_ms: number;
  session_remaining_ms: number;
  paused_ms: number;
  skipped_regions: string[];
}

export type CueKind =
  | 'get-ready'
  | 'countdown'
  | 'step'
  | 'switch-sides'
  | 'change'
  | 'phase'
  | 'inhale'
  | 'exhale'
  | 'rep'
  | 'pass'
  | 'check-in'
  | 'advice'
  | 'adaptation'
  | 'extended'
  | 'paused'
  | 'resumed'
  | 'urgent'
  | 'finished'
  | 'stopped';

export interface Cue {
  kind: CueKind;
  at_ms: number; // ms from the session start
  step: number;
  text: string;
  say: string;
  chime: boolean;
  rules?: string[];
}

export interface TimelineSegment {
  kind: SegmentKind;
  step: number;
  set: number;
  planned_ms: number;
  skipped: boolean;
  start_ms: number; // from the session start, pauses included
  end_ms: number;
}

export interface LiveSession {
  uid: string;
  view: SessionView;
  cues: Cue[];
  timeline: TimelineSegment[];
  // Server time: ms since the session started (pauses included) when this answer was made. The page counts on
  // from it with its own clock, times the server's test time scale (`smr serve --test-time-scale N`).
  now_ms?: number;
  time_scale?: number;
  breaths_per_minute?: number;
}

export type Quality =
  | 'pressure'
  | 'ache'
  | 'good-hurt'
  | 'sharp'
  | 'burning'
  | 'stinging'
  | 'stabbing'
  | 'radiating'
  | 'numb'
  | 'tingling';

export type SessionInput =
  | { kind: 'pause' | 'resume' | 'skip-phase' | 'skip-step' | 'extend' | 'back' | 'stop' }
  | { kind: 'check-in'; intensity: number; quality: Quality }
  | { kind: 'red-flag'; red_flag: string };

export const startSession = (routine: Routine) => post<LiveSession>('/api/sessions', { routine });
export const sendInput = (uid: string, input: SessionInput) => post<LiveSession>(`/api/sessions/${encodeURIComponent(uid)}/inputs`, input);
export const liveSession = (uid: string) => get<LiveSession>(`/api/sessions/${encodeURIComponent(uid)}/live`);

// ---------------------------------------------------------------------------------------------------------
// Journal and progress (ASSUMED: GET /api/sessions → SessionSummary[]; GET /api/progress → Progress as
// `smr progress --json`; GET/POST /api/self-tests)

export interface SessionSummary {
  uid: string;
  title: string;
  started_ms: number;
  ended_ms: number | null;
  status: 'active' | 'finished' | 'stopped';
  regions?: string[];
  check_ins?: number;
  max_intensity?: number | null;
}

export interface IntensityPoint {
  at_ms: number;
  session_uid: string;
  intensity: number;
  max_intensity: number;
  check_ins: number;
  pain: number;
}

export interface RegionSensation {
  region: string;
  side: Side;
  points: IntensityPoint[];
  latest_intensity?: number | null;
}

export interface PainAlert {
  id: string;
  kind: string;
  region: string;
  side: Side;
  since_ms: number;
  pain_sessions: number;
  message: string;
  acknowledged: boolean;
}

export interface SelfTest {
  uid?: string;
  at_ms: number;
  test: string;
  side: Side;
  value: number;
  unit: string;
  phase?: string;
}

export interface Progress {
  sensation: RegionSensation[];
  adherence: { streaks?: { current_days: number; longest_days: number }; mean_sessions_per_week?: number; weeks?: { week_start_ms: number; sessions: number; met_target: boolean }[] };
  soreness: unknown;
  self_tests: { test: string; side: Side; points?: { at_ms: number; value: number }[]; unit?: string }[];
  alerts: PainAlert[];
}

export const sessions = () => get<SessionSummary[]>('/api/sessions');
export const progress = () => get<Progress>('/api/progress');
export const selfTests = () => get<SelfTest[]>('/api/self-tests');
export const addSelfTest = (t: SelfTest) => post<SelfTest>('/api/self-tests', t);

// ---------------------------------------------------------------------------------------------------------
// Settings, export, import (ASSUMED: GET/PUT /api/settings → Settings; GET /api/export → journal JSON;
// POST /api/import with that JSON → { imported: counts })

export interface Settings {
  breaths_per_minute: number;
  voice: boolean;
  units: 'metric' | 'imperial';
}

export const getSettings = () => get<Settings>('/api/settings');
export const putSettings = (s: Settings) => put<Settings>('/api/settings', s);
export const exportJournal = () => get<unknown>('/api/export');
export const importJournal = (journal: unknown) => post<{ imported?: Record<string, number> }>('/api/import', journal);
