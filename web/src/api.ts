// The one place that knows the server's JSON API (docs/openapi.yaml): every route the web app calls, with the
// shapes it expects. When the API changes, this file changes; the pages only import types and functions from it.
//
// Every call returns a Result: { ok: true, data } or { ok: false, error }. Nothing here throws for an HTTP or
// network failure; pages show `error.message` (and treat `error.missing` — a route this server does not have
// yet — as "not available in this version").
//
// Every shape here was checked against docs/openapi.yaml (its x-smr-example bodies) and the answers of a running
// `smr serve` (src/http/*_api.cc, src/json/*.cc).

// ---------------------------------------------------------------------------------------------------------
// Results and errors

export interface ApiError {
  status: number; // 0: the network failed (offline, server down)
  code: string; // the server's error code (malformed, invalid, not_found, method_not_allowed, conflict, stop, busy, storage_full, ...), or "network" / "bad-json"
  message: string; // plain words, shown to the person
  field?: string | null;
  // Checked on the page before sending: every field at fault at once, with its message in plain words (a form
  // never reports one missing answer per submit). `message` then sums them up.
  fields?: Record<string, string>;
  missing: boolean; // the route does not exist on this server (404 not-found for the route itself, or 405)
}

export type Result<T> = { ok: true; data: T; stale?: boolean } | { ok: false; error: ApiError };

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string | null };
}

// The server's messages are written for both faces, the CLI and programs ("tools: none given ...; name the tools
// you own (smr catalog tools lists them), e.g. foam-roller-medium"). Shown on a page they lose what only a program
// or a terminal needs: the field path in front, the list of every accepted id, the CLI command, the API route.
// The pages check their own forms first (formProblems), so this is the safety net (issue 11 item 15).
export function plainWords(message: string): string {
  return message
    .split('\n')
    .map((line) =>
      line
        // A field path for programs goes ("named_areas[0].region: "); a plain one-word field stays, as the subject.
        .replace(/^([a-z]+)?(_[a-z]+|\[\d+\]|\.[a-z_]+)+: /, '')
        .replace(/\s*\([^)]*\bsmr [^)]*\)/g, '')
        .replace(/[;,] e\.g\. [a-z0-9]+(-[a-z0-9]+)+(,[a-z0-9]+(-[a-z0-9]+)*)*/g, '') // ", e.g. foam-roller-medium,lacrosse-ball"
        .replace(/[;,]? ?(e\.g\.|expected) ("[^"]*"(, | or )?)+/g, '')
        .replace(/\s*(The|They) [^.]* (is|are) listed at \/api\/\S*/g, '')
        .replace(/ ?\b(GET|POST|PUT|DELETE) \/api\/\S*/g, '')
        .replace(/\s*\(("[^"]*"(, | or )?)+\)/g, '') // a parenthesised list of ids
        .replace(/ ?""/g, '') // an empty value quoted
        .replace(/"([a-z0-9]+(?:-[a-z0-9]+)+)"/g, (_m, id: string) => id.replace(/-/g, ' ')) // an id, as words
        .trim(),
    )
    .filter(Boolean)
    .map((line) => line.charAt(0).toUpperCase() + line.slice(1) + (/[.!?:]$/.test(line) ? '' : '.'))
    .join(' ');
}

async function call<T>(method: string, path: string, body?: unknown, keepalive = false): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      keepalive, // a request that must reach the server even as the page is hidden or closed (pause on hide)
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
      return { ok: false, error: { status: res.status, code: 'bad-json', message: `The server sent an answer this page cannot read (error ${res.status}).`, missing: false } };
    }
  }
  if (!res.ok) {
    const e = (json as ErrorBody | undefined)?.error;
    // This device is not paired (a request from another machine without a valid credential): the app shows
    // how to pair instead of a broken page (main.tsx).
    if (res.status === 401 && e?.code === 'unpaired') markUnpaired();
    // Accounts mode (smr serve --accounts): signed out, or the session ended; the app shows its sign-in page.
    if (res.status === 401 && e?.code === 'signed_out' && path !== '/api/login') markSignedOut();
    // A route the router does not know answers 404 with a message naming the path; 405 means the path exists
    // for other methods only. Both mean "this server version does not have it yet".
    // The server says: 404 not_found "there is no API route /api/..."; 405 method_not_allowed.
    const missing = res.status === 405 || (res.status === 404 && /no API route/i.test(e?.message ?? ''));
    return {
      ok: false,
      error: {
        status: res.status,
        code: e?.code ?? `http-${res.status}`,
        message: missing
          ? 'The SMR Coach on this server is too old for this page. Update SMR Coach to use it.'
          : e?.message
            ? plainWords(e.message)
            : `The server could not do this (error ${res.status}).`,
        field: e?.field ?? null,
        missing,
      },
    };
  }
  return { ok: true, data: json as T, stale: res.headers.get('X-SMR-From-Cache') === '1' };
}

