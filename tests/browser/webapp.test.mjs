// Browser test of the web app that `smr serve` embeds (issue 7): the real binary on a free port with a fresh
// SQLite journal in a temporary folder, Debian's chromium headless at 390 x 844 (a phone), driven by
// playwright-core; axe-core checks every page (no serious or critical violations).
//
// The flow, every step against the real server's JSON API (no mock, no skipped step): the first visit shows
// the onboarding screening → a condition that needs clearance shows a full-width alert (PUT /api/profile) →
// the plan page (tap the body map) → plan (POST /api/plan) → start a live session (POST /api/sessions, with
// `smr serve --test-time-scale 10`) → a painful check-in adapts the session (an adaptation cue) → the session
// is in the journal (GET /api/sessions) with its check-in and adaptation, and progress (GET /api/progress)
// has the check-in. Every /api/ answer must be below 400. Then: settings, dark mode, and the app again
// offline (service worker).
//
//   node tests/browser/webapp.test.mjs SMR_BINARY      (starts `smr --db sqlite:<tmp> serve --port 0`)
//   node tests/browser/webapp.test.mjs --url URL       (an already running server)
//
// Environment: SMR_CHROMIUM (default /usr/bin/chromium), SMR_ARTIFACTS_DIR (default test-artifacts/browser
// beside this repository's root). Exit 0 when every check passes, 1 with the failed checks listed.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const chromiumPath = process.env.SMR_CHROMIUM || '/usr/bin/chromium';
const artifacts = resolve(process.env.SMR_ARTIFACTS_DIR || join(here, '..', '..', 'test-artifacts', 'browser'));
mkdirSync(artifacts, { recursive: true });

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node webapp.test.mjs SMR_BINARY | --url URL');
  process.exit(2);
}

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
  return ok;
}

// --- The server ---------------------------------------------------------------------------------------------
let server = null;
let work = null;
let base;
async function startServer(smr) {
  work = mkdtempSync(join(tmpdir(), 'smr-webapp-'));
  const help = execFileSync(smr, ['serve', '--help'], { encoding: 'utf8' });
  check(help.includes('--test-time-scale'), 'smr serve has --test-time-scale (the session runs 10 x faster)');
  const scale = help.includes('--test-time-scale') ? ['--test-time-scale', '10'] : [];
  server = spawn(smr, ['--db', `sqlite:${join(work, 'journal.db')}`, 'serve', '--port', '0', '--threads', '2',
                       '--access-log', join(work, 'access.log'), ...scale],
                 { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TZ: 'UTC' } });
  const url = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`smr serve printed no address: ${out}`)), 20000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = /running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    server.on('exit', (code) => fail(new Error(`smr serve exited with ${code}: ${out}`)));
  });
  console.log(`server: ${url}${scale.length ? ' (time x10)' : ' (real time: no --test-time-scale in this build)'}`);
  return url;
}

// --- Page helpers -------------------------------------------------------------------------------------------
async function axe(page, name) {
  await page.evaluate(axeSource); // evaluate, not a script tag: the app's CSP allows no inline script
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help,
                                      target: v.nodes[0]?.target?.join(' ') }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result) console.log(`     axe ${name}: ${v.impact} ${v.id} (${v.nodes}) ${v.help} — ${v.target}`);
  check(bad.length === 0, `${name}: axe finds no serious or critical violations${bad.length ? ` (${bad.map((v) => v.id).join(', ')})` : ''}`);
}

async function shoot(page, name) {
  await page.screenshot({ path: join(artifacts, `webapp-${name}.png`), fullPage: true });
}

// Every visible control is at least 48 px tall and wide enough to hit (nav links, buttons, choices).
async function touchTargets(page, name) {
  const small = await page.$$eval('button, nav a, label.choice, label.chip, .button, select', (els) =>
    els.filter((e) => e.offsetParent !== null)
      .map((e) => ({ text: (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 30), r: e.getBoundingClientRect() }))
      .filter((x) => x.r.height < 47.5 || x.r.width < 47.5)
      .map((x) => `${x.text} ${Math.round(x.r.width)}x${Math.round(x.r.height)}`));
  check(small.length === 0, `${name}: every control is at least 48 px${small.length ? ` (${small.slice(0, 5).join('; ')})` : ''}`);
}

