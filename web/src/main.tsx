// The web app's shell: a top bar, the page for the current hash route, a tab bar. The first visit (no
// screening answers on this device, none saved on the server) goes to the onboarding page.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from './components/ErrorState';
import './styles.css';
import { ExerciseView } from './pages/ExerciseView';
import { Learn } from './pages/Learn';
import { Onboarding } from './pages/Onboarding';
import { Plan } from './pages/Plan';
import { Player } from './pages/Player';
import { RecordPage } from './pages/Record';
import { SessionDetail } from './pages/SessionDetail';
import { Settings } from './pages/Settings';
import { getProfile, isSignedOut, isUnpaired, onSignedOut, onUnpaired } from './api';
import { SignIn } from './components/SignIn';
import { Unpaired } from './components/Unpaired';
import { Pair } from './pages/Pair';
import { StopScreen } from './components/StopScreen';
import { loadProfile, saveProfile } from './prefs';
import { go, useRoute } from './router';
import { checkWarnings, stopping, useStopState } from './safety';

// The progress page (and uPlot with it, a third of the app's code) loads when it is first opened: the first
// visit and the session player do not wait for it (Lighthouse, docs/performance.md "Web app").
let progressModule: Promise<typeof import('./pages/Progress')> | null = null;
function LazyProgress() {
  const [mod, setMod] = useState<typeof import('./pages/Progress') | null>(null);
  useEffect(() => {
    progressModule ??= import('./pages/Progress');
    progressModule.then(setMod, () => (progressModule = null));
  }, []);
  return mod ? <mod.Progress /> : <Loading what="your progress" />;
}

const tabs = [
  { page: 'plan', label: 'Plan' },
  { page: 'progress', label: 'Progress' },
  { page: 'learn', label: 'Learn' },
  { page: 'settings', label: 'Settings' },
  { page: 'onboarding', label: 'Safety' },
];

function App() {
  const route = useRoute();
  const stop = useStopState();
  // A device that is not paired (docs/pairing.md): every API call is answered 401 "unpaired".
  const [unpaired, setUnpaired] = useState(isUnpaired());
  useEffect(() => onUnpaired(() => setUnpaired(true)), []);
  // Accounts mode (docs/accounts.md): any call answered 401 "signed_out" shows the sign-in page.
  const [signedOut, setSignedOut] = useState(isSignedOut());
  useEffect(() => onSignedOut(setSignedOut), []);
  // An active warning sign (reported in a session, answered in screening) is checked once at start.
  useEffect(() => {
    checkWarnings();
  }, []);
  useEffect(() => {
    if (route.page || location.pathname === '/pair') return;
    if (loadProfile()) return go('plan');
    // A new device: the server may have answers from another one (or from `smr screen`).
    getProfile().then((r) => {
      if (r.ok && (r.data.updated_ms ?? 0) > 0) {
        saveProfile(r.data);
        go('plan');
      } else go('onboarding');
    });
  }, [route.page]);
  useEffect(() => {
    // Each page names itself; the title tells screen readers and the history which page this is.
    const tab = tabs.find((t) => t.page === route.page);
    const titles: Record<string, string> = { session: 'Session', journal: 'Recorded session', record: 'Record', exercise: 'Exercise' };
    const name = stopping(stop) && route.page !== 'settings' ? 'Stop' : (titles[route.page] ?? tab?.label ?? 'Start');
    document.title = `${name} · SMR Coach`;
    window.scrollTo(0, 0);
  }, [route.page, route.arg, stopping(stop)]);

  if (location.pathname === '/pair') return <Pair />;
  if (unpaired) return <Unpaired />;
  if (signedOut) return <SignIn />;
  // While a warning sign is active the stop screen is all there is (Settings stays reachable for the
  // emergency number).
  if (stopping(stop) && route.page !== 'settings') return <StopScreen state={stop} />;

  let page;
  switch (route.page) {
    case 'plan':
      page = <Plan />;
      break;
    case 'session':
      page = <Player uid={route.arg} key={route.arg} />;
      break;
    case 'progress':
      page = <LazyProgress />;
      break;
    case 'journal': // #/journal/<uid>: one recorded session in full
      page = <SessionDetail uid={route.arg} key={route.arg} />;
      break;
    case 'record': // #/record/<self-test|soreness|workout>
      page = <RecordPage kind={route.arg} key={route.arg} />;
      break;
    case 'learn': // #/learn, #/learn/<topic, technique or region id>
      page = <Learn id={route.arg} />;
      break;
    case 'exercise': // #/exercise/<id>: one exercise, with links into Learn
      page = <ExerciseView id={route.arg} key={route.arg} />;
      break;
    case 'settings':
      page = <Settings />;
      break;
    default:
      page = <Onboarding />;
  }
  return (
    <>
      <div class="shell">
        <header class="top">
          <a class="brand" href="#/plan">
            SMR Coach
          </a>
        </header>
        <main>{page}</main>
        <footer>
          <p class="disclaimer">SMR Coach gives general guidance, not medical advice. Stop if something hurts sharply, burns, stings or goes numb.</p>
        </footer>
      </div>
      {route.page !== 'session' && (
        <nav class="tabs" aria-label="Pages">
          {tabs.map((t) => (
            <a key={t.page} href={`#/${t.page}`} aria-current={route.page === t.page ? 'page' : (t.page === 'progress' && (route.page === 'journal' || route.page === 'record')) || (t.page === 'learn' && route.page === 'exercise') ? 'true' : undefined}>
              {t.label}
            </a>
          ))}
        </nav>
      )}
    </>
  );
}

render(<App />, document.getElementById('app')!);

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