// A form's own check before sending: null when nothing is wrong, else one error naming every field at fault
// (in the form's order) with a summary that lists them.
export function formProblems(problems: [field: string, message: string][]): ApiError | null {
  const bad = problems.filter(([, m]) => m);
  if (bad.length === 0) return null;
  const message = bad.length === 1 ? bad[0][1] : `${bad.length} answers need a look: ${bad.map(([, m]) => m.replace(/\.$/, '')).join('; ')}.`;
  return { status: 0, code: 'invalid', field: bad[0][0], fields: Object.fromEntries(bad), message, missing: false };
}

// ---------------------------------------------------------------------------------------------------------
// Pairing (docs/pairing.md): POST /api/pair, GET /api/devices, DELETE /api/devices/{id}, POST /api/pairing-codes

let unpaired = false;
const unpairedListeners = new Set<() => void>();
function markUnpaired(): void {
  if (unpaired) return;
  unpaired = true;
  unpairedListeners.forEach((f) => f());
}
export const isUnpaired = () => unpaired;
// Calls `f` once when any call is answered 401 "unpaired"; returns the unsubscribe.
export function onUnpaired(f: () => void): () => void {
  unpairedListeners.add(f);
  return () => unpairedListeners.delete(f);
}

// ---------------------------------------------------------------------------------------------------------
// Accounts (docs/accounts.md): POST /api/login, POST /api/logout, GET /api/me, GET /api/auth/sessions,
// DELETE /api/auth/sessions/{id}, POST /api/auth/sessions/end-others, PUT /api/password

let signedOut = false;
const signedOutListeners = new Set<(out: boolean) => void>();
function markSignedOut(): void {
  if (signedOut) return;
  signedOut = true;
  signedOutListeners.forEach((f) => f(true));
}
export const isSignedOut = () => signedOut;
// Calls `f(true)` when any call is answered 401 "signed_out", `f(false)` after a sign-in; returns the unsubscribe.
export function onSignedOut(f: (out: boolean) => void): () => void {
  signedOutListeners.add(f);
  return () => signedOutListeners.delete(f);
}

export interface Me {
  accounts: boolean; // false: single-person mode, no sign-in
  person_id: number;
  login: string | null;
  role: 'person' | 'trainer' | 'admin' | null;
  session_id: string | null;
}

export interface AuthSession {
  id: string;
  agent: string;
  created_ms: number;
  last_used_ms: number;
  expires_ms: number;
  current: boolean;
}

