// Browser test of what a new user trips over in the web app (issue 11, the web items done so far): the real
// `smr serve` on a fresh journal, Debian's chromium at 390 x 844.
//   - item 16: /robots.txt is a robots file, not the app; the manifest has PNG icons (192, 512, maskable) and the
//     page an apple-touch-icon, each a real PNG of its size; a page that failed offline tries again by itself
//     when the connection returns (no tap needed).
//   - at 320 x 568 and 390 x 844, each on a fresh journal:
//     item 14: the Plan tab on a first visit asks for the screening first; onboarding asks the lifestyle and
//       aches questions and saves them; "Before a workout" asks for the workout (and plans with it); a failed
//       plan leaves no Start button of the previous plan;
//     item 12: the plan page's focus order follows the page, no focused control hides under the tab bar; the
//       body map is one Tab stop whose arrow keys reach every area in reading order; an area the screening
//       blocks is marked and inert; map targets >= 24 px; the area list's chips >= 48 px, none overlapping;
//     item 15: an empty form names every missing answer at once; the server's refusals are shown in plain words;
//     item 16: Inches: typed, checked and shown in inches, stored in cm; the trend chart's x axis has dates and
//       its legend fits the screen;
//     everywhere: nothing clipped off-screen, axe-core clean; and every error the pages rendered is checked for
//     API words (routes, methods, field paths, quoted ids, CLI commands).
//
//   node tests/browser/newuser.test.mjs SMR_BINARY
import { chromium } from 'playwright-core';
import { api, artifactsDir, axe, check, chromiumPath, finish, startServer } from './harness.mjs';

const smr = process.argv[2];
if (!smr) {
  console.error('usage: node newuser.test.mjs SMR_BINARY');
  process.exit(2);
}
const artifacts = artifactsDir();
const server = await startServer(smr, { scale: 1, prefix: 'smr-newuser-' });
const base = server.url;
const browser = await chromium.launch({ executablePath: chromiumPath });

