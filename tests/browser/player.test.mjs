// Browser test of the phone player (issue 10, items 3 and 5; issue 11, item 13): the real `smr serve`
// (--test-time-scale 10, a fresh SQLite journal), Debian's chromium headless, at 390 x 844, 320 x 568 and
// 844 x 390 (landscape). At each size, one live session:
//   - "step n of m", what comes next, the exercise's name and its position picture; the control bar (pain,
//     pause, stop) on screen; the instruction at least 24 px; nothing sticking out sideways; axe-core;
//   - space pauses, the check-in dialog takes the focus, keeps Tab inside and closes on Esc (focus back);
//   - a reload mid-session speaks nothing stale (speechSynthesis is recorded), shows no old sheet or banner;
//   - the page hidden pauses the session (on the server), and one tap resumes it;
//   - pain reported mid-hold with two qualities (keys p and 8): recorded, the lead quality judged, the other kept;
//   - Stop asks first ("No" keeps going), then the end summary: time per area, the check-in, the change, a link
//     to the journal entry; "Do this again" (first size only) starts the same routine anew.
// Then the position picture of every exercise in the catalog, to test-artifacts/browser/positions/<id>.png,
// each with a known pose, its body part and the tool drawn, and the region marked on the inset map.
//
//   node tests/browser/player.test.mjs SMR_BINARY
//
// Environment: SMR_CHROMIUM (default /usr/bin/chromium), SMR_ARTIFACTS_DIR (default test-artifacts/browser).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, artifactsDir, axe, check, chromiumPath, finish, startServer } from './harness.mjs';

const artifacts = artifactsDir();
const positions = artifactsDir('positions');
const args = process.argv.slice(2);
if (args.length !== 1) {
  console.error('usage: node player.test.mjs SMR_BINARY');
  process.exit(2);
}

const SCALE = 10; // session ms per real ms
const FRESH_MS = 3000; // a cue due more than this (real time) before the reload is stale
const viewports = [
  { name: '390x844', width: 390, height: 844 },
  { name: '320x568', width: 320, height: 568 },
  { name: '844x390', width: 844, height: 390 },
];

