// Browser test of `smr report --html` (issue 6): the real binary writes the report from a real SQLite journal,
// Debian's chromium opens it headless through playwright-core, and the test checks that the page is what it
// claims: the body map is drawn (its rated regions are painted in the heat colours, checked on the
// screenshot's pixels), the alert is visible, the charts and tables are there, nothing is fetched from the
// network and nothing is logged as an error. Screenshots are kept as test artifacts.
//
//   node tests/browser/report.test.mjs SMR_BINARY
//
// Environment: SMR_CHROMIUM (default /usr/bin/chromium), SMR_ARTIFACTS_DIR (default test-artifacts/browser
// beside this repository's root). Exit 0 when every check passes, 1 with the failed checks listed.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const smr = process.argv[2];
if (!smr) {
  console.error('usage: node report.test.mjs SMR_BINARY');
  process.exit(2);
}
const chromiumPath = process.env.SMR_CHROMIUM || '/usr/bin/chromium';
const artifacts = resolve(process.env.SMR_ARTIFACTS_DIR || join(here, '..', '..', 'test-artifacts', 'browser'));
mkdirSync(artifacts, { recursive: true });

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

// --- A journal: five weeks of sessions in UTC, with pain at the left calf three times (an alert). ---------
let counter = 0;
const uid = () => (++counter).toString(16).padStart(32, '0');
const DAY = 86_400_000;
const start = Date.UTC(2026, 9, 12, 7, 0); // Monday 2026-10-12 07:00 UTC
const sessions = [];
for (let d = 0; d < 35; d += 2) {
  const t0 = start + d * DAY;
  const late = d >= 28; // the last week: pain at the left calf
  const steps = [
    { region: 'calves', side: 'left', exercise: 'calves-roller-sweep' },
    { region: 'hamstrings', side: 'right', exercise: 'hamstrings-roller' },
    { region: 'thoracic-spine', side: 'centre', exercise: 'thoracic-spine-roller-extension' },
  ];
  const events = [{ seq: 0, at_ms: t0, kind: 'session-started', step: -1, data_json: '{}' }];
  const checkIns = [];
  let t = t0;
  steps.forEach((s, i) => {
    events.push({ seq: events.length, at_ms: t, kind: 'step-started', step: i,
                  data_json: JSON.stringify({ region: s.region, side: s.side }) });
    events.push({ seq: events.length, at_ms: t, kind: 'phase-started', step: i,
                  data_json: JSON.stringify({ phase: 'hold' }) });
    t += 100_000;
    events.push({ seq: events.length, at_ms: t, kind: 'phase-started', step: i,
                  data_json: JSON.stringify({ phase: 'check-in' }) });
    const base = s.region === 'calves' ? 7 - Math.floor(d / 7) : s.region === 'hamstrings' ? 5 : 3;
    checkIns.push({ uid: uid(), at_ms: t, step: i, exercise: s.exercise, region: s.region, side: s.side,
                    intensity: late && s.region === 'calves' ? 6 : Math.max(base, 1),
                    quality: late && s.region === 'calves' ? 'sharp' : 'good-hurt', note: '' });
    t += 5_000;
  });
  events.push({ seq: events.length, at_ms: t, kind: 'session-finished', step: -1, data_json: '{}' });
  sessions.push({ uid: uid(), person_id: 1, title: 'Browser test', started_ms: t0, ended_ms: t, status: 'finished',
                  routine_json: '{}', events, check_ins: checkIns, adaptations: [], notes: [] });
}
const selfTests = [
  [0, 8.0, 'baseline'], [0, 8.5, 'baseline'], [14, 10.0, 'check'], [30, 11.0, 'check'],
].map(([d, value, phase]) => ({ uid: uid(), person_id: 1, at_ms: start + d * DAY, test: 'knee-to-wall', side: 'left',
                                value, unit: 'cm', session_uid: '', phase }));
const journal = { format: 'smr-coach-journal', version: 1, people: [], profiles: [], routines: [],
                  custom_exercises: [], sessions, self_tests: selfTests, settings: [] };