export const getMe = () => call<Me>('GET', '/api/me');
export async function signIn(login: string, password: string): Promise<Result<unknown>> {
  const r = await call<unknown>('POST', '/api/login', { login, password });
  if (r.ok && signedOut) {
    signedOut = false;
    signedOutListeners.forEach((f) => f(false));
  }
  return r;
}
export const signOut = () => call<{ signed_out: boolean }>('POST', '/api/logout');
export const listAuthSessions = () => call<{ sessions: AuthSession[] }>('GET', '/api/auth/sessions');
export const endAuthSession = (id: string) => call<{ ended: string }>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`);
export const endOtherAuthSessions = () => call<{ ended: number }>('POST', '/api/auth/sessions/end-others');
export const changePassword = (old_password: string, new_password: string) => call<unknown>('PUT', '/api/password', { old_password, new_password });

export interface Device {
  id: string;
  name: string;
  created_ms: number;
  last_used_ms: number | null;
  revoked_ms: number | null;
  this_device: boolean;
}

export interface PairingCode {
  code: string;
  expires_ms: number;
  urls: { url: string; qr_svg: string }[];
}

export const pairDevice = (code: string, name: string) => write<Device>('POST', '/api/pair', { code, name });
export const listDevices = () => call<{ devices: Device[] }>('GET', '/api/devices');
export const revokeDevice = (id: string) => write<Device>('DELETE', `/api/devices/${encodeURIComponent(id)}`);
export const newPairingCode = () => write<PairingCode>('POST', '/api/pairing-codes', {});

// GETs are shared (docs/performance.md, "Web app"): the pages and the app shell ask for the same things as they
// start (the profile three times, the catalog lists twice on the way from the safety questions to the plan).
// - A GET joins the request for the same path already in flight, unless a write (POST, PUT, DELETE) was sent
//   since that request started: an answer never predates a change this page made.
// - The profile and the active warning signs, asked for by the shell, the safety check and the first page as the
//   app starts (the page's code comes a moment later), are answered from the last answer for SHARED_MS after it.
// - The catalog's lists and entries (/api/catalog/...) are kept for the page's life once answered: they change only
//   with a new smr, which a reload brings. So is /api/me (who is signed in): signing in or out reloads the page.
//   Failures are not kept.
// Callers share the answer's data: pages must not change it in place.
const SHARED_MS = 5000;
const sharedBriefly = new Set(['/api/profile', '/api/warnings']);
const inFlight = new Map<string, Promise<Result<unknown>>>();
const kept = new Map<string, { result: Result<unknown>; until_ms: number }>();

function get<T>(path: string): Promise<Result<T>> {
  const hit = kept.get(path);
  if (hit && performance.now() < hit.until_ms) return Promise.resolve(hit.result as Result<T>);
  let pending = inFlight.get(path);
  if (!pending) {
    pending = call<unknown>('GET', path).then((r) => {
      if (inFlight.get(path) !== pending) return r; // a write was sent meanwhile: keep nothing
      inFlight.delete(path);
      if (r.ok && !r.stale && (path.startsWith('/api/catalog/') || path === '/api/me')) kept.set(path, { result: r, until_ms: Infinity });
      else if (r.ok && !r.stale && sharedBriefly.has(path)) kept.set(path, { result: r, until_ms: performance.now() + SHARED_MS });
      return r;
    });
    inFlight.set(path, pending);
  }
  return pending as Promise<Result<T>>;
}
function write<T>(method: string, path: string, body?: unknown, keepalive = false): Promise<Result<T>> {
  // A GET from now on asks the server again (the catalog excepted: no write changes it).
  inFlight.clear();
  for (const p of sharedBriefly) kept.delete(p);
  return call<T>(method, path, body, keepalive);
}
const post = <T>(path: string, body: unknown, keepalive = false) => write<T>('POST', path, body, keepalive);
const put = <T>(path: string, body: unknown) => write<T>('PUT', path, body);

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
  status: 'ok';
  version: string;
  backend: 'sqlite' | 'postgresql' | 'memory';
  schema_version: number;
  latest_schema_version: number;
  integrity_ok: boolean;
}

export const health = () => get<Health>('/api/health');
export const regions = () => get<Region[]>('/api/catalog/regions');
export const tools = () => get<Tool[]>('/api/catalog/tools');
export interface Exercise {
  id: string;
  name: string;
  region: string;
  tools: string[];
  position: string;
  summary: string;
}

export const exercises = () => get<Exercise[]>('/api/catalog/exercises');

// One exercise in full (GET /api/catalog/exercises/{id}, as `smr catalog show ID --json`).
export interface ExerciseDetail extends Exercise {
  level: string;
  contexts: string[];
  steps: string[];
  cues: string[];
  mistakes: string[];
  lighter: string;
  stronger: string;
  techniques: string[];
  evidence: Evidence;
}
export const exercise = (id: string) => get<ExerciseDetail>(`/api/catalog/exercises/${encodeURIComponent(id)}`);
export const conditions = () => get<Condition[]>('/api/catalog/conditions');
export const redFlags = () => get<RedFlag[]>('/api/catalog/red-flags');

// A lifestyle factor (catalog/lifestyle.toml): a yes/no question for onboarding; an activity can also be the
// workout of the pre-activity and post-workout goals (PlanRequest.activity).
export interface LifestyleFactor {
  id: string;
  name: string;
  question: string;
  activity: boolean;
  model: string;
}
export const lifestyle = () => get<LifestyleFactor[]>('/api/catalog/lifestyle');

// ---------------------------------------------------------------------------------------------------------
// Profile and screening: GET /api/profile → Profile (empty, updated_ms 0, before the first screening);
// PUT /api/profile with a Profile → { profile, screening, warnings }; GET /api/screening → Screening.

export type Experience = 'new' | 'regular';

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
  aches: { region: string; side?: Side; note?: string }[];
  updated_ms?: number; // 0 before the first screening; the server sets it on PUT
}

export interface Notice {
  id: string;
  message: string;
  rules: string[];
  sources: string[];
}

export interface Screening {
  may_roll: boolean;
  stop: Notice[];
  clearance_needed: Notice[];
  cautions: Notice[];
  blocked_regions: { region: string; side: Side; condition: string; reason: string; rules?: string[]; sources?: string[] }[];
  blocked_tools: { tool: string; regions: string[]; condition: string; reason: string }[];
  limits: { condition: string; regions: string[]; forbid: string[]; note: string; intensity_max: number | null }[];
}

export interface ProfileSaved {
  profile: Profile;
  screening: Screening;
  warnings: ActiveWarning[]; // symptoms answered here become active warning signs
}

export const getProfile = () => get<Profile>('/api/profile');
export const putProfile = (p: Profile) => put<ProfileSaved>('/api/profile', p);
export const getScreening = () => get<Screening>('/api/screening');

// ---------------------------------------------------------------------------------------------------------
// Warning signs: a red flag answered in screening or reported in a session stays active until the person says it
// was checked and cleared. While one is active, POST /api/plan and POST /api/sessions answer 409 stop.
// GET /api/warnings → { warnings }; POST /api/warnings/{red_flag}/clear → { warnings } (those still active; 404
// not_found when it was not active).

export interface ActiveWarning {
  red_flag: string; // a catalog red-flag id (redFlags(): question, urgency, message)
  since_ms: number;
  session_uid: string | null; // null: answered in screening
}

export const warnings = () => get<{ warnings: ActiveWarning[] }>('/api/warnings');
export const clearWarning = (redFlag: string) =>
  write<{ warnings: ActiveWarning[] }>('POST', `/api/warnings/${encodeURIComponent(redFlag)}/clear`);

// ---------------------------------------------------------------------------------------------------------
// Plan: POST /api/plan with a PlanRequest → Routine, as `smr plan --json`. 400 names the field (`tools` when
// none are given and the profile has none); 409 stop for a red flag or an active warning sign (409 conflict: a
// saved profile to screen again).

export type Goal =
  | 'pre-activity'
  | 'post-workout'
  | 'soreness-day-1'
  | 'soreness-day-2'
  | 'daily-mobility'
  | 'desk-relief'
  | 'breathing-calm'
  | 'specific-ache';

export type Context = 'floor' | 'seated' | 'standing' | 'desk' | 'call';

export interface Focus {
  region: string;
  side: Side;
}

export interface PlanRequest {
  goal?: Goal; // default daily-mobility
  minutes?: number; // 3..90, default 10
  tools?: string[] | null; // omitted: the tools in the profile
  context?: Context;
  activity?: string; // a lifestyle id with activity = true, e.g. running
  focus?: Focus[];
  get_ready_s?: number; // 0..60, default 10: the player's countdown, inside the minutes
  check_in_s?: number; // 0..60, default 10: the player's check-in window after every set, inside the minutes
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
  intensity_max: number;
  why: unknown;
}

export interface Routine {
  goal: Goal;
  budget_s: number;
  total_s: number; // the whole session: get-ready, transitions, sets and check-in windows
  get_ready_s: number;
  check_in_s: number;
  breaths_per_minute: number;
  clearance_needed: Notice[];
  warnings: Notice[];
  steps: RoutineStep[];
  left_out: { region: string; side: Side; reason: string }[];
  notes: Notice[];
  context?: Context | null; // where the person said they would be (the safety gate checks the steps against it)
}

export const plan = (request: PlanRequest) => post<Routine>('/api/plan', request);

// ---------------------------------------------------------------------------------------------------------
// Live sessions: POST /api/sessions {routine, settings?} → 201 SessionState; POST /api/sessions/{uid}/inputs →
// SessionState (409 conflict / 422 invalid: the state with `error` and `refusal` beside it); GET
// /api/sessions/{uid}/live[?since=N] → SessionState. The server runs the engine (core/session_engine.h); every
// *_ms is on the session clock, which runs at `time_scale` times real time (`smr serve --test-time-scale N`).
// The page counts down locally from the last answer.

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
  lighter: string; // the lighter variation in use after an adaptation, else ""
}

export interface BreathState {
  phase: 'inhale' | 'exhale';
  breath: number;
  remaining_ms: number;
  progress: number; // 0..1 through the current in- or out-breath
  fill: number; // 0..1: how full the lungs are (the circle's size)
}

export interface SessionView {
  state: SessionState;
  resumes_to: SessionState | null;
  segment: SegmentKind | string;
  step: StepView | null;
  next: StepView | null;
  steps: number;
  set: number | null;
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
  index: number; // position in the session's list of cues (for ?since=)
  kind: CueKind;
  at_ms: number; // session clock
  step: number | null;
  text: string;
  say: string; // what a voice speaks; "" for show-only beats
  chime: boolean;
  rules: string[];
}

export interface TimelineSegment {
  kind: SegmentKind;
  step: number | null;
  set: number | null;
  start_ms: number; // session clock
  end_ms: number;
}

export interface LiveSession {
  uid: string;
  at_ms: number; // the session time this answer was computed at
  time_scale: number; // session ms per real ms (1 outside tests)
  view: SessionView;
  cues: Cue[]; // the cues of this call (or every cue from ?since=N)
  next_cue: number;
  timeline: TimelineSegment[]; // current and upcoming segments; empty once ended
  unsaved?: number; // records the journal has not taken yet (it is busy: another program writing); 0 when all are saved
  // Only beside a refused input (409/422):
  error?: { code: string; message: string; field: string | null };
  refusal?: string;
}

export interface SessionSettings {
  breaths_per_min?: number; // 2..20
  get_ready_s?: number; // 0..60
  check_in_s?: number; // 0..60, 0 for no check-in windows
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
  | { kind: 'pause' | 'resume' | 'skip-phase' | 'skip-step' | 'extend' | 'extend-hold' | 'back' | 'stop' }
  | { kind: 'check-in'; intensity: number; quality: Quality; note?: string; red_flag?: string }
  // Several qualities at once (the pain button): the server acts on the most serious and records the others.
  | { kind: 'check-in'; intensity: number; qualities: Quality[]; note?: string; red_flag?: string }
  | { kind: 'red-flag'; red_flag: string };

// What the safety gate changed in a routine before it was played (POST /api/sessions: `safety_changes`).
export interface GateChange {
  kind: 'replaced' | 'removed' | 'intensity-lowered';
  step: number; // index in the routine as it was sent
  region: string;
  side: Side;
  from_exercise: string;
  from_tool: string;
  to_exercise: string | null;
  to_tool: string | null;
  from_intensity_max?: number;
  to_intensity_max?: number;
  problems: { rule: string; reason: string; rules: string[] }[];
  rules: string[];
  message: string; // plain words, shown to the person
}

export interface StartedSession extends LiveSession {
  safety_changes?: GateChange[]; // absent from servers before the safety gate
}

// 400 invalid naming the step that does not hold together (or "routine.steps": nothing safe is left); 409 stop
// for a red flag or an active warning sign.
export const startSession = (routine: Routine, settings?: SessionSettings) =>
  post<StartedSession>('/api/sessions', settings ? { routine, settings } : { routine });
// A saved routine (issue 10, item 6) or a past session's routine, played again: it passes the safety gate as
// the person is now, and the answer lists what the gate changed, like startSession's.
export const startSavedRoutine = (id: string, settings?: SessionSettings) =>
  post<StartedSession>('/api/sessions', settings ? { saved_routine: id, settings } : { saved_routine: id });
export const repeatSession = (uid: string, settings?: SessionSettings) =>
  post<StartedSession>('/api/sessions', settings ? { repeat_session: uid, settings } : { repeat_session: uid });
// `keepalive`: sent while the page is being hidden (the phone locks): the browser finishes the request anyway.
export const sendInput = (uid: string, input: SessionInput, keepalive = false) =>
  post<LiveSession>(`/api/sessions/${encodeURIComponent(uid)}/inputs`, input, keepalive);
export const liveSession = (uid: string, since?: number) =>
  get<LiveSession>(`/api/sessions/${encodeURIComponent(uid)}/live${since !== undefined ? `?since=${since}` : ''}`);

// ---------------------------------------------------------------------------------------------------------
// Journal: GET /api/sessions → { sessions: SessionSummary[] } (as `smr log --json`, oldest first; live sessions
// are there with status active); GET /api/sessions/{uid} → the session in full.

export interface SessionSummary {
  uid: string;
  title: string;
  started_ms: number;
  status: 'active' | 'finished' | 'stopped';
  duration_s: number;
  check_ins: number;
  mean_intensity: number | null;
  pain_check_ins: number;
  adaptations: number;
  regions: string[];
}

export const sessions = () => get<{ sessions: SessionSummary[] }>('/api/sessions');

// Routines the person keeps under a name (GET/POST /api/routines, DELETE /api/routines/{id}). Names: 1-60
// characters, unique ignoring case (409 conflict, field "name").
export interface SavedRoutine {
  uid: string;
  name: string;
  created_ms: number;
  total_s: number;
  steps: number; // how many
  routine?: Routine; // in the answers of POST and GET /api/routines/{id}
}
export const savedRoutines = () => get<SavedRoutine[]>('/api/routines');
export const saveNamedRoutine = (name: string, routine: Routine) => post<SavedRoutine>('/api/routines', { name, routine });
export const deleteSavedRoutine = (id: string) => write<{ deleted: SavedRoutine }>('DELETE', `/api/routines/${encodeURIComponent(id)}`);

// GET /api/sessions/{uid}: the session as in the export file (docs/storage.md). `routine_json` is the routine that
// was played (a Routine, as text); `data_json` and `detail_json` are JSON text too.
export interface SessionEvent {
  seq: number;
  at_ms: number;
  kind: string; // session-started, session-finished, session-stopped, step-started, ...
  step: number; // -1: not about one step
  data_json: string;
}

export interface CheckInRecord {
  uid: string;
  at_ms: number;
  step: number;
  exercise: string;
  region: string;
  side: Side;
  intensity: number; // 0..10
  quality: Quality;
  note: string;
}

export interface AdaptationRecord {
  uid: string;
  at_ms: number;
  step: number;
  kind: string;
  reason: string;
  detail_json: string;
}

export interface SessionRecord {
  uid: string;
  person_id: number;
  title: string;
  started_ms: number;
  ended_ms: number | null;
  status: 'active' | 'finished' | 'stopped';
  routine_json: string;
  events: SessionEvent[];
  check_ins: CheckInRecord[];
  adaptations: AdaptationRecord[];
  notes: { uid: string; at_ms: number; text: string }[];
}

export const session = (uid: string) => get<SessionRecord>(`/api/sessions/${encodeURIComponent(uid)}`);

// ---------------------------------------------------------------------------------------------------------
// Progress: GET /api/progress → ProgressReport, its `progress` as `smr progress --json` (docs/progress.md).

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
  latest_intensity: number | null;
  latest_at_ms: number | null;
}

export interface PainAlert {
  id: string;
  kind: string;
  region: string;
  side: Side;
  since_ms: number;
  pain_sessions: number;
  sessions_considered: number;
  message: string;
  rules: string[];
  sources: string[];
  acknowledged: boolean;
}

// One self-test on one side against its smallest real change (POST and GET /api/self-tests, and progress).
export interface SelfTestProgress {
  test: string;
  side: Side;
  unit: string;
  smallest_real_change: number | null;
  baseline: number | null;
  latest: number | null;
  latest_at_ms: number | null;
  change: number | null;
  verdict: string;
  history: { at_ms: number; value: number; phase: string; session_uid: string }[];
}

// Soreness (DOMS) ratings around sessions and on the days after a workout (docs/progress.md, "Soreness").
export interface Soreness {
  sessions: { session_uid: string; region: string; side: Side; before: number; after: number; change: number; meaningful: boolean }[];
  workouts: {
    workout_uid: string;
    workout_ms: number;
    region: string;
    side: Side;
    by_day: (number | null)[]; // the highest rating on day 0, 1, 2 after the workout
    peak_day: number | null;
  }[];
  mean_change: number | null;
}

export interface Progress {
  sensation: RegionSensation[];
  adherence: {
    target: number;
    weeks: { week_start_ms: number; sessions: number; met_target: boolean; in_progress: boolean }[];
    streaks: { current_days: number; longest_days: number; current_weeks: number; longest_weeks: number };
    sessions_by_hour: number[];
    mean_sessions_per_week: number;
  };
  soreness: Soreness;
  self_tests: SelfTestProgress[];
  alerts: PainAlert[];
}

export interface ProgressReport {
  as_of_ms: number;
  time_zone: string;
  utc_offset_minutes: number;
  since_ms: number;
  progress: Progress;
}

// The page's own time zone, so that days and weeks are the person's (the server's zone otherwise).
function zone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    return '';
  }
}

const tzQuery = () => {
  const tz = zone();
  return tz ? `?tz=${encodeURIComponent(tz)}` : '';
};

export const progress = () => get<ProgressReport>(`/api/progress${tzQuery()}`);

// POST /api/progress/alerts/{id}/ack (no body): hides the alert until its episode ends; 404 (field id) when it
// is not in force. Alert ids contain slashes (kind/region/side/session), hence the encoding.
export const acknowledgeAlert = (id: string) =>
  write<{ acknowledged: string }>('POST', `/api/progress/alerts/${encodeURIComponent(id)}/ack${tzQuery()}`);

// ---------------------------------------------------------------------------------------------------------
// Self-tests: GET /api/self-tests → { guides, progress }; POST one value → 201 { recorded, progress }.

export interface SelfTest {
  uid: string;
  person_id?: number;
  at_ms: number;
  test: string;
  side: Side;
  value: number;
  unit: string;
  session_uid: string;
  phase: string;
}

export interface SelfTestGuide {
  id: string;
  name: string;
  measures: string;
  unit: string;
  laterality: string;
  min_value: number;
  max_value: number;
  setup: string;
  steps: string[];
  reading: string;
  smallest_real_change: number | null;
}

export interface SelfTestInput {
  test: string;
  side?: 'left' | 'right';
  value: number | string; // a number, or "pass" / "fail"; any other text is refused by the server (field value)
  phase?: 'baseline' | 'before' | 'after' | 'check';
  session?: string;
}

export const selfTests = () => get<{ guides: SelfTestGuide[]; progress: SelfTestProgress[] }>('/api/self-tests');
export const addSelfTest = (t: SelfTestInput) => post<{ recorded: SelfTest; progress: SelfTestProgress | null }>('/api/self-tests', t);

// Soreness: POST /api/soreness → 201 { recorded } (a self-test row, test "soreness/<region>", unit "nrs").
// Workouts: POST /api/workouts → 201 { recorded } (test "workout"); at_ms defaults to now, never in the future.
export type SelfTestPhase = 'baseline' | 'before' | 'after' | 'check';
export type SorenessPhase = 'before' | 'after' | 'check';

export interface SorenessInput {
  region: string;
  rating?: number; // 0..10, whole; required (left out, the server answers 400 naming it)
  side?: 'left' | 'right'; // a paired region needs it; a midline one takes none
  phase?: SorenessPhase; // default check
  session?: string; // needed by before / after: a uid, its first characters, or "last"
}

export const addSoreness = (s: SorenessInput) => post<{ recorded: SelfTest }>('/api/soreness', s);
export const addWorkout = (w: { at_ms?: number }) => post<{ recorded: SelfTest }>('/api/workouts', w);

// ---------------------------------------------------------------------------------------------------------
// Settings, export, import: GET /api/settings → Settings; PUT /api/settings with the fields to change →
// Settings; GET /api/export → the export file; POST /api/import with it → { added, present }.

export interface Settings {
  breaths_per_minute: number; // 4..10
  voice: boolean;
  units: 'metric' | 'imperial';
}

export const getSettings = () => get<Settings>('/api/settings');
export const putSettings = (s: Partial<Settings>) => put<Settings>('/api/settings', s);
export const exportJournal = () => get<unknown>('/api/export');
export const importJournal = (journal: unknown) => post<{ added: number; present: number }>('/api/import', journal);

// ---------------------------------------------------------------------------------------------------------
// Learn (GET /api/learn, /api/learn/{id}; docs/openapi.yaml LearnIndex, LearnPage)

export interface Evidence {
  rules: string[];
  sources: string[];
}
export type LearnKind = 'topic' | 'technique' | 'region';
export interface LearnLink {
  kind: LearnKind;
  id: string;
  title: string;
  summary: string; // empty for regions
}
export interface LearnSection {
  heading: string;
  text: string;
  points: string[];
  evidence: Evidence;
}
export interface LearnPage {
  kind: LearnKind;
  id: string;
  title: string;
  summary: string;
  sections: LearnSection[];
  evidence: Evidence;
  references: { id: string; citation: string; note: string }[];
  learn_more: LearnLink[];
  see_also: LearnLink[];
  exercises: { id: string; name: string }[];
}
export const learnIndex = () => get<{ topics: LearnLink[]; techniques: LearnLink[]; regions: LearnLink[] }>('/api/learn');
export const learnPage = (id: string) => get<LearnPage>(`/api/learn/${encodeURIComponent(id)}`);

// ---------------------------------------------------------------------------------------------------------
// Trainers and their clients (docs/accounts.md, accounts mode only): invitations, a client's trainers and what
// each sees, routines from one's trainers; for a trainer, the dashboard, one client's progress, templates and
// assigning them. A route of a trainer's answers 404 to anyone who is not one (the nav shows those pages only
// to trainers: me()).

// GET /api/me, kept for the page's life once answered: the role changes only with a sign-in (the page reloads).
export const me = () => get<Me>('/api/me');
export const isTrainer = (r: Result<Me> | null) => !!r && r.ok && r.data.accounts && r.data.role === 'trainer';

export interface Sharing {
  sessions: boolean; // sessions and adherence
  trends: boolean; // sensation trends and pain alerts
  self_tests: boolean;
  soreness: boolean;
  screening: boolean; // conditions, blocked regions, and why an assigned step was adapted
}

export interface InvitationView {
  trainer: { id: number; name: string };
  expires_ms: number;
}
export interface NewInvitation {
  code: string;
  path: string; // /invite/CODE
  expires_ms: number;
}
export interface TrainerLink {
  id: number;
  name: string;
  since_ms: number;
  sharing: Sharing;
}

export const newInvitation = () => post<NewInvitation>('/api/invitations', {});
export const invitation = (code: string) => call<InvitationView>('GET', `/api/invitations/${encodeURIComponent(code)}`);
export const acceptInvitation = (code: string) => post<{ trainer: TrainerLink }>(`/api/invitations/${encodeURIComponent(code)}/accept`, {});
export const myTrainers = () => get<TrainerLink[]>('/api/trainers');
export const setSharing = (trainer: number, sharing: Sharing) => put<TrainerLink>(`/api/trainers/${trainer}/sharing`, sharing);
export const leaveTrainer = (trainer: number) => write<{ left: { id: number } }>('DELETE', `/api/trainers/${trainer}`);

// A routine from one's trainer, through one's own safety gate (GET /api/assignments).
export interface Assignment {
  uid: string;
  name: string;
  from_trainer: { id: number; name: string };
  note: string;
  created_ms: number;
  updated_ms: number;
  started_session_uid: string | null;
  routine: Routine | null; // null: refused (below)
  safety_changes: GateChange[];
  refused: { code: string; message: string; stop: Notice[] } | null;
}
export const assignments = () => get<Assignment[]>('/api/assignments');
// POST /api/sessions {"assignment": uid}: the gate as for any routine; the answer lists what it changed.
export const startAssignment = (uid: string, settings?: SessionSettings) =>
  post<StartedSession>('/api/sessions', settings ? { assignment: uid, settings } : { assignment: uid });

export type ClientStatus = 'needs-attention' | 'on-track' | 'not-shared';
export interface DashboardClient extends TrainerLink {
  status: ClientStatus;
  reasons: { kind: 'pain-alert' | 'inactive' | 'below-target' | 'on-track' | 'not-shared' | string; text: string }[];
  last_session_ms?: number;
}
export interface ClientProgress extends TrainerLink {
  adherence?: Progress['adherence'];
  sessions?: SessionSummary[];
  sensation?: RegionSensation[];
  alerts?: PainAlert[];
  self_tests?: SelfTestProgress[];
  soreness?: Soreness;
  screening?: Screening;
}
export const clients = () => get<DashboardClient[]>('/api/clients');
export const client = (id: number | string) => get<ClientProgress>(`/api/clients/${encodeURIComponent(String(id))}`);

export interface Template {
  uid: string;
  name: string;
  note: string;
  created_ms: number;
  updated_ms: number;
  total_s: number;
  steps: number;
}
export interface TemplateFull extends Template {
  routine: Routine;
  copies_updated?: number; // PUT only
  assignments: { uid: string; client: { id: number; name: string }; started: boolean; adapted: number | null; safety_changes?: GateChange[] }[];
}
export const templates = () => get<Template[]>('/api/templates');
export const template = (uid: string) => get<TemplateFull>(`/api/templates/${encodeURIComponent(uid)}`);
export const createTemplate = (name: string, routine: Routine, note: string) => post<TemplateFull>('/api/templates', { name, routine, note });
export const updateTemplate = (uid: string, name: string, routine: Routine, note: string) =>
  put<TemplateFull>(`/api/templates/${encodeURIComponent(uid)}`, { name, routine, note });
export const deleteTemplate = (uid: string) => write<{ deleted: Template }>('DELETE', `/api/templates/${encodeURIComponent(uid)}`);
// A note given here replaces the template's for these copies; omitted, each copy takes the template's.
export const assignTemplate = (uid: string, clientIds: number[], note?: string) =>
  post<TemplateFull>(`/api/templates/${encodeURIComponent(uid)}/assign`, note === undefined ? { clients: clientIds } : { clients: clientIds, note });
