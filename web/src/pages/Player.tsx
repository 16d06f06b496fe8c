// The session player, for someone on the floor with the phone beside them (issue 10, items 3 and 5). The server
// runs the session engine; the page counts down locally from the last answer (times the server's time scale),
// asks the server again when a segment should have ended, and every second for new cues.
//
// What it shows: "step n of m" and what comes next, the exercise and a picture of its position (the region and
// the tool marked), the phase and a big countdown, the breathing circle, the instruction in large type (read
// from 1 m), and a control bar that stays on screen (pain, pause/resume, stop) at 320 px and in landscape.
// Keys: space pauses and resumes, 0-9 answers "how does it feel" with that number, p reports pain.
//
// Resuming cleanly: a cue is spoken, buzzed or shown only when it is fresh (due within kFreshMs of real time
// before the answer that brought it); older ones (a reload, the phone back from sleep, a missed poll) are only
// marked as seen. So a reload or a return shows the current state: no stale cue spoken, no old check-in sheet
// or banner. When the page is hidden (the phone locks, another app opens) the session is paused, unless that is
// turned off in Settings; one tap on Resume goes on.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import type { LiveSession, Quality, SessionInput } from '../api';
import { CapabilityNotice } from '../components/CapabilityNotice';
import { Dialog } from '../components/Dialog';
import { ErrorState, Loading } from '../components/ErrorState';
import { PositionFigure } from '../components/PositionFigure';
import { useApi } from '../components/useApi';
import { loadPrefs, savePrefs } from '../prefs';
import { go } from '../router';
import { checkWarnings } from '../safety';
import { qualities } from '../quality';
import { buzz, canSpeak, hush, speak } from '../speech';
import { EndSummary } from './EndSummary';

const phaseNames: Record<string, string> = {
  'get-ready': 'Get ready',
  transition: 'Get into position',
  change: 'Change',
  locate: 'Find a tender spot',
  hold: 'Hold and breathe',
  move: 'Pin and move',
  roll: 'Roll slowly',
  breathe: 'Breathe',
  'check-in': 'How does it feel?',
  paused: 'Paused',
  finished: 'Done',
  stopped: 'Stopped',
};

// A cue older than this (real time, before the answer that brought it) is stale: seen, never spoken or shown.
const kFreshMs = 2500;

function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

// What the page shows apart from the clock: a new answer with the same shape renders nothing.
const shapeOf = (l: LiveSession) => {
  const v = l.view;
  return JSON.stringify([v.state, v.resumes_to, v.step, v.next, v.set, v.steps, v.text, v.skipped_regions, (l.unsaved ?? 0) > 0]);
};

const ended = (l: LiveSession) => l.view.state === 'finished' || l.view.state === 'stopped';
const storageKey = (uid: string) => `smr.live.${uid}`;

// The first answer the plan page kept (POST /api/sessions), used once: its cues are for the first visit only.
function takeStored(uid: string): api.StartedSession | null {
  try {
    const s = sessionStorage.getItem(storageKey(uid));
    if (!s) return null;
    const stored = JSON.parse(s) as api.StartedSession & { used?: boolean };
    // Keep only what has not been read yet (the safety changes), for a reload.
    sessionStorage.setItem(storageKey(uid), JSON.stringify({ used: true, safety_changes: stored.safety_changes ?? [] }));
    return stored.used ? null : stored;
  } catch {
    return null;
  }
}

function storedChanges(uid: string): api.GateChange[] {
  try {
    return (JSON.parse(sessionStorage.getItem(storageKey(uid)) ?? '{}') as api.StartedSession).safety_changes ?? [];
  } catch {
    return [];
  }
}

function forgetChanges(uid: string): void {
  try {
    sessionStorage.setItem(storageKey(uid), JSON.stringify({ used: true, safety_changes: [] }));
  } catch {
    // Private mode: the list shows again after a reload, that is all.
  }
}

// The cues this tab has already handled (spoken, shown or found stale), by their index: a reload must not show
// or say them again, even when one is still recent (a side switch a second before the reload).
const handledKey = (uid: string) => `smr.cues.${uid}`;
function handledCues(uid: string): number {
  try {
    return Number(sessionStorage.getItem(handledKey(uid)) ?? 0) || 0;
  } catch {
    return 0;
  }
}
function keepHandled(uid: string, next: number): void {
  try {
    sessionStorage.setItem(handledKey(uid), String(next));
  } catch {
    // Private mode: after a reload only the freshness rule applies.
  }
}