const work = mkdtempSync(join(tmpdir(), 'smr-report-'));
let browser;
try {
  const db = `sqlite:${join(work, 'journal.db')}`;
  const env = { ...process.env, TZ: 'UTC' };
  writeFileSync(join(work, 'journal.json'), JSON.stringify(journal));
  execFileSync(smr, ['--db', db, 'import', join(work, 'journal.json')], { env, stdio: 'pipe' });
  const html = join(work, 'report.html');
  const out = execFileSync(smr, ['--db', db, 'report', '--html', html, '--as-of', '2026-11-16 12:00'],
                           { env, encoding: 'utf8' });
  check(out.includes('Wrote'), 'smr report --html says where it wrote the page');
  const text = readFileSync(html, 'utf8');
  check(!/<script|https?:\/\//i.test(text.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, '')),
        'the page has no scripts and no external addresses');

  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }],
                                  ['small-phone', { width: 320, height: 568 }]]) {
    const page = await browser.newPage({ viewport, colorScheme: name === 'phone' ? 'dark' : 'light' });
    const requests = [];
    const errors = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(html).href);

    const map = page.locator('svg.smr-body-map');
    check(await map.count() === 1, `${name}: one body map`);
    const box = await map.boundingBox();
    check(box !== null && box.width > 150 && box.height > 150, `${name}: the body map has a size on screen`);

    // Every rated shape is visible, painted in its intensity colour, and is what the browser hits at its centre.
    const rated = await page.$$eval('svg.smr-body-map [data-intensity]', (shapes) => shapes.map((s) => {
      s.scrollIntoView({ block: 'center', inline: 'center' }); // elementFromPoint sees the viewport only
      const r = s.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return { region: s.dataset.region, side: s.dataset.side, intensity: Number(s.dataset.intensity),
               fill: getComputedStyle(s).fill, width: r.width, height: r.height,
               hit: hit === s || (hit && hit.closest('[data-intensity]') === s) };
    }));
    const key = (r) => `${r.region}/${r.side}`;
    const keys = new Set(rated.map(key));
    check(['calves/left', 'hamstrings/right', 'thoracic-spine/centre'].every((k) => keys.has(k)),
          `${name}: the three rated regions are marked (${[...keys].join(', ')})`);
    check(rated.length > 0 && rated.every((r) => r.width > 2 && r.height > 2), `${name}: rated shapes have a size`);
    check(rated.every((r) => r.fill !== 'none' && r.fill !== ''), `${name}: rated shapes are filled`);
    check(rated.some((r) => r.hit), `${name}: a rated shape is on top where it is drawn`);
    const alertShapes = await page.locator('svg.smr-body-map [data-alert="true"]').count();
    check(alertShapes > 0, `${name}: the alert region is outlined on the map`);

    const alert = page.locator('.alert[role="alert"]');
    check(await alert.count() >= 1 && await alert.first().isVisible(), `${name}: the persistent-pain alert is shown`);
    check(/clinician/i.test(await alert.first().innerText()), `${name}: the alert suggests a clinician`);
    check(await page.locator('svg.smr-trend-chart').count() >= 4, `${name}: trend charts are drawn`);
    check(await page.locator('#self-tests table tr').count() >= 2, `${name}: the self-test table has a row`);

    // Issue 11: at any width the page does not scroll sideways, no table column is cut off, and every label of
    // a chart on screen is at least 11 px high.
    const layout = await page.evaluate(() => {
      const width = window.innerWidth;
      // On screen: drawn, and not a visually hidden header row (1 px, kept for screen readers).
      const shown = (e) => {
        const r = e.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && getComputedStyle(e).visibility !== 'hidden';
      };
      const visible = (e) => shown(e) && (e.closest('thead') === null || shown(e.closest('thead')));
      const cells = [...document.querySelectorAll('table th, table td')].filter(visible);
      const clipped = cells.filter((c) => {
        const r = c.getBoundingClientRect();
        return r.left < -0.5 || r.right > width + 0.5 || c.scrollWidth > c.clientWidth + 1;
      }).map((c) => c.textContent);
      const labels = [...document.querySelectorAll('svg.smr-trend-chart text')].filter(visible).map((t) => {
        const m = t.getScreenCTM();
        return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) };
      });
      return { scrollWidth: document.documentElement.scrollWidth, width, cells: cells.length, clipped,
               labels: labels.length, small: labels.filter((l) => l.px < 10.95) };
    });
    check(layout.scrollWidth <= layout.width,
          `${name}: no sideways scrolling (page ${layout.scrollWidth} px wide, window ${layout.width} px)`);
    check(layout.cells > 0 && layout.clipped.length === 0,
          `${name}: no table cell is cut off (${layout.clipped.slice(0, 5).join(' | ')})`);
    check(layout.labels > 0 && layout.small.length === 0,
          `${name}: every chart label is at least 11 px (${layout.small.slice(0, 3)
            .map((l) => `"${l.text}" ${l.px.toFixed(1)} px`).join(', ')})`);

    const shot = join(artifacts, `report-${name}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    const mapShot = await map.screenshot();
    writeFileSync(join(artifacts, `report-${name}-body-map.png`), mapShot);

    // Pixels: decode the body map's screenshot in a blank page and count pixels in the heat colours.
    const colours = await page.$$eval('svg.smr-body-map [data-intensity]',
                                      (shapes) => [...new Set(shapes.map((s) => getComputedStyle(s).fill))]);
    const blank = await browser.newPage();
    const painted = await blank.evaluate(async ({ png, colours }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const data = g.getImageData(0, 0, c.width, c.height).data;
      const rgb = colours.map((s) => s.match(/\d+/g).map(Number));
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (rgb.some(([r, gg, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - gg) + Math.abs(data[i + 2] - b) < 12)) n++;
      }
      return { n, total: data.length / 4 };
    }, { png: mapShot.toString('base64'), colours });
    await blank.close();
    check(painted.n > 200, `${name}: ${painted.n} of ${painted.total} body-map pixels are in the heat colours`);

    check(requests.length === 0, `${name}: no network requests (${requests.join(' ')})`);
    check(errors.length === 0, `${name}: no console errors (${errors.join(' | ')})`);
    await page.close();
  }
} catch (e) {
  check(false, `the test ran to the end: ${e.stack || e}`);
} finally {
  if (browser) await browser.close();
  rmSync(work, { recursive: true, force: true });
}

console.log(failures.length === 0 ? 'PASS' : `FAILED: ${failures.length} check(s)`);
console.log(`screenshots: ${artifacts}`);
process.exit(failures.length === 0 ? 0 : 1);