async function visit(page, name, { hash, heading }) {
  if (hash) await page.goto(`${base}/#/${hash}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 10000 });
  const h1 = await page.getByRole('heading', { level: 1 }).first().innerText();
  check(heading.test(h1), `${name}: the page shows "${h1}"`);
  await page.waitForTimeout(300); // let loading states settle
  await shoot(page, name);
  await axe(page, name);
  await touchTargets(page, name);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, `${name}: nothing sticks out sideways (page ${width} px wide)`);
}

const apiAnswers = new Map(); // "POST /api/plan" -> last status
const apiFailures = []; // every /api/ answer of 400 or more
let browser;
try {
  base = args[0] === '--url' ? args[1].replace(/\/$/, '') : await startServer(args[0]);
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, colorScheme: 'light' });
  const page = await context.newPage();
  const errors = [];
  const external = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // A route this server lacks answers 404; chromium logs every failed fetch. Those are expected here.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) external.push(r.url());
  });
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (!u.pathname.startsWith('/api/')) return;
    const route = `${r.request().method()} ${u.pathname.replace(/[0-9a-f]{32}/, '{uid}')}`;
    apiAnswers.set(route, r.status());
    if (r.status() >= 400) apiFailures.push(`${route} ${r.status()}`);
  });
  const answered = (route, status = 200) => check(apiAnswers.get(route) === status, `${route} answered ${status} (got ${apiAnswers.get(route)})`);

  // 1. First visit: onboarding.
  await page.goto(`${base}/`);
  await page.waitForFunction(() => location.hash === '#/onboarding', null, { timeout: 10000 }).catch(() => undefined);
  check(new URL(page.url()).hash === '#/onboarding', `the first visit goes to onboarding (${page.url()})`);
  await page.getByText('Diabetes', { exact: true }).waitFor({ timeout: 10000 });
  await visit(page, 'onboarding', { heading: /before you start/i });

  // 2. Screening: diabetes needs a physician's clearance; the alert is full width and announced. A medium foam
  // roller is the tool at hand (POST /api/plan needs tools: the profile's).
  await page.getByLabel('Diabetes', { exact: true }).check();
  await page.getByLabel('Medium foam roller', { exact: true }).check();
  await page.getByTestId('screening-submit').click();
  const clearance = page.getByTestId('clearance-alert');
  await clearance.waitFor({ timeout: 10000 });
  check(await clearance.getAttribute('role') === 'alert', 'the clearance message is role="alert"');
  const box = await clearance.boundingBox();
  check(box !== null && box.width >= 390 - 2 * 16 - 2, `the clearance alert is full width (${box && Math.round(box.width)} px)`);
  check(/physician/i.test(await clearance.innerText()), 'the clearance alert says to check with a physician');
  answered('PUT /api/profile');
  check(await page.getByText('Saved on this device only').count() === 0, 'the screening is the server\'s (saved there, not only on this device)');
  await shoot(page, 'onboarding-result');
  await axe(page, 'onboarding-result');

  // 3. Plan: tap the body map (back view: left calf), then plan.
  await page.getByRole('button', { name: 'Continue to your plan' }).click();
  await page.waitForFunction(() => location.hash === '#/plan');
  await page.getByTestId('bodymap-front').waitFor({ timeout: 10000 });
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  const calf = page.locator('[data-testid="bodymap-back"] [data-region="calves"][data-side="left"]').first();
  await calf.click();
  check(await calf.getAttribute('aria-pressed') === 'true', 'tapping the left calf on the body map selects it');
  check(/Calves, left/.test(await page.getByTestId('focus-list').innerText()), 'the picked focus is listed in words');
  await visit(page, 'plan', { heading: /plan a session/i });

  await page.getByTestId('plan-submit').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="routine"], [data-testid="error-state"]'), null, { timeout: 15000 });
  answered('POST /api/plan');
  let uid = null;
  if (check(await page.getByTestId('routine').count() === 1, 'POST /api/plan: the plan is shown')) {
    check(/calves, left/i.test(await page.getByTestId('routine').innerText()), 'the plan has the left calf that was tapped');
    await shoot(page, 'plan-routine');
    await axe(page, 'plan-routine');
    // 4. The session, live on the server.
    await page.getByTestId('start-session').click();
    await page.waitForFunction(() => location.hash.startsWith('#/session/') || document.querySelector('[data-testid="error-state"]'), null, { timeout: 15000 });
    answered('POST /api/sessions', 201);
    if (check(new URL(page.url()).hash.startsWith('#/session/'), 'starting the session opens the player')) {
      uid = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
      await page.getByTestId('countdown').waitFor({ timeout: 10000 });
      check(/\d+:\d\d/.test(await page.getByTestId('countdown').innerText()), 'the session shows a countdown');
      await visit(page, 'session', { heading: /session/i });
      // The engine moves on by itself (GET .../live): the phase leaves get-ready.
      const moved = await page.waitForFunction(() => !/get ready/i.test(document.querySelector('[data-testid="phase"]')?.textContent ?? ''), null, { timeout: 30000 }).then(() => true, () => false);
      check(moved, 'the session moves on from get-ready on the server\'s clock');
      // A painful check-in (8, sharp) must adapt the session.
      const sheet = page.getByTestId('checkin');
      const reached = await sheet.waitFor({ timeout: 120000 }).then(() => true, () => false);
      if (check(reached, 'the check-in sheet opens')) {
        await shoot(page, 'session-check-in');
        await axe(page, 'session-check-in');
        await page.getByRole('button', { name: '8 out of 10' }).click();
        await page.getByRole('button', { name: 'Sharp' }).click();
        const answer = page.waitForResponse((r) => r.url().includes('/inputs') && r.request().method() === 'POST');
        await page.getByTestId('checkin-submit').click();
        const res = await answer;
        const body = await res.json().catch(() => ({}));
        check(res.status() === 200, `POST /api/sessions/{uid}/inputs (check-in) answered 200 (got ${res.status()}${body.error ? `: ${body.error.message}` : ''})`);
        const adaptation = (body.cues ?? []).find((c) => c.kind === 'adaptation');
        check(!!adaptation, `a painful check-in adapts the session (an adaptation cue; cues: ${(body.cues ?? []).map((c) => c.kind).join(', ')})`);
        if (adaptation) {
          const banner = await page.getByTestId('banner').innerText().catch(() => '');
          check(banner === adaptation.text, 'the player shows the adaptation');
        }
        await shoot(page, 'session-adapted');
      }
      await page.getByRole('button', { name: 'Stop' }).click();
      await page.getByRole('heading', { name: /session (stopped|done)/i }).waitFor({ timeout: 10000 });
      check(true, 'the session stops');
      await shoot(page, 'session-stopped');
      await axe(page, 'session-stopped');
    }
  }

  // 5. Journal and progress.
  await visit(page, 'progress', { hash: 'progress', heading: /journal and progress/i });
  answered('GET /api/sessions');
  answered('GET /api/progress');
  if (check(uid !== null, 'a session was played')) {
    const item = page.locator(`[data-testid="session-list"] li[data-uid="${uid}"]`);
    if (check(await item.count() === 1, 'the session is in the journal')) {
      const text = await item.innerText();
      check(/stopped/.test(text), `the journal has it stopped (${text.replace(/\s+/g, ' ')})`);
      check(/1 check-in/.test(text) && /1 painful/.test(text), 'the journal counts its painful check-in');
      check(/adapted/.test(text), 'the journal counts its adaptation');
    }
    check(await page.getByText('No check-ins yet.').count() === 0, 'progress charts the check-in');
    const heat = (await page.locator('svg[aria-label^="Heat map, back view"]').getAttribute('aria-label').catch(() => '')) ?? '';
    check(/Calves, left 8\.0/.test(heat), `the heat map shows the left calf at 8 (${heat})`);
  }

  // 6. Settings: a change is saved on the server (PUT /api/settings); the journal goes out (GET /api/export)
  // and comes back in (POST /api/import: everything already there).
  await visit(page, 'settings', { hash: 'settings', heading: /settings/i });
  answered('GET /api/settings');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/settings') && r.request().method() === 'PUT');
  await page.locator('#bpm').fill('5');
  const savedBody = await (await saved).json().catch(() => ({}));
  answered('PUT /api/settings');
  check(savedBody.breaths_per_minute === 5, `the server keeps the new breathing pace (${JSON.stringify(savedBody)})`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const file = join(work ?? tmpdir(), 'export.json');
  await (await download).saveAs(file);
  answered('GET /api/export');
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  check(exported.format === 'smr-coach-journal' && (exported.sessions ?? []).some((x) => x.uid === uid), 'the export has the session');
  await page.locator('#import-file').setInputFiles(file);
  const imported = await page.getByText(/Journal imported: 0 new records, \d+ already here/).waitFor({ timeout: 10000 }).then(() => true, () => false);
  answered('POST /api/import');
  check(imported, 'importing the export again adds nothing and says so');
  await shoot(page, 'settings-imported');

  // 7. Dark mode: the same pages stay readable (axe's contrast check in the dark palette).
  await page.emulateMedia({ colorScheme: 'dark' });
  await visit(page, 'onboarding-dark', { hash: 'onboarding', heading: /before you start/i });
  await visit(page, 'plan-dark', { hash: 'plan', heading: /plan a session/i });
  await page.emulateMedia({ colorScheme: 'light' });

  // 8. Offline after the first visit: the service worker serves the app.
  const ready = await page.evaluate(() => navigator.serviceWorker?.ready.then(() => true)).catch(() => false);
  if (check(ready === true, 'the service worker is installed')) {
    await page.goto(`${base}/#/plan`); // once more under the worker's control
    await page.getByTestId('bodymap-front').waitFor({ timeout: 10000 });
    await context.setOffline(true);
    await page.reload();
    const offline = await page.getByTestId('bodymap-front').waitFor({ timeout: 10000 }).then(() => true, () => false);
    check(offline, 'offline, the plan page still loads with its body map (precache + cached /api GETs)');
    await shoot(page, 'plan-offline');
    await context.setOffline(false);
  }

  check(apiFailures.length === 0, `every /api/ answer was below 400${apiFailures.length ? ` (${apiFailures.slice(0, 5).join(', ')})` : ''}`);
  check(external.length === 0, `nothing is fetched from another origin${external.length ? ` (${external.slice(0, 3).join(', ')})` : ''}`);
  check(errors.length === 0, `no script errors${errors.length ? `: ${errors.slice(0, 3).join(' | ')}` : ''}`);
} catch (e) {
  check(false, `the test ran to the end (${e && e.stack ? e.stack : e})`);
} finally {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
}

console.log(`\nscreenshots: ${artifacts}`);
if (failures.length) {
  console.log(`\n${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('\nall checks passed');
