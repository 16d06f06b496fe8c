// The web app's shell: a top bar, the page for the current hash route, a tab bar. The first visit (no
// screening answers on this device, none saved on the server) goes to the onboarding page.
import { render, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from './components/ErrorState';
import './styles.css';
import { getProfile, isSignedOut, isTrainer, isUnpaired, me, onSignedOut, onUnpaired, type ApiError, type Me, type Result } from './api';
import { SignIn } from './components/SignIn';
import { Unpaired } from './components/Unpaired';
import { StopScreen } from './components/StopScreen';
import { loadProfile, saveProfile } from './prefs';
import { go, parse, useRoute } from './router';
import { checkWarnings, stopping, useStopState } from './safety';

// Every page loads when it is first shown, each in its own file: the first screen waits only for the shell and its
// own page (Lighthouse, docs/performance.md "Web app"); uPlot comes with the progress page alone. The pages of a
// session (plan, player) are fetched at the first tap or key, so that Start opens the player at once; the service
// worker (registered when the browser is first idle) keeps every file for offline use.
type Lazy<P> = ComponentType<P> & { preload: () => Promise<ComponentType<P>> };
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>, what: string): Lazy<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        loading = null; // a later visit tries again
        throw e;
      },
    ));
  const Page = (props: P) => {
    const [page, setPage] = useState<{ C: ComponentType<P> | null }>({ C: loaded });
    const [failed, setFailed] = useState<ApiError | null>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (page.C) return;
      preload().then(
        (C) => setPage({ C }),
        () => setFailed({ status: 0, code: 'network', message: 'This page could not be loaded. Check that the SMR Coach server is running and that you are online.', missing: false }),
      );
    }, [attempt]);
    if (page.C) return <page.C {...props} />;
    if (failed) return <ErrorState error={failed} what={`Loading ${what}`} onRetry={() => (setFailed(null), setAttempt((n) => n + 1))} />;
    return <Loading what={what} />;
  };
  return Object.assign(Page, { preload });
}

const Onboarding = lazyPage(() => import('./pages/Onboarding').then((m) => m.Onboarding), 'the safety questions');
const Plan = lazyPage(() => import('./pages/Plan').then((m) => m.Plan), 'the plan');
const Player = lazyPage(() => import('./pages/Player').then((m) => m.Player), 'the session');
const Progress = lazyPage(() => import('./pages/Progress').then((m) => m.Progress), 'your progress');
const SessionDetail = lazyPage(() => import('./pages/SessionDetail').then((m) => m.SessionDetail), 'the session');
const RecordPage = lazyPage(() => import('./pages/Record').then((m) => m.RecordPage), 'the form');
const Learn = lazyPage(() => import('./pages/Learn').then((m) => m.Learn), 'the page');
const ExerciseView = lazyPage(() => import('./pages/ExerciseView').then((m) => m.ExerciseView), 'the exercise');
const Settings = lazyPage(() => import('./pages/Settings').then((m) => m.Settings), 'the settings');
const Pair = lazyPage(() => import('./pages/Pair').then((m) => m.Pair), 'the pairing page');
// Trainers and their clients (accounts mode, docs/accounts.md).
const Invite = lazyPage(() => import('./pages/Invite').then((m) => m.Invite), 'the invitation');
const MyTrainers = lazyPage(() => import('./pages/MyTrainers').then((m) => m.MyTrainers), 'your trainers');
const Clients = lazyPage(() => import('./pages/Clients').then((m) => m.Clients), 'your clients');
const ClientView = lazyPage(() => import('./pages/ClientView').then((m) => m.ClientView), 'the client');
const Templates = lazyPage(() => import('./pages/Templates').then((m) => m.Templates), 'your templates');

// The link a trainer gives (/invite/CODE, as POST /api/invitations answers it; the server answers every page path
// with the app) becomes the hash route #/invite/CODE, which survives signing in (the page reloads).
{
  const invite = /^\/invite\/([^/]+)\/?$/.exec(location.pathname);
  if (invite) history.replaceState(null, '', `/#/invite/${invite[1]}`);
}

