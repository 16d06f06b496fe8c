// Browser test of what a new user trips over in the web app (issue 11, the web items done so far): the real
// `smr serve` on a fresh journal, Debian's chromium at 390 x 844.
//   - item 16: /robots.txt is a robots file, not the app; the manifest has PNG icons (192, 512, maskable) and the
//     page an apple-touch-icon, each a real PNG of its size; a page that failed offline tries again by itself
//     when the connection returns (no tap needed).
//
//   node tests/browser/newuser.test.mjs SMR_BINARY
import { chromium } from 'playwright-core';
import { api, artifactsDir, check, chromiumPath, finish, startServer } from './harness.mjs';

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
} catch (e) {
  check(false, `the test ran to its end (${e.message})`);
} finally {
  await browser.close();
  server.stop();
}
finish(artifacts);