// The size of a PNG from its IHDR chunk; null when the bytes are not a PNG.
function pngSize(bytes) {
  const b = Buffer.from(bytes);
  if (b.length < 24 || b.toString('latin1', 1, 4) !== 'PNG') return null;
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

// ---- items 12, 14, 15, 16: a new user on a phone, 320 x 568 and 390 x 844 ----------------------------------------

// Words that belong to programs, not people: routes, methods, status codes, field paths, ids in quotes, CLI commands.
const apiWords = /\/api\/|\b(GET|POST|PUT|DELETE)\b|\bHTTP\b|\bJSON\b|\bsmr [a-z]|\b[a-z]+_[a-z_]+\b|\w\[\d+\]|"[a-z0-9]+(-[a-z0-9]+)+"|\bnull\b|\bundefined\b|\bNaN\b/;
const shownErrors = []; // every error, alert and field message the pages rendered: [where, text]
async function collectErrors(page, where) {
  const texts = await page.$$eval('[role="alert"], .field-error, .error-state, [data-testid="error-state"]', (els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
  for (const t of texts) shownErrors.push([where, t]);
  return texts;
}

// Nothing clipped off-screen: the page is no wider than the viewport and no visible element reaches past its
// left or right edge (screen-reader-only text, clipped to 1 px, aside).
async function notClipped(page, name) {
  const out = await page.evaluate(() => {
    const w = window.innerWidth;
    const bad = [];
    for (const e of document.querySelectorAll('main *, nav.tabs *')) {
      const r = e.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || e.closest('.sr-only') || getComputedStyle(e).visibility === 'hidden') continue;
      if (r.left < -0.5 || r.right > w + 0.5) bad.push(`${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''} "${(e.textContent || '').trim().slice(0, 20)}" ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    // A control whose text is wider than the control itself (it spills over its neighbours).
    for (const e of document.querySelectorAll('main button, main .button, main label.chip, nav.tabs a')) {
      if (e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1) bad.push(`"${e.innerText.trim().slice(0, 20)}" spills out of its ${e.clientWidth} px`);
    }
    return { scroll: document.documentElement.scrollWidth, w, bad };
  });
  check(out.scroll <= out.w && out.bad.length === 0,
        `${name}: nothing clipped off-screen (page ${out.scroll} px of ${out.w}${out.bad.length ? `; ${out.bad.slice(0, 4).join('; ')}` : ''})`);
}

// What has the focus: where it is on the page, and whether the fixed tab bar hides it.
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  const nav = document.querySelector('nav.tabs');
  const navTop = nav && !nav.contains(e) ? nav.getBoundingClientRect().top : Infinity;
  return { tag: e.tagName.toLowerCase(), text: (e.getAttribute('aria-label') || e.innerText || e.value || '').trim().slice(0, 40),
           region: e.getAttribute('data-region'), side: e.getAttribute('data-side'), inMap: Boolean(e.closest('.bodymap')),
           inNav: Boolean(e.closest('nav.tabs')), top: r.top + scrollY, left: r.left, bottom: r.bottom, height: r.height,
           hidden: r.bottom > navTop + 1 || r.top < -1 };
});

// Tab through the page from its top: the focus order follows the visual order (each stop below the previous one,
// or beside it on the same row), no stop is hidden under the tab bar, and the walk reaches the tab bar.
async function tabWalk(page, name, max = 120) {
  await page.evaluate(() => { document.activeElement?.blur(); scrollTo(0, 0); });
  await page.keyboard.press('Tab');
  const stops = [];
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (!f || f.inNav) break;
    stops.push(f);
    await page.keyboard.press('Tab');
  }
  const backwards = [];
  for (let i = 1; i < stops.length; i++) {
    const [a, b] = [stops[i - 1], stops[i]];
    const sameRow = Math.abs(a.top - b.top) < Math.max(8, Math.min(a.height, b.height) / 2);
    if (!(b.top > a.top - 4 && (!sameRow || b.left >= a.left - 4))) backwards.push(`"${a.text}" → "${b.text}"`);
  }
  check(stops.length > 0 && backwards.length === 0, `${name}: the focus order follows the page from top to bottom (${stops.length} stops${backwards.length ? `; backwards: ${backwards.slice(0, 3).join(', ')}` : ''})`);
  const hidden = stops.filter((s) => s.hidden).map((s) => s.text);
  check(hidden.length === 0, `${name}: no focused control is hidden under the tab bar or off-screen${hidden.length ? ` (${hidden.slice(0, 3).join(', ')})` : ''}`);
  return stops;
}

// Tab until `pred(focused)` holds (from the top of the page with `fromTop`); the stop that does, or null.
async function tabTo(page, pred, max = 80, fromTop = false) {
  if (fromTop) await page.evaluate(() => { document.activeElement?.blur(); scrollTo(0, 0); });
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && pred(f)) return f;
  }
  return null;
}

async function newUser(viewport) {
  const tag = `${viewport.width}x${viewport.height}`;
  const srv = await startServer(smr, { scale: 1, prefix: 'smr-newuser-' });
  const call = api(srv.url);
  const context = await browser.newContext({ viewport, deviceScaleFactor: 2, hasTouch: true });
  const page = await context.newPage();
  const posted = []; // "POST /api/plan" ...
  page.on('request', (r) => r.url().includes('/api/') && r.method() !== 'GET' && posted.push(`${r.method()} ${new URL(r.url()).pathname}`));
  const shot = (n) => page.screenshot({ path: `${artifacts}/newuser-${tag}-${n}.png`, fullPage: true, timeout: 30000 }); // a full-page capture is slow on a loaded machine
  // Each item's checks run on their own: one that fails (an exception) does not hide the next ones.
  const section = async (what, fn) => {
    try {
      await fn();
    } catch (e) {
      check(false, `${tag} ${what}: ran to its end (${e.message.split('\n')[0]})`);
    }
  };
  page.setDefaultTimeout(8000);
  let running = null; // the activity asked about in onboarding
  try {
    await section('first visit and onboarding', async () => {
      // item 14: the first visit cannot skip the screening through the Plan tab.
      await page.goto(`${srv.url}/#/plan`);
      const gate = await page.getByTestId('plan-needs-screening').waitFor({ timeout: 10000 }).then(() => true, () => false);
      check(gate && (await page.getByTestId('plan-submit').count()) === 0 && (await page.locator('.bodymap').count()) === 0,
            `${tag}: a first visit to the Plan tab asks for the safety questions first, with no plan form`);
      await notClipped(page, `${tag} plan (not screened)`);
      await axe(page, `${tag} plan (not screened)`);
      const link = await tabTo(page, (f) => /safety questions/i.test(f.text));
      check(Boolean(link), `${tag}: the keyboard reaches "Answer the safety questions"`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#/onboarding', null, { timeout: 5000 }).catch(() => undefined);
      check(new URL(page.url()).hash === '#/onboarding', `${tag}: Enter on it opens the screening`);

      // item 14: onboarding asks the lifestyle and aches questions (as `smr screen` does), and saves them.
      await page.getByTestId('lifestyle-questions').waitFor({ timeout: 10000 }).catch(() => undefined);
      const lifestyleCat = (await call('GET', '/api/catalog/lifestyle')).body ?? [];
      const asked = await page.getByTestId('lifestyle-questions').locator('input').count();
      check(lifestyleCat.length > 0 && asked === lifestyleCat.length, `${tag}: onboarding asks every lifestyle question (${asked} of ${lifestyleCat.length})`);
      const regionsCat = (await call('GET', '/api/catalog/regions')).body ?? [];
      check((await page.getByTestId('ache-questions').locator('input').count()) === regionsCat.length, `${tag}: onboarding asks which areas ache, one choice per area`);
      running = lifestyleCat.find((l) => l.activity);
      await page.getByLabel(running.question).check();
      await page.getByTestId('ache-questions').getByText('Calves', { exact: true }).click();
      await page.getByText('A fresh muscle strain, tear or bruise (in the last 3 days)', { exact: true }).click();
      await page.getByRole('combobox', { name: 'Where?' }).selectOption('calves');
      await page.getByRole('combobox', { name: 'Side' }).selectOption('left');
      await page.getByLabel('Medium foam roller').check();
      await notClipped(page, `${tag} onboarding`);
      await axe(page, `${tag} onboarding`);
      const put = page.waitForResponse((r) => r.url().endsWith('/api/profile') && r.request().method() === 'PUT');
      await page.getByTestId('screening-submit').click();
      check((await put).status() === 200, `${tag}: the screening is saved`);
      const profile = (await call('GET', '/api/profile')).body ?? {};
      check(profile.lifestyle?.includes(running.id) && profile.aches?.some((a) => a.region === 'calves'),
            `${tag}: the saved profile has the lifestyle answer and the ache (${JSON.stringify(profile.lifestyle)}, ${JSON.stringify(profile.aches)})`);
    });
    // Whatever happened above, the rest starts from a screened person on the plan page.
    const lifestyleList = (await call('GET', '/api/catalog/lifestyle')).body ?? [];
    running ??= lifestyleList.find((l) => l.activity) ?? { id: 'running' };
    if (!((await call('GET', '/api/profile')).body?.updated_ms > 0)) {
      await call('PUT', '/api/profile', { conditions: ['acute-injury'], named_areas: [{ condition: 'acute-injury', region: 'calves', side: 'left' }],
                                          tools: ['foam-roller-medium'], lifestyle: [running.id] });
    }
    await page.goto(`${srv.url}/#/plan`);
    await page.getByTestId('bodymap-front').waitFor({ timeout: 10000 });
    await section('body map', async () => {
      // item 12: the body map with the keyboard only; the focus order of the whole plan page; nothing clipped.
      await page.waitForTimeout(300);
      const stops = await tabWalk(page, `${tag} plan`);
      const mapStops = stops.filter((s) => s.inMap);
      check(mapStops.length === 1, `${tag}: the body map is one Tab stop, reached by the keyboard (${mapStops.length} stops)`);
      await notClipped(page, `${tag} plan`);
      await shot('plan');
      await axe(page, `${tag} plan`);
      // To the Back toggle, Enter, then into the map: the arrow keys walk every area in reading order.
      check(Boolean(await tabTo(page, (f) => f.text === 'Back', 40, true)), `${tag}: the keyboard reaches the Back toggle`);
      await page.keyboard.press('Enter');
      await page.getByTestId('bodymap-back').waitFor({ timeout: 5000 });
      const inMap = await tabTo(page, (f) => f.inMap, 5);
      check(Boolean(inMap), `${tag}: Tab from the toggle goes into the back view's map`);
      const spots = await page.locator('[data-testid="bodymap-back"] .region-g').count();
      const walk = [];
      await page.keyboard.press('Home');
      for (let i = 0; i < spots + 2; i++) {
        const f = await focused(page);
        if (f?.inMap) walk.push(f);
        await page.keyboard.press('ArrowDown');
      }
      const seen = new Set(walk.map((f) => `${f.region}:${f.side}:${Math.round(f.top)}`));
      check(seen.size === spots, `${tag}: the arrow keys reach every area of the back view (${seen.size} of ${spots})`);
      const unordered = walk.slice(1, spots).filter((f, i) => f.top + f.height / 2 < walk[i].top - walk[i].height);
      check(unordered.length === 0, `${tag}: the arrow keys go down the body, not about it (${unordered.map((f) => f.text).join(', ')})`);
      // The left calf is left out by the screening: marked, and Enter or a tap does nothing.
      const calf = page.locator('[data-testid="bodymap-back"] [data-region="calves"][data-side="left"]');
      check((await calf.getAttribute('aria-disabled')) === 'true' && /left out by your screening/.test(await calf.getAttribute('aria-label')),
            `${tag}: the left calf, blocked by the screening, is shown as left out`);
      await calf.focus();
      await page.keyboard.press('Enter');
      await calf.click({ force: true });
      check(!/calves, left/i.test(await page.getByTestId('focus-list').innerText()), `${tag}: Enter or a tap on the blocked left calf does not pick it`);
      const ham = page.locator('[data-testid="bodymap-back"] [data-region="hamstrings"][data-side="right"]');
      await ham.focus();
      await page.keyboard.press('Enter');
      check(/hamstrings, right/i.test(await page.getByTestId('focus-list').innerText()), `${tag}: Enter on an area picks it`);
      await page.keyboard.press(' ');
      check(!/hamstrings/i.test(await page.getByTestId('focus-list').innerText()), `${tag}: Space on it again removes it`);
      // Every map target is at least 24 px; the list gives every area as a chip of 48 px, none overlapping.
      const small = await page.$$eval('[data-testid="bodymap-back"] .region-g .hit', (els) =>
        els.map((e) => e.getBoundingClientRect()).filter((r) => r.width < 24 || r.height < 24).length);
      check(small === 0, `${tag}: every body-map target is at least 24 x 24 px (${small} smaller)`);
      check(Boolean(await tabTo(page, (f) => /from a list/i.test(f.text), 10)), `${tag}: Tab goes from the map to "Pick from a list instead"`);
      await page.keyboard.press('Enter');
      const chips = await page.$$eval('[data-testid="area-list"] label.chip', (els) => els.map((e) => {
        const r = e.getBoundingClientRect();
        return { l: r.left, r: r.right, t: r.top, b: r.bottom, blocked: e.querySelector('input').disabled, text: e.innerText };
      }));
      const overlaps = chips.filter((a, i) => chips.some((b, j) => j > i && a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1));
      check(chips.length > spots && chips.every((c) => c.b - c.t >= 47.5) && overlaps.length === 0,
            `${tag}: the area list has every area as a chip at least 48 px tall, none overlapping (${chips.length} chips, ${overlaps.length} overlapping)`);
      check(chips.some((c) => c.blocked && /calves, left/i.test(c.text)) && !chips.some((c) => c.blocked && /calves, right/i.test(c.text)),
            `${tag}: in the list too, only the left calf is left out`);
      await notClipped(page, `${tag} plan, area list open`);
      await axe(page, `${tag} plan, area list open`);

    });
    await section('plan form', async () => {
      // item 14 and 15: a plan, then "Before a workout" with no workout: the form says what is missing, in plain
      // words, without asking the server, and the old plan (and its Start button) goes.
      await page.getByTestId('plan-submit').click();
      await page.getByTestId('routine').waitFor({ timeout: 10000 });
      check((await page.getByTestId('start-session').count()) === 1, `${tag}: a plan with its Start button`);
      await page.getByText('Before a workout', { exact: true }).click();
      const before = posted.length;
      await page.getByTestId('plan-submit').click();
      const activityError = await page.getByTestId('plan-activity-error').innerText().catch(() => '');
      check(/workout/i.test(activityError) && posted.length === before, `${tag}: "Before a workout" with no workout asks for it ("${activityError}")`);
      check((await page.evaluate(() => document.activeElement?.id)) === 'plan-activity', `${tag}: the focus goes to the workout field`);
      check((await page.getByTestId('start-session').count()) === 0, `${tag}: the failed plan leaves no Start button from the previous plan`);
      await collectErrors(page, `${tag} plan, no workout`);
      await notClipped(page, `${tag} plan, no workout`);
      await shot('plan-no-workout');
      await page.locator('#plan-activity').selectOption(running.id);
      const planned = page.waitForResponse((r) => r.url().endsWith('/api/plan'));
      await page.getByTestId('plan-submit').click();
      check((await planned).status() === 200 && (await page.getByTestId('routine').waitFor({ timeout: 10000 }).then(() => true, () => false)),
            `${tag}: "Before a workout" with the workout chosen makes a plan`);
      const routineText = await page.getByTestId('routine').innerText();
      check(!apiWords.test(routineText), `${tag}: the plan speaks in names, not ids`);

    });
    await section('refusals', async () => {
      // item 15: the server's own refusals, as they are, shown on the page in plain words.
      const refusals = [
        { goal: 'pre-activity', tools: [] , focus: [] },
        { focus: [{ region: '', side: 'left' }] },
        { focus: [{ region: 'calfs', side: 'left' }], tools: ['massage-ball'] },
        { goal: 'post-workout', activity: 'rowing' },
      ];
      for (const body of refusals) {
        const answer = await call('POST', '/api/plan', body);
        if (!check(answer.status === 400, `${tag}: the server refuses ${JSON.stringify(body)} (${answer.status})`)) continue;
        await page.route('**/api/plan', (r) => r.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify(answer.body) }), { times: 1 });
        await page.getByText('Move easier today', { exact: true }).click();
        await page.getByTestId('plan-submit').click();
        await page.getByTestId('error-state').waitFor({ timeout: 5000 }).catch(() => undefined);
        const shown = await collectErrors(page, `${tag} plan refused: ${answer.body.error.message.slice(0, 40)}`);
        check(shown.length > 0 && (await page.getByTestId('start-session').count()) === 0, `${tag}: the refusal is shown, with no Start button under it`);
      }

    });
    await section('missing answers', async () => {
      // item 15: an empty form reports every missing answer at once.
      await page.goto(`${srv.url}/#/record/soreness`);
      await page.getByTestId('soreness-submit').click();
      const both = await Promise.all(['sore-region-error', 'sore-rating-error'].map((id) => page.getByTestId(id).count()));
      check(both.every((n) => n === 1), `${tag}: an empty soreness form names the area and the rating together, in one go`);
      check(!posted.includes('POST /api/soreness'), `${tag}: ... without asking the server`);
      check((await page.evaluate(() => document.activeElement?.id)) === 'sore-region', `${tag}: the focus goes to the first of them`);
      await collectErrors(page, `${tag} soreness, empty`);
      await notClipped(page, `${tag} soreness, empty`);
      await axe(page, `${tag} soreness, empty`);
      await page.goto(`${srv.url}/#/record/self-test`);
      await page.getByTestId('self-test-submit').click();
      const st = await Promise.all(['st-side-error', 'st-value-error'].map((id) => page.getByTestId(id).count()));
      check(st.every((n) => n === 1), `${tag}: an empty self-test form names the side and the result together`);
      await collectErrors(page, `${tag} self-test, empty`);

    });
    await section('inches', async () => {
      // item 16: Inches. The result is typed and shown in inches, stored in centimetres.
      await page.goto(`${srv.url}/#/settings`);
      await page.getByText('Inches', { exact: true }).click();
      await page.goto(`${srv.url}/#/record/self-test`);
      const form = page.getByTestId('self-test-form');
      await form.getByLabel('Test', { exact: true }).selectOption('knee-to-wall');
      await form.getByLabel('Left', { exact: true }).check();
      const hint = await page.locator('#st-value-hint').innerText();
      check(/inches/.test(hint) && !/\bcm\b/.test(hint), `${tag}: in inches, the result's hint is in inches ("${hint}")`);
      await form.getByLabel(/^Result/).fill('30');
      await page.getByTestId('self-test-submit').click();
      const tooFar = await page.getByTestId('st-value-error').innerText().catch(() => '');
      check(/inches/.test(tooFar) && !/cm/.test(tooFar), `${tag}: a result out of range is refused in inches ("${tooFar}")`);
      await collectErrors(page, `${tag} self-test in inches, out of range`);
      for (const inches of ['4', '4.5']) {
        await form.getByLabel(/^Result/).fill(inches);
        const saved = page.waitForResponse((r) => r.url().endsWith('/api/self-tests') && r.request().method() === 'POST');
        await page.getByTestId('self-test-submit').click();
        await saved;
        await page.getByTestId('self-test-saved').filter({ hasText: /Saved/ }).waitFor({ timeout: 5000 }).catch(() => undefined);
      }
      const savedText = await page.getByTestId('self-test-saved').innerText();
      check(/4\.5 inches/.test(savedText), `${tag}: it says what was saved in inches ("${savedText}")`);
      const stored = ((await call('GET', '/api/self-tests')).body?.progress ?? []).find((p) => p.test === 'knee-to-wall');
      const values = (stored?.history ?? []).map((h) => h.value);
      check(values.length === 2 && Math.abs(values[0] - 4 * 2.54) < 0.01 && Math.abs(values[1] - 4.5 * 2.54) < 0.01,
            `${tag}: the journal keeps centimetres (${values.join(', ')})`);

    });
    await section('progress', async () => {
      // item 16: the progress page in inches; the trend chart's x axis shows dates and its legend fits the phone.
      await page.goto(`${srv.url}/#/progress`);
      await page.getByTestId('self-test-list').waitFor({ timeout: 10000 });
      const listed = await page.getByTestId('self-test-list').innerText();
      check(/4\.5 in\b/.test(listed) && !/11\.4/.test(listed), `${tag}: progress shows the results in inches`);
      const chart = page.getByTestId('trend-chart').last();
      await chart.waitFor({ timeout: 10000 }).catch(() => undefined);
      // A chart is drawn when it comes near the screen (TrendChart.tsx).
      await chart.scrollIntoViewIfNeeded().catch(() => undefined);
      await page.waitForFunction((el) => el?.dataset.drawn === 'true', await chart.elementHandle().catch(() => null), { timeout: 10000 }).catch(() => undefined);
      const ticks = ((await chart.getAttribute('data-x-ticks').catch(() => null)) ?? '').split('|').filter(Boolean);
      check(ticks.length > 0 && ticks.every((t) => !/\d:\d\d/.test(t) && /[A-Za-z]{3}|\d+\/\d+/.test(t)),
            `${tag}: the chart's x axis is labelled with dates, not clock times (${ticks.join(', ')})`);
      const legend = await chart.locator('.chart-legend li').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]));
      check(legend.length > 0 && legend.every(([l, r]) => l >= 0 && r <= innerWidthOf(viewport)), `${tag}: every legend entry is inside the screen`);
      await notClipped(page, `${tag} progress`);
      await shot('progress');
      await axe(page, `${tag} progress`);
    });
  } catch (e) {
    check(false, `${tag}: the new-user walk ran to its end (${e.message.split('\n')[0]})`);
  } finally {
    await context.close();
    srv.stop();
  }
}
const innerWidthOf = (v) => v.width;

