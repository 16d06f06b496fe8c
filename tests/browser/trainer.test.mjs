// Browser test of a trainer and a client (issue 19, docs/accounts.md), as two people in two browser contexts on
// one `smr serve --accounts` (a fresh SQLite journal, accounts from `smr user add`):
//   - the trainer signs in (the sign-in page, then the Clients tab that only a trainer has) and makes an
//     invitation link, shown with its expiry;
//   - the client (at 320 px wide) opens the link signed out: it names the trainer and asks to sign in; signed in,
//     they accept and choose to share sessions and trends only (the server keeps exactly that);
//   - the client's screening has a condition (very flexible joints: no firm tools) that makes the trainer's
//     lacrosse-ball steps unsafe for them; the trainer plans with the lacrosse ball, keeps the plan as a template
//     ("Save as template"), and assigns it to the client with a note;
//   - the client sees it "From your trainer" with the note and the replaced step, with its rule ids; starts it
//     (the player opens with the replaced step), reports a painful check-in and stops;
//   - the client's third painful session there (two were rolled before through the API) raises a pain alert, and
//     the trainer's dashboard lists the client under "Needs attention" with it; the client's page shows it, and
//     says what is not shared;
//   - the client leaves (with a confirmation): the trainer's dashboard no longer lists them.
// Every page: axe-core finds no serious or critical violation; at 320 px nothing sticks out sideways.
//
//   node tests/browser/trainer.test.mjs SMR_BINARY
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { artifactsDir, axe, check, chromiumPath, finish, startServer } from './harness.mjs';