// speechSynthesis recorded instead of spoken: every utterance with the time (performance.now()) it was asked for.
function recordSpeech() {
  window.__spoken = [];
  const fake = {
    speak: (u) => window.__spoken.push({ text: u.text, t: performance.now() }),
    cancel: () => undefined,
    getVoices: () => [],
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
  // As after the tap that started the session (the browser speaks only then), also after a reload here: so the
  // test sees what the player itself decides to speak.
  Object.defineProperty(navigator, 'userActivation', { value: { hasBeenActive: true, isActive: true }, configurable: true });
}

function setVisibility(state) {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  Object.defineProperty(document, 'hidden', { value: state === 'hidden', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

// Starts a session as the plan page does: POST /api/sessions, the answer kept for the player, then
// #/session/<uid>. Resolves to its uid.
async function startSession(page, base, routine) {
  await page.goto(`${base}/#/progress`);
  return page.evaluate(async (r) => {
    const res = await fetch('/api/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ routine: r, settings: { check_in_s: 20 } }) });
    const started = await res.json();
    sessionStorage.setItem(`smr.live.${started.uid}`, JSON.stringify(started));
    location.hash = `#/session/${started.uid}`;
    return started.uid;
  }, routine);
}

// phaseIs(re, timeout): the player's phase line matches `re` within `timeout` ms.
const phaseOf = (page) => (re, timeout = 30000) => page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="phase"]')?.textContent ?? ''), re.source, { timeout, polling: 50 }).then(() => true, () => false);

let server = null;
let browser = null;
try {
  server = await startServer(args[0], { scale: SCALE, prefix: 'smr-player-' });
  const base = server.url;
  const json = api(base);
  const profile = await json('PUT', '/api/profile', { experience: 'new', tools: ['foam-roller-medium', 'therapy-ball-medium'] });
  check(profile.status === 200, `the screening is saved (PUT /api/profile ${profile.status})`);
  const plan = await json('POST', '/api/plan', { goal: 'daily-mobility', minutes: 10 });
  check(plan.status === 200 && plan.body.steps.length >= 2, `a 10-minute plan (POST /api/plan ${plan.status}, ${plan.body?.steps?.length ?? JSON.stringify(plan.body)} steps)`);
  const routine = plan.body;
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'] });

  // The three sizes and the pictures side by side (each its own browser context and session): the session
  // clock, not the machine, sets the pace, so this keeps the run short.
  const playAt = async (vp, vi) => {
    const tag = (what) => `${vp.name}: ${what}`;
    try {
      await play(vp, vi, tag);
    } catch (e) {
      check(false, tag(`the flow ran to the end (${e && e.stack ? e.stack : e})`));
    }
  };
  const play = async (vp, vi, tag) => {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, deviceScaleFactor: 1, hasTouch: true });
    await context.addInitScript(recordSpeech);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // Every session answer the page received, with the real time it came (for the stale-cue check).
    const answers = [];
    page.on('response', async (r) => {
      if (!/\/api\/sessions\/[0-9a-f]{32}\/(live|inputs)/.test(r.url()) && !(r.url().endsWith('/api/sessions') && r.request().method() === 'POST')) return;
      const body = await r.json().catch(() => null);
      if (body && body.view) answers.push({ at: Date.now(), body, input: r.request().postDataJSON?.() ?? null, status: r.status() });
    });

    const uid = await startSession(page, base, routine);
    const phase = page.getByTestId('phase');
    await phase.waitFor({ timeout: 10000 });
    const phaseIs = phaseOf(page);

    // Where the person is: step n of m, next, the exercise and its picture.
    check(await phaseIs(/Get into position|Find a tender spot|Hold|Pin and move|Roll/), tag('the session moves into its first step'));
    const count = await page.getByTestId('step-count').innerText();
    // At ten times the speed a loaded machine may already be in the second step: n is where the session is.
    const nm = /^Step (\d+) of (\d+)/.exec(count);
    check(!!nm && Number(nm[2]) === routine.steps.length && Number(nm[1]) >= 1 && Number(nm[1]) <= routine.steps.length,
      tag(`"${count}" (step n of m)`));
    check(/^Next: /.test(await page.getByTestId('next').innerText()), tag('what comes next is shown'));
    check((await page.getByTestId('exercise-name').innerText()).length > 3, tag('the exercise\'s name is shown'));
    const figure = page.locator('.player [data-testid="position-figure"]');
    // Drawn empty until the catalog has come (GET /api/catalog/exercises, lazily): then with its pose.
    const drawn = await page.waitForFunction(() => {
      const f = document.querySelectorAll('.player [data-testid="position-figure"]');
      return f.length === 1 && f[0].getAttribute('data-pose') && f[0].getAttribute('data-pose') !== 'unknown';
    }, null, { timeout: 15000, polling: 100 }).then(() => true, () => false);
    check(drawn, tag(`the position picture is shown (${await figure.count()} figure, pose ${await figure.first().getAttribute('data-pose').catch(() => null)})`));
    const spoken0 = await page.evaluate(() => window.__spoken.length);
    check(spoken0 > 0, tag(`the first cues are spoken (${spoken0})`));
    await page.screenshot({ path: join(artifacts, `player-${vp.name}-running.png`) });
    await axe(page, tag('player'));
    // The controls stay on screen; the instruction is large; nothing sticks out sideways.
    for (const id of ['pain', 'pause', 'stop']) {
      const b = await page.getByTestId(id).boundingBox();
      check(b && b.y >= 0 && b.y + b.height <= vp.height && b.x >= 0 && b.x + b.width <= vp.width && b.height >= 48,
            tag(`the ${id} button is on screen and large (${b && `${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}x${Math.round(b.height)}`})`));
    }
    const px = await page.getByTestId('instruction').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    check(px >= 24, tag(`the instruction is at least 24 px (${px} px)`));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= vp.width, tag(`nothing sticks out sideways (${wide} px)`));

    // Space pauses; the check-in dialog (key p) takes the focus, keeps Tab inside, closes on Esc. (Not during a
    // check-in window: its sheet has the keys then.)
    // A check-in window may open its sheet at any moment at 10x: then Esc, and space again.
    const spaceUntil = async (re) => {
      for (let i = 0; i < 3; ++i) {
        if (await page.getByTestId('checkin').count()) await page.keyboard.press('Escape');
        await page.keyboard.press('Space');
        if (await phaseIs(re, 3000)) return true;
      }
      return false;
    };
    await phaseIs(/Find a tender spot|Hold|Pin and move|Roll/);
    check(await spaceUntil(/^Paused$/), tag('space pauses'));
    await page.getByTestId('pain').focus();
    await page.keyboard.press('p');
    const dialog = page.getByTestId('checkin');
    await dialog.waitFor({ timeout: 5000 });
    const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
    check(await inDialog(), tag('the check-in dialog takes the focus'));
    let trapped = true;
    for (let i = 0; i < 24; ++i) {
      await page.keyboard.press('Tab');
      trapped = trapped && (await inDialog());
    }
    for (let i = 0; i < 6; ++i) {
      await page.keyboard.press('Shift+Tab');
      trapped = trapped && (await inDialog());
    }
    check(trapped, tag('Tab and Shift+Tab stay inside the dialog'));
    const behind = await page.evaluate(() => document.querySelector('.player-main')?.inert === true && document.querySelector('.player-bar')?.inert === true);
    check(behind, tag('the controls behind the dialog are inert'));
    await page.screenshot({ path: join(artifacts, `player-${vp.name}-pain-sheet.png`) });
    await axe(page, tag('pain sheet'));
    await page.keyboard.press('Escape');
    check(await dialog.count() === 0, tag('Esc closes the dialog'));
    const back = await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'pain', null, { timeout: 2000 }).then(() => true, () => false);
    check(back, tag('the focus goes back to the Pain button'));
    check(await spaceUntil(/Get into position|Find a tender spot|Hold|Pin and move|Roll|How does it feel/), tag('space resumes'));

    // A reload mid-session: nothing stale spoken, no old sheet or banner.
    await page.waitForTimeout(1500);
    const last = answers[answers.length - 1];
    // The cues the page itself took in before the reload (it keeps that mark in sessionStorage, Player.tsx). Not
    // the network's answers: a poll in flight when the page unloads is delivered but never shown, so showing its
    // cue after the reload (when it is still fresh) is right, not stale.
    const delivered = await page.evaluate((u) => Number(sessionStorage.getItem(`smr.cues.${u}`) ?? 0), uid);
    const reloadedAt = Date.now();
    const sessionAtReload = last.body.at_ms + (reloadedAt - last.at) * SCALE;
    const afterReload = answers.length;
    await page.reload();
    if (!(await phase.waitFor({ timeout: 10000 }).then(() => true, () => false))) {
      await page.screenshot({ path: join(artifacts, `player-${vp.name}-reload-failed.png`) });
      throw new Error(`after a reload the player does not come back: ${(await page.locator('main').innerText().catch(() => '')).slice(0, 300)}`);
    }
    await page.waitForTimeout(1200);
    const spoken = await page.evaluate(() => window.__spoken.map((s) => s.text));
    // The answer that brought the last of them may still be on its way into `answers` (its body is read
    // asynchronously by the listener above): let it arrive before comparing.
    await page.waitForTimeout(500);
    const newCues = answers.slice(afterReload).flatMap((a) => a.body.cues ?? []);
    const stale = spoken.filter((text) => !newCues.some((c) => c.say === text && c.index >= delivered && c.at_ms >= sessionAtReload - FRESH_MS * SCALE));
    check(stale.length === 0, tag(`a reload speaks nothing stale (spoken after it: ${JSON.stringify(spoken)}${stale.length ? `; stale: ${JSON.stringify(stale)}` : ''})`));
    const state = answers[answers.length - 1]?.body.view.state;
    // The banner shown now, if any (innerText() alone would wait for one to come).
    const banner = (await page.getByTestId('banner').count()) ? await page.getByTestId('banner').innerText({ timeout: 1000 }).catch(() => null) : null;
    const freshBanner = banner === null || answers.slice(afterReload).flatMap((a) => a.body.cues ?? []).some((c) => c.index >= delivered && c.text === banner);
    check(freshBanner, tag(`no old banner after the reload${banner ? ` (shown: ${banner})` : ''}`));
    // The sheet and the phase line come from one answer (one render): a sheet is there only in a check-in window.
    const sheetNow = await page.evaluate(() => ({ sheet: !!document.querySelector('[data-testid="checkin"]'), phase: document.querySelector('[data-testid="phase"]')?.textContent ?? '' }));
    check(!sheetNow.sheet || /How does it feel/.test(sheetNow.phase), tag(`no old check-in sheet after the reload (state ${state}, phase "${sheetNow.phase}")`));

    // The page hidden (the phone locks): paused on the server; back, one tap resumes.
    await page.evaluate(setVisibility, 'hidden');
    let paused = false;
    for (let i = 0; i < 40 && !paused; ++i) {
      await page.waitForTimeout(100);
      paused = (await json('GET', `/api/sessions/${uid}/live`)).body?.view?.state === 'paused';
    }
    check(paused, tag('the page hidden pauses the session'));
    await page.evaluate(setVisibility, 'visible');
    await page.getByTestId('auto-paused').waitFor({ timeout: 5000 }).catch(() => undefined);
    check(await page.getByTestId('auto-paused').count() === 1 && (await page.getByTestId('pause').innerText()) === 'Resume', tag('back, the player says it paused and offers Resume'));
    await page.screenshot({ path: join(artifacts, `player-${vp.name}-paused.png`) });
    await page.getByTestId('pause').click();
    check(await phaseIs(/Get into position|Find a tender spot|Hold|Pin and move|Roll|How does it feel/, 10000), tag('one tap resumes'));

    // Pain mid-hold, two qualities: keys p and 8, then sharp and burning.
    let painAnswer = null;
    for (let attempt = 0; attempt < 4 && !painAnswer; ++attempt) {
      if (!(await phaseIs(/^Hold and breathe$/, 40000))) break;
      // +15 s twice, as a person who wants to stay longer would: time to answer within this hold.
      await page.getByRole('button', { name: '+15 s' }).click();
      await page.getByRole('button', { name: '+15 s' }).click();
      await page.keyboard.press('p');
      await dialog.waitFor({ timeout: 3000 });
      await page.keyboard.press('8');
      await dialog.locator('[data-quality="sharp"]').click();
      await dialog.locator('[data-quality="burning"]').click();
      const res = page.waitForResponse((r) => r.url().endsWith('/inputs') && r.request().postDataJSON()?.kind === 'check-in');
      await page.getByTestId('checkin-submit').click();
      const r = await res;
      const body = await r.json();
      const stored = (await json('GET', `/api/sessions/${uid}`)).body;
      const at = stored.events.findLastIndex((e) => e.kind === 'checked-in');
      const during = at >= 0 ? JSON.parse(stored.events.slice(0, at).findLast((e) => e.kind === 'phase-started').data_json).phase : null;
      if (r.status() === 200 && during === 'hold') painAnswer = body;
      else console.log(`     pain ${r.status() === 200 ? `taken during ${during}` : `refused (${body.refusal})`}, again at the next hold`);
    }
    if (check(painAnswer !== null, tag('pain reported mid-hold is taken'))) {
      const stored = (await json('GET', `/api/sessions/${uid}`)).body;
      const ci = stored.check_ins[stored.check_ins.length - 1];
      check(ci.intensity === 8 && ci.quality === 'sharp', tag(`the check-in is 8, sharp (${ci.intensity}, ${ci.quality})`));
      const events = stored.events;
      const at = events.findLastIndex((e) => e.kind === 'checked-in');
      const data = JSON.parse(events[at].data_json);
      check(JSON.stringify(data.also_felt) === '["burning"]', tag(`the other quality is kept (also_felt ${JSON.stringify(data.also_felt)})`));
      const phaseBefore = events.slice(0, at).findLast((e) => e.kind === 'phase-started');
      check(JSON.parse(phaseBefore.data_json).phase === 'hold', tag('it was reported during a hold'));
      check((painAnswer.cues ?? []).some((c) => c.kind === 'adaptation'), tag('pain adapts the session'));
    }

    // Stop asks first.
    await page.getByTestId('checkin').waitFor({ state: 'detached', timeout: 3000 }).catch(() => undefined);
    if (await page.getByTestId('checkin').count()) await page.keyboard.press('Escape');
    await page.getByTestId('stop').click();
    const confirm = page.getByTestId('stop-confirm');
    check(await confirm.waitFor({ timeout: 3000 }).then(() => true, () => false), tag('Stop asks for confirmation'));
    check(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')) === 'stop-cancel', tag('the confirmation focuses "No, keep going"'));
    await page.screenshot({ path: join(artifacts, `player-${vp.name}-stop-confirm.png`) });
    await page.getByTestId('stop-cancel').click();
    const still = (await json('GET', `/api/sessions/${uid}/live`)).body?.view?.state;
    check(still !== 'stopped' && still !== 'finished', tag(`"No" keeps the session going (${still})`));
    await page.getByTestId('stop').click();
    await page.getByTestId('stop-yes').click();
    const summary = page.getByTestId('end-summary');
    if (check(await summary.waitFor({ timeout: 10000 }).then(() => true, () => false), tag('the end summary is shown'))) {
      await page.getByTestId('summary-journal').waitFor({ timeout: 10000 });
      check(await page.locator('[data-testid="summary-regions"] li').count() >= 1, tag('it gives the time per area'));
      check(/8\/10, sharp/.test(await page.getByTestId('summary-check-ins').innerText().catch(() => '')), tag('it lists the check-in'));
      check(await page.locator('[data-testid="summary-changes"] li').count() >= 1, tag('it lists what was changed'));
      check(await page.getByTestId('summary-journal').getAttribute('href') === `#/journal/${uid}`, tag('it links to the journal entry'));
      await page.screenshot({ path: join(artifacts, `player-${vp.name}-summary.png`), fullPage: true });
      await axe(page, tag('end summary'));
      if (vi === 0) {
        await page.getByTestId('do-again').click();
        const again = await page.waitForFunction((old) => location.hash.startsWith('#/session/') && !location.hash.endsWith(old), uid, { timeout: 10000 }).then(() => true, () => false);
        const newUid = new URL(page.url()).hash.split('/')[2];
        check(again, tag(`"Do this again" starts the same routine anew (${newUid})`));
        if (again) {
          const replay = (await json('GET', `/api/sessions/${newUid}`)).body;
          check(JSON.parse(replay.routine_json).steps.length === routine.steps.length, tag('with the same steps'));
          await json('POST', `/api/sessions/${newUid}/inputs`, { kind: 'stop' });
        }
      }
    }
    check(errors.length === 0, tag(`no script errors${errors.length ? `: ${errors.slice(0, 3).join(' | ')}` : ''}`));
    await context.close();
  };

  // The position picture of every exercise (the exercise page draws it).
  // In three pages at once (a third of the catalog each).
  const pictures = async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const exercises = (await json('GET', '/api/catalog/exercises')).body;
    const bad = [];
    const draw = async (list) => {
      const page = await context.newPage();
      await page.goto(`${base}/#/exercise/${list[0].id}`);
      for (const x of list) {
        await page.evaluate((id) => (location.hash = `#/exercise/${id}`), x.id);
        const fig = page.locator('[data-testid="exercise"] [data-testid="position-figure"]');
        await page.waitForFunction((name) => document.querySelector('[data-testid="exercise"] h1')?.textContent === name &&
                                             document.querySelector('[data-testid="position-figure"] .inset'), x.name, { timeout: 10000 }).catch(() => undefined);
        const got = await fig.evaluate((svg) => ({
          pose: svg.getAttribute('data-pose'),
          part: svg.getAttribute('data-part'),
          marked: svg.querySelectorAll('.person .marked').length,
          tool: svg.querySelectorAll('.tool').length,
          region: svg.querySelectorAll('.inset .marked').length,
          label: svg.getAttribute('aria-label') ?? '',
        })).catch(() => null);
        if (!got || got.pose !== x.position || got.part === 'unknown' || got.marked < 1 || got.tool !== 1 || got.region < 1 || !got.label.includes(x.name)) {
          bad.push(`${x.id} ${JSON.stringify(got)}`);
        }
        await fig.screenshot({ path: join(positions, `${x.id}.png`) }).catch(() => bad.push(`${x.id}: no screenshot`));
      }
    };
    const third = Math.ceil(exercises.length / 3);
    await Promise.all([0, 1, 2].map((k) => draw(exercises.slice(k * third, (k + 1) * third))));
    check(bad.length === 0, `every exercise (${exercises.length}) has its position picture: pose, body part, tool and region marked${bad.length ? ` (${bad.slice(0, 5).join('; ')})` : ''}`);
    await context.close();
  };

  // A busy journal (another program holds its write lock for 14 s, well over the server's 5 s busy wait): a
  // pause made meanwhile is queued, the player says that what is recorded is kept, and the message goes once
  // the journal has taken everything (issue 10, item 4). On a server of its own: the held lock stalls that
  // server's writers, which must not slow the other pages down.
  const busyJournal = async () => {
    const tag = (what) => `busy journal: ${what}`;
    const own = await startServer(args[0], { scale: SCALE, prefix: 'smr-busy-' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true });
    try {
      const ownJson = api(own.url);
      await ownJson('PUT', '/api/profile', { experience: 'new', tools: ['foam-roller-medium', 'therapy-ball-medium'] });
      const ownPlan = (await ownJson('POST', '/api/plan', { goal: 'daily-mobility', minutes: 10 })).body;
      const page = await context.newPage();
      const uid = await startSession(page, own.url, ownPlan);
      const phaseIs = phaseOf(page);
      check(await phaseIs(/Get into position|Find a tender spot|Hold|Pin and move|Roll/), tag('the session is running'));
      const lock = spawn('python3', ['-c', [
        'import sqlite3, sys, time',
        'c = sqlite3.connect(sys.argv[1], isolation_level=None)',
        "c.execute('BEGIN EXCLUSIVE')",
        "print('locked', flush=True)",
        'time.sleep(float(sys.argv[2]))',
        "c.execute('COMMIT')",
      ].join('\n'), own.journal, '14'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const ended = new Promise((ok) => lock.on('exit', ok));
      await new Promise((ok) => lock.stdout.once('data', ok));
      // A check-in sheet that opened meanwhile makes the controls behind it inert: answer it later (Esc).
      const noSheet = async () => {
        if (await page.getByTestId('checkin').count()) await page.keyboard.press('Escape');
        await page.getByTestId('checkin').waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
      };
      // Pause: the server must record it now, while the journal is held (and a paused session does not end).
      await noSheet();
      await page.getByTestId('pause').click();
      check(await page.getByTestId('unsaved').waitFor({ timeout: 20000 }).then(() => true, () => false), tag('the player says the records are kept'));
      await page.screenshot({ path: join(artifacts, 'player-busy-journal.png') });
      await ended;
      check(await page.getByTestId('unsaved').waitFor({ state: 'detached', timeout: 15000 }).then(() => true, () => false), tag('the journal free again: the message goes'));
      const live = (await ownJson('GET', `/api/sessions/${uid}/live`)).body;
      check(live?.unsaved === 0, tag(`everything is saved (unsaved ${live?.unsaved})`));
      const stored = (await ownJson('GET', `/api/sessions/${uid}`)).body;
      check(stored?.events?.at(-1)?.kind === 'paused', tag(`the pause made while the journal was busy is stored (${stored?.events?.at(-1)?.kind})`));
      await noSheet();
      await page.getByTestId('pause').click({ timeout: 10000 });
      check(await phaseIs(/Get into position|Find a tender spot|Hold|Pin and move|Roll|How does it feel/, 10000), tag('resumed after the busy journal'));
    } catch (e) {
      check(false, tag(`the flow ran to the end (${e && e.stack ? e.stack : e})`));
    } finally {
      await context.close();
      own.stop();
    }
  };

  await Promise.all([...viewports.map((vp, vi) => playAt(vp, vi)), pictures(), busyJournal()]);
} catch (e) {
  check(false, `the test ran to the end (${e && e.stack ? e.stack : e})`);
} finally {
  if (browser) await browser.close();
  if (server) server.stop();
}
finish(artifacts);