// Work that can wait for the first screen: when the browser is idle (or after 2 s at the latest), and on
// browsers without requestIdleCallback a moment after load.
function whenIdle(f: () => void): void {
  const later = () => ('requestIdleCallback' in window ? requestIdleCallback(f, { timeout: 2000 }) : setTimeout(f, 200));
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}

const trainerTab = { page: 'clients', label: 'Clients' }; // shown to trainers only, after Plan
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
  // Who is signed in: a trainer's navigation has their pages too.
  const [who, setWho] = useState<Result<Me> | null>(null);
  useEffect(() => {
    me().then(setWho);
  }, [signedOut]);
  const trainer = isTrainer(who);
  const shown = trainer ? [tabs[0], trainerTab, ...tabs.slice(1)] : tabs;
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
    const titles: Record<string, string> = {
      session: 'Session',
      journal: 'Recorded session',
      record: 'Record',
      exercise: 'Exercise',
      invite: 'Invitation',
      trainers: 'My trainers',
      clients: 'Clients',
      client: 'Client',
      templates: 'Templates',
    };
    const name = stopping(stop) && route.page !== 'settings' ? 'Stop' : (titles[route.page] ?? tab?.label ?? 'Start');
    document.title = `${name} · SMR Coach`;
    window.scrollTo(0, 0);
  }, [route.page, route.arg, stopping(stop)]);

  if (location.pathname === '/pair') return <Pair />;
  if (unpaired) return <Unpaired />;
  // The invitation names the trainer before signing in (GET /api/invitations/{code} is public).
  if (signedOut) return route.page === 'invite' ? <Invite code={route.arg} signedOut /> : <SignIn />;
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
      page = <Progress />;
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
    case 'invite': // #/invite/<code>: a trainer's invitation (from the link /invite/<code>)
      page = <Invite code={route.arg} signedOut={false} key={route.arg} />;
      break;
    case 'trainers': // the person's trainers, what each sees, and routines from them
      page = <MyTrainers />;
      break;
    case 'clients': // a trainer's dashboard and invitation link
      page = <Clients />;
      break;
    case 'client': // #/client/<id>: one client's progress, as far as shared
      page = <ClientView id={route.arg} key={route.arg} />;
      break;
    case 'templates':
      page = <Templates />;
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
        <nav class={shown.length > 5 ? 'tabs six' : 'tabs'} aria-label="Pages">
          {shown.map((t) => (
            <a
              key={t.page}
              href={`#/${t.page}`}
              aria-current={
                route.page === t.page
                  ? 'page'
                  : (t.page === 'progress' && (route.page === 'journal' || route.page === 'record')) ||
                      (t.page === 'learn' && route.page === 'exercise') ||
                      (t.page === 'clients' && (route.page === 'client' || route.page === 'templates')) ||
                      (t.page === 'settings' && route.page === 'trainers')
                    ? 'true'
                    : undefined
              }
            >
              {t.label}
            </a>
          ))}
        </nav>
      )}
    </>
  );
}

// The first screen's page is asked for now, beside the first render, not after it.
{
  const first = parse(location.hash).page || (loadProfile() ? 'plan' : 'onboarding');
  const firstPages: Record<string, { preload: () => Promise<unknown> }> = {
    onboarding: Onboarding,
    plan: Plan,
    session: Player,
    progress: Progress,
    journal: SessionDetail,
    record: RecordPage,
    learn: Learn,
    exercise: ExerciseView,
    settings: Settings,
    invite: Invite,
    trainers: MyTrainers,
    clients: Clients,
    client: ClientView,
    templates: Templates,
  };
  (location.pathname === '/pair' ? Pair : firstPages[first])?.preload().catch(() => undefined);
}
render(<App />, document.getElementById('app')!);

whenIdle(() => {
  if ('serviceWorker' in navigator && import.meta.env.PROD) navigator.serviceWorker.register('/sw.js').catch(() => undefined);
});
// The pages of a session are fetched at the first tap or key (a person on their way to Start), not while the first
// screen loads.
const soon = () => {
  Plan.preload().catch(() => undefined);
  Player.preload().catch(() => undefined);
};
addEventListener('pointerdown', soon, { once: true, passive: true });
addEventListener('keydown', soon, { once: true, passive: true });
