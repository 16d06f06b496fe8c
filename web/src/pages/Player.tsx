// The session player. The server runs the session engine; the page counts down locally from the last answer
// (times the server's time scale), asks the server again when a segment should have ended, and every second
// for new cues. Big countdown, phase, breathing circle, spoken cues, vibration, screen wake lock, check-in sheet.
import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import type { LiveSession, Quality, SessionInput } from '../api';
import { ErrorState, Loading } from '../components/ErrorState';
import { loadPrefs, savePrefs } from '../prefs';
import { go } from '../router';
import { checkWarnings } from '../safety';
import { qualities } from '../quality';
import { buzz, canSpeak, hush, speak } from '../speech';

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

function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const ended = (l: LiveSession) => l.view.state === 'finished' || l.view.state === 'stopped';

function readStored(uid: string): api.StartedSession | null {
  try {
    const s = sessionStorage.getItem(`smr.live.${uid}`);
    return s ? (JSON.parse(s) as api.StartedSession) : null;
  } catch {
    return null;
  }
}

export function Player({ uid }: { uid: string }) {
  const [live, setLive] = useState<LiveSession | null>(() => readStored(uid));
  const [error, setError] = useState<api.ApiError | null>(null);
  const [remaining, setRemaining] = useState(0);
  const [breathWord, setBreathWord] = useState('');
  const [banner, setBanner] = useState('');
  const [voice, setVoice] = useState(loadPrefs().voice);
  const [intensity, setIntensity] = useState<number | null>(null);
  const [quality, setQuality] = useState<Quality | null>(null);
  // The check-in sheet opens with the engine's check-in cue and stays open until answered or dismissed: the
  // window is short (check_in_s), and an answer after it, during the next set, is still taken (unprompted).
  const [checkInOpen, setCheckInOpen] = useState(false);
  const base = useRef({ at: performance.now(), live: null as LiveSession | null });
  const seen = useRef(new Set<number>()); // cue indexes already spoken/shown
  const ball = useRef<HTMLDivElement>(null);
  const fetching = useRef(false);
  const lastFetch = useRef(0);
  const [flags, setFlags] = useState<api.RedFlag[] | null>(null);
  // What the safety gate changed in the plan before it started (POST /api/sessions), shown until read.
  const [changes, setChanges] = useState<api.GateChange[]>(() => readStored(uid)?.safety_changes ?? []);
  // The advice of an urgent cue (a red flag): the session has stopped; shown full screen, and it stays.
  const [urgent, setUrgent] = useState('');

  const accept = (l: LiveSession) => {
    base.current = { at: performance.now(), live: l };
    for (const c of l.cues ?? []) {
      if (seen.current.has(c.index)) continue;
      seen.current.add(c.index);
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
      if (c.kind === 'check-in') setCheckInOpen(true);
    }
    setLive(l);
  };

  const refresh = async () => {
    // At most four a second: when the server's clock is a little behind ours, the segment has not ended yet there.
    if (fetching.current || performance.now() - lastFetch.current < 250) return;
    fetching.current = true;
    lastFetch.current = performance.now();
    // since=next_cue: every cue from the last one this page has, so none is lost between two answers.
    const r = await api.liveSession(uid, base.current.live?.next_cue);
    fetching.current = false;
    if (r.ok) {
      setError(null);
      accept(r.data);
    } else setError(r.error);
  };

  const send = async (input: SessionInput) => {
    const r = await api.sendInput(uid, input);
    if (r.ok) {
      setError(null);
      accept(r.data);
    } else {
      // 409/422: the engine refused the input here (e.g. resume when not paused); the state is fetched again.
      setError(r.error);
      if (r.error.status === 409 || r.error.status === 422) refresh();
    }
  };

  // First answer: the one the plan page kept, else ask the server.
  useEffect(() => {
    const stored = readStored(uid);
    if (stored) accept(stored);
    else refresh();
    const poll = setInterval(() => base.current.live && !ended(base.current.live) && refresh(), 1000);
    return () => {
      clearInterval(poll);
      hush();
    };
  }, [uid]);

  // Keep the screen on while the session runs.
  useEffect(() => {
    let lock: WakeLockSentinel | null = null;
    const request = () => {
      if (document.visibilityState === 'visible' && 'wakeLock' in navigator)
        navigator.wakeLock.request('screen').then((l) => (lock = l), () => undefined);
    };
    request();
    document.addEventListener('visibilitychange', request);
    return () => {
      document.removeEventListener('visibilitychange', request);
      lock?.release();
    };
  }, []);

  // The local clock: countdown and breathing circle, every frame.
  useEffect(() => {
    let frame = 0;
    const tick = () => {
      frame = requestAnimationFrame(tick);
      const l = base.current.live;
      if (!l) return;
      const v = l.view;
      const running = v.state !== 'paused' && !ended(l);
      const scale = l.time_scale ?? 1;
      const passed = running ? (performance.now() - base.current.at) * scale : 0;
      const left = Math.max(0, v.remaining_ms - passed);
      setRemaining(Math.ceil(left / 1000) * 1000); // whole seconds: one render a second, not one a frame
      if (running && left <= 0) refresh();
      const bpm = loadPrefs().breaths_per_minute; // the pace the session was started with (Plan sends it)
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
      setBreathWord(word);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, []);

  if (!live && error) return <ErrorState error={error} what="The session" onRetry={refresh} />;
  if (!live) return <Loading what="the session" />;
  const v = live.view;
  const paused = v.state === 'paused';
  const inCheckIn = checkInOpen;
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

  if (ended(live)) {
    return (
      <section class="player" aria-labelledby="player-title">
        <h1 id="player-title">{v.state === 'finished' ? 'Session done' : 'Session stopped'}</h1>
        {banner && (
          <div class="alert stop" role="alert">
            {banner}
          </div>
        )}
        <p>{v.text}</p>
        <button type="button" class="primary wide" onClick={() => go('progress')}>
          See your progress
        </button>
      </section>
    );
  }

  const submitCheckIn = async () => {
    if (intensity === null || quality === null) return;
    setCheckInOpen(false);
    await send({ kind: 'check-in', intensity, quality });
    setIntensity(null);
    setQuality(null);
  };

  return (
    <section class="player" aria-labelledby="player-title">
      <h1 id="player-title" class="sr-only">
        Session
      </h1>
      {error && <ErrorState error={error} what="The session" onRetry={refresh} />}
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
          <button type="button" class="wide" onClick={() => setChanges([])} data-testid="safety-changes-ok">
            Got it
          </button>
        </div>
      )}
      {banner && (
        <div class="switch-banner" role="alert" data-testid="banner">
          {banner}
        </div>
      )}
      <p class="phase" data-testid="phase">
        {phaseNames[paused ? 'paused' : v.state] ?? v.state}
      </p>
      {step && (
        <p class="step">
          {step.region_name}
          {step.side !== 'centre' ? `, ${step.side} side` : ''} · {step.tool_name}
          {v.set !== null && v.set >= 0 && step.sets > 1 ? ` · set ${v.set + 1} of ${step.sets}` : ''}
        </p>
      )}
      <div class="countdown" role="timer" aria-live="off" aria-label={`${clock(remaining)} left in this phase`} data-testid="countdown">
        {clock(remaining)}
      </div>
      <div class="breath" aria-hidden="true">
        <div class="ring" />
        <div class="ball" ref={ball} />
        <span class="word">{breathWord}</span>
      </div>
      <p aria-live="polite">{v.text}</p>
      <div class="controls">
        <button type="button" class="primary" onClick={() => send({ kind: paused ? 'resume' : 'pause' })} data-testid="pause">
          {paused ? 'Resume' : 'Pause'}
        </button>
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
        <button type="button" class="danger" onClick={() => send({ kind: 'stop' })}>
          Stop
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => api.redFlags().then((r) => setFlags(r.ok ? r.data : []))}
        >
          Something is wrong
        </button>
      </div>
      <p class="muted">
        Session: {clock(v.session_elapsed_ms)} done, about {clock(v.session_remaining_ms)} to go
      </p>
      {flags && (
        <div class="sheet-backdrop">
          <div class="sheet" role="dialog" aria-modal="true" aria-labelledby="flags-title">
            <h2 id="flags-title">What is happening?</h2>
            <p>If any of these is true, the session stops and you get advice on what to do.</p>
            {flags.map((f) => (
              <button
                type="button"
                class="danger wide"
                key={f.id}
                onClick={() => {
                  setFlags(null);
                  // The catalog's advice at once, full screen; the server's urgent cue replaces it.
                  setUrgent(f.message);
                  send({ kind: 'red-flag', red_flag: f.id });
                }}
              >
                {f.question}
              </button>
            ))}
            <p>Sharp, burning, stabbing or numb at the spot you are rolling? Stop rolling there and say so at the next check-in.</p>
            <button type="button" class="wide" onClick={() => setFlags(null)}>
              Back to the session
            </button>
          </div>
        </div>
      )}
      {inCheckIn && (
        <div class="sheet-backdrop">
          <div class="sheet" role="dialog" aria-modal="true" aria-labelledby="checkin-title" data-testid="checkin">
            <h2 id="checkin-title">How does it feel?</h2>
            <p id="scale-help">0 is nothing, 10 is the worst you can imagine. Aim for 7 or less.</p>
            <div class="scale" role="group" aria-labelledby="checkin-title scale-help">
              {Array.from({ length: 11 }, (_, n) => (
                <button type="button" key={n} aria-pressed={intensity === n} aria-label={`${n} out of 10`} onClick={() => setIntensity(n)}>
                  {n}
                </button>
              ))}
            </div>
            <h3 id="quality-title">What is it like?</h3>
            <div class="qualities" role="group" aria-labelledby="quality-title">
              {qualities.map((q) => (
                <button type="button" key={q.id} class={q.pain ? 'painful' : ''} aria-pressed={quality === q.id} onClick={() => setQuality(q.id)}>
                  {q.label}
                </button>
              ))}
            </div>
            <div class="row">
              <button type="button" onClick={() => setCheckInOpen(false)}>
                Not now
              </button>
              <button type="button" class="primary" disabled={intensity === null || quality === null} onClick={submitCheckIn} data-testid="checkin-submit">
                Send
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