const smr = process.argv[2];
if (!smr) {
  console.error('usage: node trainer.test.mjs SMR_BINARY');
  process.exit(2);
}
const artifacts = artifactsDir('trainer');
const people = {
  owner: { login: 'owner', name: 'Owner', role: 'admin', password: 'owner keeps the journal' },
  trainer: { login: 'tess', name: 'Tess Martin', role: 'trainer', password: 'tess teaches rolling' },
  client: { login: 'ana', name: 'Ana Silva', role: 'person', password: 'ana rolls her calves' },
};
const server = await startServer(smr, {
  scale: 10,
  prefix: 'smr-trainer-',
  args: ['--accounts'],
  // The first account is the journal's person so far; the trainer and the client are new people.
  setup: (journal) => {
    for (const p of Object.values(people)) {
      execFileSync(smr, ['--db', `sqlite:${journal}`, 'user', 'add', p.login, '--name', p.name, '--role', p.role, '--password-stdin'],
                   { input: `${p.password}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
    }
  },
});
const base = server.url;
const browser = await chromium.launch({ executablePath: chromiumPath });

// The JSON API as one person (a bearer token from POST /api/login), for what the test sets up or reads back.
async function as(person) {
  const res = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                 body: JSON.stringify({ login: person.login, password: person.password, bearer: true }) });
  const token = (await res.json()).token;
  return async (method, path, body) => {
    const r = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
                                              body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
}

// Nothing wider than the viewport, no visible element past its left or right edge.
async function notClipped(page, name) {
  const out = await page.evaluate(() => {
    const w = window.innerWidth;
    const bad = [];
    for (const e of document.querySelectorAll('main *, nav.tabs *')) {
      const r = e.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || e.closest('.sr-only')) continue;
      if (r.left < -0.5 || r.right > w + 0.5) bad.push(`${e.tagName.toLowerCase()} "${(e.textContent || '').trim().slice(0, 20)}" ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    for (const e of document.querySelectorAll('main button, nav.tabs a')) {
      if (e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1) bad.push(`"${e.innerText.trim().slice(0, 20)}" spills out of its ${e.clientWidth} px`);
    }
    return { scroll: document.documentElement.scrollWidth, w, bad };
  });
  check(out.scroll <= out.w && out.bad.length === 0, `${name}: nothing clipped off-screen (page ${out.scroll} px of ${out.w}${out.bad.length ? `; ${out.bad.slice(0, 4).join('; ')}` : ''})`);
}

const visible = (locator, timeout = 10000) => locator.first().waitFor({ timeout }).then(() => true, () => false);

async function signIn(page, person) {
  await page.getByTestId('sign-in').waitFor({ timeout: 10000 });
  await page.getByLabel('Login').fill(person.login);
  await page.getByLabel('Password').fill(person.password);
  await Promise.all([page.waitForEvent('load'), page.getByTestId('sign-in-submit').click()]);
}

// A live session's state, polled until `ok(state)` or the time is up.
async function waitState(json, uid, ok, ms = 20000) {
  const until = Date.now() + ms;
  for (;;) {
    const s = (await json('GET', `/api/sessions/${uid}/live`)).body?.view?.state;
    if (ok(s) || Date.now() > until) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}
const inStep = (s) => ['locate', 'hold', 'move', 'roll', 'breathe'].includes(s);

let exitCode = 0;
try {
  const trainerApi = await as(people.trainer);
  const clientApi = await as(people.client);
  // The screenings: the trainer rolls with a lacrosse ball; the client has very flexible joints (no firm tools:
  // R3, R10) and a medium roller as well.
  check((await trainerApi('PUT', '/api/profile', { tools: ['lacrosse-ball'], conditions: [], experience: 'regular' })).status === 200, 'the trainer has a screening');
  check((await clientApi('PUT', '/api/profile', { tools: ['foam-roller-medium', 'lacrosse-ball'], conditions: ['hypermobility'], experience: 'regular' })).status === 200,
        'the client has a screening with a condition (hypermobility: no firm tools)');

  const tctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const cctx = await browser.newContext({ viewport: { width: 320, height: 568 } });
  const tp = await tctx.newPage();
  const cp = await cctx.newPage();
  for (const [who, p] of [['trainer', tp], ['client', cp]]) p.on('pageerror', (e) => check(false, `${who}'s page: no script error (${e.message})`));

  // ---- The trainer signs in and makes an invitation link ----
  await tp.goto(`${base}/#/clients`);
  await signIn(tp, people.trainer);
  check(await visible(tp.locator('nav.tabs a[href="#/clients"]')), 'a trainer has the Clients tab');
  check(await visible(tp.getByTestId('no-clients')), 'the dashboard says there are no clients yet');
  await tp.getByTestId('make-invitation').click();
  const urlBox = tp.getByTestId('invitation-url');
  check(await visible(urlBox), 'the invitation link is shown');
  const link = await urlBox.inputValue();
  check(new RegExp(`^${base.replace(/\./g, '\\.')}/invite/[0-9A-Z]{26}$`).test(link), `the link is ${base}/invite/CODE (${link})`);
  check(/until/.test(await tp.locator('label[for="invite-link"]').innerText()), 'with its expiry');
  await tctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await tp.getByTestId('copy-invitation').click();
  check(await visible(tp.getByText('Copied. Send it to your client')), 'Copy says it copied');
  check(await tp.evaluate(() => navigator.clipboard.readText()) === link, 'and the clipboard holds the link');
  await tp.screenshot({ path: join(artifacts, 'trainer-invitation.png'), fullPage: true });
  await axe(tp, 'trainer: dashboard with an invitation link');

  // ---- The client opens the link, signs in, accepts, shares sessions and trends ----
  check(!(await visible(cp.locator('nav.tabs a[href="#/clients"]'), 1)), 'a client has no Clients tab');
  await cp.goto(link);
  check(await visible(cp.getByTestId('invite-trainer')), 'the link opens the invitation');
  check(/Tess Martin invites you/.test(await cp.locator('h1').innerText()), 'signed out, it names the trainer');
  check(await cp.getByTestId('sign-in').count() === 1, 'and asks to sign in');
  await axe(cp, 'client: invitation, signed out');
  await notClipped(cp, 'client: invitation, signed out, 320 px');
  await signIn(cp, people.client);
  check(await visible(cp.getByTestId('accept-invitation')), 'signed in, the invitation is still there, with Accept');
  check(new URL(cp.url()).hash.startsWith('#/invite/'), `the app's address is #/invite/CODE (${new URL(cp.url()).hash.slice(0, 12)}…)`);
  await axe(cp, 'client: invitation, signed in');
  await cp.getByTestId('accept-invitation').click();
  const card = cp.getByTestId('trainer');
  check(await visible(card), 'accepted: the sharing choice follows');
  const boxes = await card.locator('input[type="checkbox"]').evaluateAll((els) => els.map((e) => e.checked));
  check(boxes.length === 5 && boxes.every((b) => !b), `five categories, none ticked by default (${JSON.stringify(boxes)})`);
  await card.getByTestId('share-sessions').check();
  await card.getByTestId('share-trends').check();
  await card.getByTestId('save-sharing').click();
  check(await cp.getByTestId('sharing-status').filter({ hasText: 'Saved' }).waitFor({ timeout: 5000 }).then(() => true, () => false), 'the choice is saved');
  const links = (await clientApi('GET', '/api/trainers')).body;
  check(JSON.stringify(links?.[0]?.sharing) === JSON.stringify({ sessions: true, trends: true, self_tests: false, soreness: false, screening: false }),
        `the server keeps sessions and trends only (${JSON.stringify(links?.[0]?.sharing)})`);
  // The link works once: opened again, it says so in words.
  await cp.goto(link);
  check(/used already/.test(await cp.getByTestId('invite-error').innerText().catch(() => '')), 'the link opened again says it has been used');
  await cp.goto(`${base}/#/trainers`);
  check(await visible(cp.getByTestId('trainer')), 'My trainers has the trainer with the choice');
  await cp.screenshot({ path: join(artifacts, 'client-sharing.png'), fullPage: true });
  await axe(cp, 'client: sharing choice');
  await notClipped(cp, 'client: sharing choice, 320 px');

  // ---- The trainer plans, keeps it as a template, assigns it with a note ----
  await tp.goto(`${base}/#/plan`);
  await tp.getByTestId('plan-submit').click();
  check(await visible(tp.getByTestId('routine')), 'the trainer has a plan');
  const form = tp.getByTestId('save-template');
  check(await visible(form), 'a trainer can keep the plan as a template');
  await form.getByLabel('Keep this plan as a template, under a name').fill('Ball work');
  await form.getByTestId('save-template-submit').click();
  check(await tp.getByTestId('save-template-status').filter({ hasText: 'Ball work' }).waitFor({ timeout: 5000 }).then(() => true, () => false), 'the template is saved');
  const templates = (await trainerApi('GET', '/api/templates')).body;
  const tpl = (await trainerApi('GET', `/api/templates/${templates?.[0]?.uid}`)).body;
  check(tpl?.routine?.steps?.some((s) => s.tool === 'lacrosse-ball'), 'the template has lacrosse-ball steps');
  await tp.goto(`${base}/#/templates`);
  const row = tp.getByTestId('template').filter({ hasText: 'Ball work' });
  check(await visible(row), 'the template is listed');
  await row.getByTestId('open-template').click();
  const assign = row.getByTestId('assign-template');
  check(await visible(assign), 'it can be assigned');
  await assign.getByTestId('assign-submit').click();
  check(/Choose at least one client/.test(await assign.innerText()), 'assigning to nobody says to choose a client');
  await assign.locator('[data-testid="assign-client"][data-name="Ana Silva"]').check();
  await assign.getByTestId('assign-note').fill('Gently this week; tell me how it feels.');
  await assign.getByTestId('assign-submit').click();
  check(await tp.getByTestId('assign-status').filter({ hasText: 'Assigned to Ana Silva' }).waitFor({ timeout: 5000 }).then(() => true, () => false), 'assigned to the client');
  check(await visible(row.getByTestId('template-copies').filter({ hasText: /Ana Silva: not started yet, \d+ steps? adapted/ })),
        'the trainer sees that steps were adapted (not why: the screening is not shared)');
  check(!/hypermob|flexible/i.test(await row.innerText()), 'and nothing of the client\'s screening');
  // An edit reaches the copy the client has not started.
  const edit = row.getByTestId('edit-template');
  await edit.getByLabel('Name').fill('Ball work, gently');
  await edit.getByTestId('save-template').click();
  check(await visible(edit.getByText('1 copy not yet started follows the change')), 'an edit reaches the copy not yet started');
  await tp.waitForTimeout(500); // the list and the template reload meanwhile: the status line stays
  check(await edit.getByText('1 copy not yet started follows the change').count() === 1, 'the status line stays after the page reloads its lists');
  await tp.screenshot({ path: join(artifacts, 'trainer-templates.png'), fullPage: true });
  await axe(tp, 'trainer: templates');
  await tp.setViewportSize({ width: 320, height: 568 });
  await notClipped(tp, 'trainer: templates, 320 px');
  await tp.setViewportSize({ width: 390, height: 844 });

  // ---- The client sees it from their trainer, with the note and the replaced step ----
  await cp.goto(`${base}/#/plan`);
  const from = cp.getByTestId('from-trainer');
  check(await visible(from), 'the plan page shows "From your trainer"');
  check(/Ball work/.test(await from.innerText()) && /from Tess Martin/.test(await from.innerText()), 'with the routine and the trainer');
  check((await from.getByTestId('assignment-note').innerText()).includes('Gently this week'), 'and the note');
  const changes = from.getByTestId('assignment-changes');
  check(/Changed for your safety: \d+ steps?/.test(await changes.locator('summary').innerText()), 'it says how many steps were changed for their safety');
  await changes.locator('summary').click();
  const replaced = changes.locator('li[data-kind="replaced"]');
  check(await replaced.count() >= 1, `and the replaced step (${await replaced.count()})`);
  check(/lacrosse ball/i.test(await replaced.first().innerText()) && /rules R\d+/.test(await replaced.first().innerText()),
        `in words, with its rule ids ("${(await replaced.first().innerText()).slice(0, 90)}…")`);
  await cp.screenshot({ path: join(artifacts, 'client-from-trainer.png'), fullPage: true });
  await axe(cp, 'client: from your trainer');
  await notClipped(cp, 'client: from your trainer, 320 px');

  // Two earlier sessions of it with pain at the first step (through the API): the third makes a pain alert.
  const assignmentUid = (await clientApi('GET', '/api/assignments')).body?.[0]?.uid;
  for (let i = 0; i < 2; ++i) {
    const started = await clientApi('POST', '/api/sessions', { assignment: assignmentUid });
    const uid = started.body?.uid;
    const state = await waitState(clientApi, uid, inStep);
    const r = await clientApi('POST', `/api/sessions/${uid}/inputs`, { kind: 'check-in', intensity: 7, quality: 'sharp' });
    await clientApi('POST', `/api/sessions/${uid}/inputs`, { kind: 'stop' });
    check(started.status === 201 && r.status === 200, `earlier session ${i + 1}: a painful check-in in ${state}`);
  }
  check(!(await trainerApi('GET', '/api/clients')).body?.[0]?.reasons?.some((x) => x.kind === 'pain-alert'), 'two painful sessions: no pain alert yet');

  // Start from the page: the player opens with the replaced step.
  await cp.getByTestId('start-assignment').click();
  check(await cp.waitForFunction(() => location.hash.startsWith('#/session/'), null, { timeout: 10000 }).then(() => true, () => false), 'Start opens the player');
  const uid = new URL(cp.url()).hash.split('/')[2];
  const routine = JSON.parse((await clientApi('GET', `/api/sessions/${uid}`)).body?.routine_json ?? '{}');
  check(routine.steps?.length > 0 && routine.steps.every((s) => s.tool !== 'lacrosse-ball'), 'the session plays the replaced steps (no lacrosse ball)');
  const state = await waitState(clientApi, uid, inStep);
  check(inStep(state), `the session reaches its first step (${state})`);
  if (await cp.getByTestId('checkin').count()) await cp.keyboard.press('Escape');
  await cp.getByTestId('pain').click();
  const dialog = cp.getByTestId('checkin');
  await dialog.waitFor({ timeout: 5000 });
  await cp.keyboard.press('8');
  await dialog.locator('[data-quality="sharp"]').click();
  const answer = cp.waitForResponse((r) => r.url().endsWith('/inputs') && r.request().postDataJSON()?.kind === 'check-in');
  await cp.getByTestId('checkin-submit').click();
  check((await answer).status() === 200, 'the painful check-in is taken');
  await cp.getByTestId('checkin').waitFor({ state: 'detached', timeout: 3000 }).catch(() => undefined);
  if (await cp.getByTestId('checkin').count()) await cp.keyboard.press('Escape');
  await cp.getByTestId('stop').click();
  await cp.getByTestId('stop-yes').click();
  check(await visible(cp.getByTestId('end-summary')), 'stopped: the end summary is shown');
  const stored = (await clientApi('GET', `/api/sessions/${uid}`)).body;
  check(stored?.check_ins?.some((c) => c.intensity === 8 && c.quality === 'sharp'), 'the session recorded the check-in (8, sharp)');

  // ---- The trainer's dashboard: needs attention, with the pain alert ----
  await tp.goto(`${base}/#/clients`);
  const attention = tp.getByTestId('group-needs-attention');
  const ana = attention.locator('[data-testid="client"][data-name="Ana Silva"]');
  check(await visible(ana), 'the dashboard lists the client under "Needs attention"');
  const reason = ana.locator('[data-kind="pain-alert"]');
  check(await reason.count() === 1, 'with the pain alert as its reason');
  console.log(`     reason: ${await reason.first().innerText().catch(() => '')}`);
  check(/pain/i.test(await reason.first().innerText().catch(() => '')), 'in words');
  check(!/\byou\b/i.test(await reason.first().innerText().catch(() => '')), 'speaking of the client, not to them');
  await tp.screenshot({ path: join(artifacts, 'trainer-dashboard.png'), fullPage: true });
  await axe(tp, 'trainer: dashboard with a client who needs attention');
  await tp.setViewportSize({ width: 320, height: 568 });
  await notClipped(tp, 'trainer: dashboard and its six tabs, 320 px');
  await tp.screenshot({ path: join(artifacts, 'trainer-dashboard-320.png') });
  await tp.setViewportSize({ width: 390, height: 844 });
  await ana.locator('a').first().click();
  check(await visible(tp.getByTestId('client-alerts')), "the client's page shows the pain alert");
  check(await visible(tp.getByTestId('client-sessions')), 'and the sessions');
  check(/does not share self-tests/.test(await tp.locator('main').innerText()), 'and says what is not shared');
  await axe(tp, "trainer: one client's progress");

  // ---- The client leaves, after a confirmation ----
  await cp.goto(`${base}/#/trainers`);
  const mine = cp.getByTestId('trainer');
  check(await visible(mine), 'My trainers lists the trainer');
  await axe(cp, 'client: my trainers');
  await notClipped(cp, 'client: my trainers, 320 px');
  await mine.getByTestId('leave-trainer').click();
  check(await cp.getByTestId('trainer').count() === 1 && await visible(cp.getByTestId('confirm-leave')), 'Leave asks first');
  await cp.getByTestId('confirm-leave').click();
  check(await visible(cp.getByTestId('no-trainers')), 'left: no trainer is listed');
  check((await trainerApi('GET', '/api/clients')).body?.length === 0, "the trainer's dashboard no longer has the client");
  check((await clientApi('GET', `/api/sessions/${uid}`)).status === 200, 'and the client keeps their sessions');

  // ---- The trainer deletes the template, after a confirmation; the client keeps the copy ----
  await tp.goto(`${base}/#/templates`);
  const gone = tp.getByTestId('template').first();
  await gone.getByTestId('open-template').click();
  await gone.getByTestId('delete-template').click();
  await gone.getByTestId('confirm-delete-template').click();
  check(await visible(tp.getByTestId('no-templates')), 'the template is deleted');
  check((await clientApi('GET', '/api/assignments')).body?.length === 1, 'the client keeps their copy');
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await browser.close();
  server.stop();
}
if (exitCode) process.exit(exitCode);
finish(artifacts);