try {
  // ---- item 16: robots.txt and the icons ------------------------------------------------------------------
  const robots = await fetch(`${base}/robots.txt`);
  const robotsText = await robots.text();
  check(robots.status === 200 && (robots.headers.get('content-type') || '').startsWith('text/plain'),
        `/robots.txt is text/plain (got ${robots.status} ${robots.headers.get('content-type')})`);
  check(/User-agent: \*/.test(robotsText) && /Disallow: \//.test(robotsText) && !robotsText.includes('<html'),
        '/robots.txt asks robots to stay out, and is not the app');

  const manifest = await (await fetch(`${base}/manifest.webmanifest`)).json();
  for (const [size, purpose] of [[192, undefined], [512, undefined], [512, 'maskable']]) {
    const icon = manifest.icons.find((i) => i.type === 'image/png' && i.sizes === `${size}x${size}` &&
                                            (purpose ? i.purpose === purpose : !i.purpose));
    if (!check(Boolean(icon), `the manifest has a ${size} px PNG icon${purpose ? ` (${purpose})` : ''}`)) continue;
    const res = await fetch(`${base}${icon.src}`);
    const got = pngSize(await res.arrayBuffer());
    check(res.headers.get('content-type') === 'image/png' && got && got[0] === size && got[1] === size,
          `${icon.src} is a ${size} x ${size} PNG (got ${got})`);
  }

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const call = api(base);
  const saved = await call('PUT', '/api/profile', { tools: ['foam-roller-medium'], conditions: [] });
  check(saved.status === 200, `a profile is saved (PUT /api/profile ${saved.status})`);
  await page.goto(`${base}/`);
  const touch = await page.evaluate(() => document.querySelector('link[rel="apple-touch-icon"]')?.href ?? null);
  if (check(Boolean(touch), 'the page names an apple-touch-icon')) {
    const res = await fetch(touch);
    const got = pngSize(await res.arrayBuffer());
    check(got && got[0] === 180 && got[1] === 180, `the apple-touch-icon is a 180 x 180 PNG (got ${got})`);
  }

  // ---- item 16: an offline page tries again when the connection returns ---------------------------------------
  const ready = await page.evaluate(() => navigator.serviceWorker?.ready.then(() => true)).catch(() => false);
  check(ready === true, 'the service worker is installed');
  await page.goto(`${base}/#/progress`);
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);
  await page.reload();
  const failed = await page.getByTestId('error-state').first().waitFor({ timeout: 10000 }).then(() => true, () => false);
  check(failed, 'offline, the progress page (never cached: it is the person\'s own data) shows what failed');
  const said = failed && (await page.getByTestId('error-state').first().innerText()).includes('offline');
  check(said, 'it says the device is offline and that it will try again');
  await page.screenshot({ path: `${artifacts}/newuser-offline.png` });
  await context.setOffline(false);
  const recovered = await page.waitForFunction(() => document.querySelectorAll('[data-testid="error-state"]').length === 0,
                                               null, { timeout: 10000 }).then(() => true, () => false);
  check(recovered, 'back online, the page loads again by itself (no tap on "Try again")');
  await page.screenshot({ path: `${artifacts}/newuser-online-again.png` });
  await context.close();

  await newUser({ width: 320, height: 568 });
  await newUser({ width: 390, height: 844 });
  const worded = shownErrors.filter(([, t]) => apiWords.test(t));
  for (const [where, t] of shownErrors) console.log(`     shown (${where}): ${t}`);
  check(shownErrors.length >= 8 && worded.length === 0,
        `no error the pages showed uses API words (${shownErrors.length} checked${worded.length ? `; ${worded.slice(0, 3).map(([w, t]) => `${w}: "${t}"`).join('; ')}` : ''})`);
} catch (e) {
  check(false, `the test ran to its end (${e.message})`);
} finally {
  await browser.close();
  server.stop();
}
finish(artifacts);