type Sheet = null | 'check-in' | 'pain' | 'stop' | 'flags';

export function Player({ uid }: { uid: string }) {
  const [live, setLive] = useState<LiveSession | null>(null);
  const [error, setError] = useState<api.ApiError | null>(null);
  // The clock's text (countdown, breath word, session time) is written straight into these elements by the clock:
  // no render of the page for a tick, only when what is shown changes (shapeOf()).
  const countdownRef = useRef<HTMLDivElement>(null);
  const wordRef = useRef<HTMLSpanElement>(null);
  const sessionRef = useRef<HTMLParagraphElement>(null);
  const shown = useRef('');
  const tickRef = useRef<() => void>(() => undefined);
  // A new render has empty clock elements: fill them before the browser paints.
  useLayoutEffect(() => tickRef.current());
  const [banner, setBanner] = useState('');
  const [voice, setVoice] = useState(loadPrefs().voice);
  const [wakeLockError, setWakeLockError] = useState<string | null>(null); // the screen wake lock was refused
  const [intensity, setIntensity] = useState<number | null>(null);
  const [felt, setFelt] = useState<Quality[]>([]);
  // One sheet at a time. The check-in sheet opens with a fresh check-in cue and stays open until answered or
  // dismissed: an answer after the window, during the next set, is still taken (unprompted).
  const [sheet, setSheet] = useState<Sheet>(null);
  const [autoPaused, setAutoPaused] = useState(false);
  const base = useRef({ at: performance.now(), live: null as LiveSession | null });
  const seen = useRef(new Set<number>()); // cue indexes already handled (spoken, shown or found stale)
  const handled = useRef(handledCues(uid)); // every cue below this index was handled before a reload
  const ball = useRef<HTMLDivElement>(null);
  const fetching = useRef(false);
  const lastFetch = useRef(-Infinity); // performance.now() starts near 0 on a reload
  // Answers are taken in the order their requests were sent: a poll sent before a pause and answered after it
  // would show the session running again (and open a check-in sheet over the Resume button).
  const asked = useRef(0);
  const taken = useRef(0);
  const inOrder = (n: number) => {
    if (n < taken.current) return false;
    taken.current = n;
    return true;
  };
  const [flags, setFlags] = useState<api.RedFlag[]>([]);
  // What the safety gate changed in the plan before it started (POST /api/sessions), shown until read.
  const [changes, setChanges] = useState<api.GateChange[]>(() => storedChanges(uid));
  // The advice of an urgent cue (a red flag): the session has stopped; shown full screen, and it stays.
  const [urgent, setUrgent] = useState('');
  const [exercises] = useApi(api.exercises);
  const [regions] = useApi(api.regions);
  const [tools] = useApi(api.tools);
  const sheetRef = useRef<Sheet>(null);
  sheetRef.current = sheet;
  const answering = useRef(false); // something is chosen in the open check-in sheet
  answering.current = intensity !== null || felt.length > 0;

  const accept = (l: LiveSession) => {
    base.current = { at: performance.now(), live: l };
    const scale = l.time_scale ?? 1;
    for (const c of l.cues ?? []) {
      if (seen.current.has(c.index) || c.index < handled.current) continue;
      seen.current.add(c.index);
      if (c.at_ms < l.at_ms - kFreshMs * scale) continue; // stale: the moment has passed
      if (c.kind === 'inhale' || c.kind === 'exhale' || c.kind === 'pass') continue; // the circle shows those
      if (c.say) speak(c.say);
      if (c.chime || c.kind === 'switch-sides' || c.kind === 'check-in') buzz(c.kind === 'switch-sides' ? [200, 100, 200] : 150);
      if (c.kind === 'switch-sides') {
        setBanner(c.text || 'Switch sides');
        setTimeout(() => setBanner(''), 6000);
      }
      if (c.kind === 'adaptation') setBanner(c.text);
      if (c.kind === 'urgent') {
        setUrgent(c.text);
        // A red flag is now an active warning sign on the server: the stop screen takes over (main.tsx).
        checkWarnings();
      }
      // Not while the page is hidden: the person comes back to the current state, not to a sheet.
      if (c.kind === 'check-in' && l.view.state === 'check-in' && sheetRef.current === null && document.visibilityState !== 'hidden') {
        sheetRef.current = 'check-in';
        setIntensity(null);
        setFelt([]);
        setSheet('check-in');
      }
    }
    if (l.next_cue !== undefined && l.next_cue > handled.current) {
      handled.current = l.next_cue;
      keepHandled(uid, l.next_cue);
    }
    // A check-in sheet left from a window that has closed (and nothing typed in it) goes: the state is current.
    if (sheetRef.current === 'check-in' && !answering.current && l.view.state !== 'check-in' && l.view.state !== 'paused') {
      setSheet((s) => (s === 'check-in' ? null : s));
    }
    if (ended(l)) setSheet(null);
    const shape = shapeOf(l);
    if (shape !== shown.current) {
      shown.current = shape;
      setLive(l);
    }
  };

  const refresh = async () => {
    // At most four a second: when the server's clock is a little behind ours, the segment has not ended yet there.
    if (fetching.current || performance.now() - lastFetch.current < 250) return;
    fetching.current = true;
    lastFetch.current = performance.now();
    // since=next_cue: every cue from the last one this page has, so none is lost between two answers (and the
    // stale ones among them are recognised by their time).
    const n = ++asked.current;
    const r = await api.liveSession(uid, base.current.live?.next_cue);
    fetching.current = false;
    if (!inOrder(n)) return;
    if (r.ok) {
      setError(null);
      accept(r.data);
    } else setError(r.error);
  };

  const send = async (input: SessionInput, keepalive = false) => {
    const n = ++asked.current;
    const r = await api.sendInput(uid, input, keepalive);
    if (r.ok) {
      // A newer answer already shown: this one is older than the state on screen.
      if (inOrder(n)) {
        setError(null);
        accept(r.data);
      }
    } else {
      // 409/422: the engine refused the input here (e.g. resume when not paused); the state is fetched again.
      setError(r.error);
      if (r.error.status === 409 || r.error.status === 422) refresh();
    }
    return r.ok;
  };

  // First answer: the one the plan page kept (first visit only), else the server's current state.
  useEffect(() => {
    const stored = takeStored(uid);
    if (stored) accept(stored);
    else refresh();
    const poll = setInterval(() => base.current.live && !ended(base.current.live) && refresh(), 1000);
    return () => {
      clearInterval(poll);
      hush();
    };
  }, [uid]);

  // Keep the screen on while the session runs; pause when the page is hidden (Settings may turn that off).
  useEffect(() => {
    let lock: WakeLockSentinel | null = null;
    // A reload or leaving the page also hides it; that is not the phone locking, so it does not pause.
    let leaving = false;
    const onLeave = () => (leaving = true);
    const onVisibility = () => {
      const l = base.current.live;
      if (document.visibilityState === 'hidden') {
        if (leaving) return;
        hush();
        sheetRef.current = null;
        setSheet(null); // back, the person sees the current state, not a sheet from before
        const running = l && !ended(l) && l.view.state !== 'paused' && l.view.state !== 'not-started';
        if (running && loadPrefs().pauseWhenHidden) {
          setAutoPaused(true);
          send({ kind: 'pause' }, true);
        }
        return;
      }
      if ('wakeLock' in navigator) {
        navigator.wakeLock.request('screen').then(
          (x) => {
            lock = x;
            setWakeLockError(null);
          },
          (e: unknown) => setWakeLockError(e instanceof Error ? e.message : String(e)),
        );
      }
      lastFetch.current = -Infinity;
      refresh();
    };
    onVisibility();
    document.addEventListener('visibilitychange', onVisibility);
    addEventListener('beforeunload', onLeave);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      removeEventListener('beforeunload', onLeave);
      lock?.release();
    };
  }, []);

  // The local clock: countdown and breathing circle, ten times a second (the circle's CSS transition smooths
  // in between; a frame-rate loop would keep a phone's CPU busy for the whole session).
  useEffect(() => {
    const bpm = loadPrefs().breaths_per_minute; // the pace the session was started with (Plan sends it)
    const tick = () => {
      const l = base.current.live;
      if (!l) return;
      const v = l.view;
      const running = v.state !== 'paused' && !ended(l);
      const scale = l.time_scale ?? 1;
      const passed = running ? (performance.now() - base.current.at) * scale : 0;
      const left = Math.max(0, v.remaining_ms - passed);
      const text = clock(left);
      if (countdownRef.current && countdownRef.current.textContent !== text) {
        countdownRef.current.textContent = text;
        countdownRef.current.setAttribute('aria-label', `${text} left in this phase`);
        if (sessionRef.current) {
          const done = v.session_elapsed_ms + passed;
          sessionRef.current.textContent = `Session: ${clock(done)} done, about ${clock(Math.max(0, v.session_remaining_ms - passed))} to go`;
        }
      }
      if (running && left <= 0) refresh();
      const breathing = v.state === 'hold' || v.state === 'breathe' || v.state === 'get-ready';
      const cycle = 60000 / Math.max(1, bpm);
      // Where in the breath the server's answer was (inhale is the first 40 % of a breath here), then on from there.
      const at = v.breath ? (v.breath.phase === 'inhale' ? 0.4 * v.breath.progress : 0.4 + 0.6 * v.breath.progress) : (v.session_elapsed_ms % cycle) / cycle;
      const t = (at + passed / cycle) % 1;
      let s = 0.45;
      let word = '';
      if (breathing) {
        if (t < 0.4) {
          s = 0.45 + 0.55 * (t / 0.4);
          word = 'Breathe in';
        } else {
          s = 1 - 0.55 * ((t - 0.4) / 0.6);
          word = 'Breathe out';
        }
      }
      if (ball.current) ball.current.style.transform = `scale(${s.toFixed(3)})`;
      if (wordRef.current && wordRef.current.textContent !== word) wordRef.current.textContent = word;
    };
    tickRef.current = tick;
    tick();
    const timer = setInterval(tick, 100);
    return () => clearInterval(timer);
  }, []);

  const openCheckIn = (kind: 'check-in' | 'pain', n: number | null = null) => {
    setIntensity(n);
    setFelt([]);
    setSheet(kind);
  };

  const togglePause = () => {
    const l = base.current.live;
    if (!l || ended(l)) return;
    setAutoPaused(false);
    send({ kind: l.view.state === 'paused' ? 'resume' : 'pause' });
  };

  // Keys: space (pause/resume), 0-9 (how it feels, that number), p (pain). Not while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
      const l = base.current.live;
      if (!l || ended(l)) return;
      const open = sheetRef.current;
      if (/^[0-9]$/.test(e.key) && (open === null || open === 'check-in' || open === 'pain')) {
        e.preventDefault();
        if (open === null) openCheckIn('check-in', Number(e.key));
        else setIntensity(Number(e.key));
      } else if ((e.key === 'p' || e.key === 'P') && open === null) {
        e.preventDefault();
        openCheckIn('pain');
      } else if (e.key === ' ' && open === null) {
        e.preventDefault();
        togglePause();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const byId = useMemo(() => new Map((exercises?.ok ? exercises.data : []).map((x) => [x.id, x] as [string, api.Exercise])), [exercises]);

  if (!live && error) return <ErrorState error={error} what="The session" onRetry={refresh} />;
  if (!live) return <Loading what="the session" />;
  const v = live.view;
  const paused = v.state === 'paused';
  const step = v.step;

  if (urgent) {
    return (
      <section class="stop-screen" aria-labelledby="player-title" data-testid="urgent-screen">
        <h1 id="player-title">Stop now</h1>
        <div class="stop-item" role="alert">
          <p class="stop-advice">{urgent}</p>
        </div>
        {ended(live) && (
          <button type="button" class="wide" onClick={() => go('progress')}>
            The session was stopped and recorded: see your journal
          </button>
        )}
      </section>
    );
  }

  if (ended(live)) return <EndSummary uid={uid} finished={v.state === 'finished'} text={v.text} banner={banner} />;

  const submitCheckIn = async () => {
    if (intensity === null || felt.length === 0) return;
    setSheet(null);
    const answer: SessionInput = felt.length === 1 ? { kind: 'check-in', intensity, quality: felt[0] } : { kind: 'check-in', intensity, qualities: felt };
    await send(answer);
    setIntensity(null);
    setFelt([]);
  };

  const exercise = step ? byId.get(step.exercise) : undefined;
  const shownQualities = sheet === 'pain' ? [...qualities.filter((q) => q.pain), ...qualities.filter((q) => !q.pain)] : qualities;
  const next = v.next;

  return (
    <section class="player" aria-labelledby="player-title">
      <div class="player-main" inert={sheet !== null || undefined}>
        <h1 id="player-title" class="sr-only">
          Session
        </h1>
        {error && <ErrorState error={error} what="The session" onRetry={refresh} />}
        {(live.unsaved ?? 0) > 0 && (
          <p class="alert clearance" role="status" data-testid="unsaved">
            The journal is busy (another program is writing to it): what you record is kept and saved in order as
            soon as it is free. Nothing is lost.
          </p>
        )}
        {changes.length > 0 && (
          <div class="alert clearance safety-changes" role="alert" data-testid="safety-changes">
            <h2>Changed for your safety</h2>
            <p>Your plan was checked against your latest answers before it started:</p>
            <ul>
              {changes.map((c) => (
                <li key={`${c.kind}:${c.step}`} data-kind={c.kind}>
                  {c.message}
                </li>
              ))}
            </ul>
            <button
              type="button"
              class="wide"
              onClick={() => {
                setChanges([]);
                forgetChanges(uid);
              }}
              data-testid="safety-changes-ok"
            >
              Got it
            </button>
          </div>
        )}
        {banner && (
          <div class="switch-banner" role="alert" data-testid="banner">
            {banner}
          </div>
        )}
        {paused && autoPaused && (
          <p class="alert clearance" role="status" data-testid="auto-paused">
            Paused while the screen was off. Tap Resume when you are ready.
          </p>
        )}
        <CapabilityNotice wakeLockError={wakeLockError} />
        <div class="player-grid">
          <div class="player-where">
            <p class="step-count" data-testid="step-count">
              {step ? `Step ${step.index + 1} of ${v.steps}` : `${v.steps} steps`}
              {step && v.set !== null && v.set >= 0 && step.sets > 1 ? ` · set ${v.set + 1} of ${step.sets}` : ''}
            </p>
            {step && (
              <>
                <h2 class="exercise-name" data-testid="exercise-name">
                  {step.exercise_name}
                </h2>
                <p class="step">
                  {step.region_name}
                  {step.side !== 'centre' ? `, ${step.side} side` : ''} · {step.tool_name}
                </p>
                {/* Drawn (empty, the same size) before the catalog has come: nothing moves when it does. */}
                {(
                  <PositionFigure
                    position={exercise?.position ?? ''}
                    region={regions?.ok ? regions.data.find((r) => r.id === step.region) : undefined}
                    regionId={step.region}
                    side={step.side}
                    tool={tools?.ok ? tools.data.find((t) => t.id === step.tool) : undefined}
                    toolId={step.tool}
                    label={step.exercise_name}
                  />
                )}
              </>
            )}
            <p class="next" data-testid="next">
              {next ? `Next: ${next.exercise_name}, ${next.region_name.toLowerCase()}${next.side !== 'centre' ? `, ${next.side} side` : ''}` : 'Next: the end of the session'}
            </p>
          </div>
          <div class="player-now">
            <p class="phase" data-testid="phase">
              {phaseNames[paused ? 'paused' : v.state] ?? v.state}
            </p>
            {/* Filled in ten times a second by the local clock (no children from here, so a render leaves it alone). */}
            <div class="countdown" role="timer" aria-live="off" data-testid="countdown" ref={countdownRef} />
            <p class="instruction" aria-live="polite" data-testid="instruction">
              {v.text}
            </p>
            <div class="breath" aria-hidden="true">
              <div class="ring" />
              <div class="ball" ref={ball} />
              <span class="word" ref={wordRef} />
            </div>
          </div>
        </div>
        <div class="controls">
          <button type="button" onClick={() => send({ kind: 'skip-phase' })} disabled={paused}>
            Skip
          </button>
          <button type="button" onClick={() => send({ kind: 'extend' })} disabled={paused || !(v.state === 'hold' || v.state === 'breathe')}>
            +15 s
          </button>
          <button type="button" onClick={() => send({ kind: 'back' })} disabled={paused}>
            Back
          </button>
          <button type="button" onClick={() => send({ kind: 'skip-step' })} disabled={paused}>
            Next area
          </button>
          <button
            type="button"
            aria-pressed={voice}
            onClick={() => {
              const p = { ...loadPrefs(), voice: !voice };
              savePrefs(p);
              setVoice(p.voice);
              if (!p.voice) hush();
            }}
            disabled={!canSpeak()}
          >
            Voice {voice ? 'on' : 'off'}
          </button>
          <button type="button" class="danger" onClick={() => api.redFlags().then((r) => (setFlags(r.ok ? r.data : []), setSheet('flags')))}>
            Something is wrong
          </button>
        </div>
        <p class="muted" ref={sessionRef} />
        <p class="muted keys">Keys: space pauses, 0 to 9 says how it feels, p reports pain.</p>
      </div>
      <div class="player-bar" inert={sheet !== null || undefined}>
        <button type="button" class="pain" onClick={() => openCheckIn('pain')} data-testid="pain" aria-keyshortcuts="p">
          Pain
        </button>
        <button type="button" class="primary" onClick={togglePause} data-testid="pause" aria-keyshortcuts="Space">
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" class="danger" onClick={() => setSheet('stop')} data-testid="stop">
          Stop
        </button>
      </div>
      {sheet === 'stop' && (
        <Dialog labelledBy="stop-title" describedBy="stop-help" onClose={() => setSheet(null)} testid="stop-confirm" initial="[data-testid=stop-cancel]">
          <h2 id="stop-title">Stop the session?</h2>
          <p id="stop-help">It ends here and is saved in your journal with what you have done so far.</p>
          <button
            type="button"
            class="danger wide"
            data-testid="stop-yes"
            onClick={() => {
              setSheet(null);
              send({ kind: 'stop' });
            }}
          >
            Yes, stop the session
          </button>
          <button type="button" class="wide" onClick={() => setSheet(null)} data-testid="stop-cancel">
            No, keep going
          </button>
        </Dialog>
      )}
      {sheet === 'flags' && (
        <Dialog labelledBy="flags-title" onClose={() => setSheet(null)} testid="flags">
          <h2 id="flags-title">What is happening?</h2>
          <p>If any of these is true, the session stops and you get advice on what to do.</p>
          {flags.map((f) => (
            <button
              type="button"
              class="danger wide"
              key={f.id}
              onClick={() => {
                setSheet(null);
                // The catalog's advice at once, full screen; the server's urgent cue replaces it.
                setUrgent(f.message);
                send({ kind: 'red-flag', red_flag: f.id });
              }}
            >
              {f.question}
            </button>
          ))}
          <p>Sharp, burning, stabbing or numb at the spot you are rolling? Use the Pain button.</p>
          <button type="button" class="wide" onClick={() => setSheet(null)}>
            Back to the session
          </button>
        </Dialog>
      )}
      {(sheet === 'check-in' || sheet === 'pain') && (
        <Dialog labelledBy="checkin-title" describedBy="scale-help" onClose={() => setSheet(null)} testid="checkin">
          <h2 id="checkin-title">{sheet === 'pain' ? 'Pain: how strong, and what is it like?' : 'How does it feel?'}</h2>
          <p id="scale-help">0 is nothing, 10 is the worst you can imagine. Aim for 7 or less.</p>
          <div class="scale" role="group" aria-labelledby="checkin-title scale-help">
            {Array.from({ length: 11 }, (_, n) => (
              <button type="button" key={n} aria-pressed={intensity === n} aria-label={`${n} out of 10`} onClick={() => setIntensity(n)}>
                {n}
              </button>
            ))}
          </div>
          <h3 id="quality-title">What is it like? Choose all that fit.</h3>
          <div class="qualities" role="group" aria-labelledby="quality-title">
            {shownQualities.map((q) => (
              <button
                type="button"
                key={q.id}
                class={q.pain ? 'painful' : ''}
                aria-pressed={felt.includes(q.id)}
                data-quality={q.id}
                onClick={() => setFelt((f) => (f.includes(q.id) ? f.filter((x) => x !== q.id) : [...f, q.id]))}
              >
                {q.label}
              </button>
            ))}
          </div>
          <div class="row">
            <button type="button" onClick={() => setSheet(null)}>
              Not now
            </button>
            <button type="button" class="primary" disabled={intensity === null || felt.length === 0} onClick={submitCheckIn} data-testid="checkin-submit">
              Send
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
