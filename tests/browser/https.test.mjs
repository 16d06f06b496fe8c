// Browser test of issue 18's "Done when" (HTTPS part): a phone on the LAN, played by Debian's chromium in its own
// network namespace (scripts/netns: the server sees a real non-loopback peer), with the local certificate
// authority trusted in the test's browser profile (an NSS database in a temporary HOME, as on a phone that
// installed /ca.crt).
//   - https://10.213.21.1:PORT/ from `smr serve --tls`: a secure context, a registered service worker, a granted
//     screen wake lock; the /trust page shows the fingerprint smr serve printed.
//   - http://10.213.22.1:PORT/ from a plain `smr serve`: not a secure context, and the app says so and what to do
//     (item 3), in Settings.
//   - Pairing (item 1) over https: unpaired, the app explains and the API answers 401; a code from `smr pair`
//     opened at /pair gives the device a __Host- cookie (HttpOnly, Secure, SameSite=Strict) and the API works;
//     the same code again is refused. Over plain http, the app says pairing needs the https address.
//
//   node tests/browser/https.test.mjs SMR_BINARY      (as root: it makes and removes two network namespaces)
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { artifactsDir, check, chromiumPath, finish } from './harness.mjs';

const smr = process.argv[2];
if (!smr) {
  console.error('usage: node https.test.mjs SMR_BINARY');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const netns = resolve(here, '..', '..', 'scripts', 'netns');
const artifacts = artifactsDir('https');
const work = mkdtempSync(join(tmpdir(), 'smr-https-'));
const TLS = { name: 'tls21', n: 21 };
const PLAIN = { name: 'tls22', n: 22 };

const servers = [];
const browsers = [];
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const b of browsers) await b.close().catch(() => undefined);
  for (const s of servers) s.kill('SIGTERM');
  for (const ns of [TLS, PLAIN]) {
    try {
      execFileSync(netns, ['down', ns.name]);
    } catch (e) {
      console.log(`could not remove namespace ${ns.name}: ${e.message}`);
    }
  }
  rmSync(work, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => cleanup().then(() => process.exit(1)));

const journalOf = (host) => join(work, `journal-${host}.db`);
const dataEnv = () => ({ ...process.env, XDG_DATA_HOME: join(work, 'data'), TZ: 'UTC' });

// `smr serve` on `host` with `flags`; resolves to { url, lines } once it printed its address.
function serve(host, flags) {
  const env = { ...process.env, XDG_DATA_HOME: join(work, 'data'), TZ: 'UTC' };
  const server = spawn(smr, ['--db', `sqlite:${journalOf(host)}`, 'serve', '--host', host, '--port', '0', '--threads', '2',
                             '--access-log', join(work, `access-${host}.log`), ...flags],
                       { stdio: ['ignore', 'pipe', 'inherit'], env });
  servers.push(server);
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`smr serve printed no address: ${out}`)), 20000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = /running at (https?:\/\/[0-9.]+:\d+)\//.exec(out);
      if (m && out.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        ok({ url: m[1], printed: out });
      }
    });
    server.on('exit', (code) => fail(new Error(`smr serve exited with ${code}: ${out}`)));
  });
}

// A chromium that runs inside namespace `ns` with HOME `home` (its NSS database there), over Playwright's pipe.
async function browserIn(ns, home) {
  const wrapper = join(work, `chromium-${ns.name}`);
  writeFileSync(wrapper, `#!/bin/sh\nexec "${netns}" exec ${ns.name} env HOME="${home}" "${chromiumPath}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const browser = await chromium.launch({ executablePath: wrapper, env: { ...process.env, HOME: home } });
  browsers.push(browser);
  return browser;
}

// A new code from `smr pair` beside the server at `host` (as a person would run it), and the URL it printed for
// that address.
function codeFor(host, port) {
  const out = execFileSync(smr, ['--db', `sqlite:${journalOf(host)}`, 'pair', '--port', String(port), '--no-qr'],
                           { encoding: 'utf8', env: dataEnv() });
  const code = /Pairing code: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(out)?.[1];
  const url = new RegExp(`(https://${host.replace(/\./g, '\\.')}:${port}/pair\\?code=${code})`).exec(out)?.[1];
  return { code, url, out };
}

// The page's own fetch of an API route: its status.
const apiStatus = (page, path) => page.evaluate(async (p) => (await fetch(p)).status, path);

// Pairing from the phone (issue 18 item 1): the URL smr pair printed, the Pair button, the cookie.
async function pair(page, base) {
  const host = new URL(base).hostname;
  const port = new URL(base).port;
  await page.getByTestId('unpaired').waitFor({ timeout: 10000 }).catch(() => undefined);
  check(await page.getByTestId('unpaired').count() === 1, 'unpaired, the app says how to pair instead of a broken page');
  check(await apiStatus(page, '/api/profile') === 401, 'unpaired, GET /api/profile is 401');
  const { code, url, out } = codeFor(host, port);
  if (!check(Boolean(code && url), `smr pair prints a code and the https URL for ${host} (${url ?? out})`)) return;
  await page.goto(url);
  await page.getByTestId('pair-page').waitFor({ timeout: 10000 });
  check(await page.locator('#pair-code').inputValue() === code, 'the pairing page has the code from the URL');
  await page.screenshot({ path: join(artifacts, 'pair.png'), fullPage: true });
  await page.getByRole('button', { name: 'Pair' }).click();
  await page.waitForURL((u) => u.pathname === '/', { timeout: 10000 }).catch(() => undefined);
  const cookie = (await page.context().cookies(base)).find((c) => c.name === '__Host-smr_device');
  check(cookie && cookie.httpOnly && cookie.secure && cookie.sameSite === 'Strict' && cookie.path === '/',
        `paired: a __Host- device cookie, HttpOnly, Secure, SameSite=Strict (${JSON.stringify(cookie && { httpOnly: cookie.httpOnly, secure: cookie.secure, sameSite: cookie.sameSite })})`);
  check(cookie && cookie.value.length >= 32, 'the device credential has at least 128 bits');
  check(await apiStatus(page, '/api/profile') === 200, 'paired, GET /api/profile is 200');
  // The same code again (another device tries it): refused, with the reason shown.
  const other = await page.context().browser().newContext({ viewport: { width: 390, height: 844 } });
  const again = await other.newPage();
  await again.goto(url);
  await again.getByRole('button', { name: 'Pair' }).click();
  const error = await again.getByTestId('pair-error').textContent({ timeout: 10000 }).catch(() => '');
  check(/used/i.test(error), `a code used once is refused ("${error}")`);
  await other.close();
}

try {
  for (const ns of [TLS, PLAIN]) execFileSync(netns, ['up', ns.name, String(ns.n)]);
  const tls = await serve(`10.213.${TLS.n}.1`, ['--tls']);
  const plain = await serve(`10.213.${PLAIN.n}.1`, []);
  check(tls.url.startsWith('https://'), `smr serve --tls prints an https address (${tls.url})`);
  const fingerprint = /([0-9A-F]{2}(?::[0-9A-F]{2}){31})/.exec(tls.printed)?.[1];
  check(Boolean(fingerprint), 'smr serve --tls prints the CA fingerprint');

  // The "phone" trusts the local CA: an NSS database in its HOME, as chromium on Linux reads it.
  const home = join(work, 'home');
  const nssdb = join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'smr', '-i',
                            join(work, 'data', 'smr-coach', 'tls', 'ca.crt')]);

  // ---- https from the namespace --------------------------------------------------------------------------------
  {
    const browser = await browserIn(TLS, home);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.on('console', (m) => console.log(`     console: ${m.type()} ${m.text()}`));
    page.on('pageerror', (e) => console.log(`     page error: ${e.message}`));
    const cdp = await context.newCDPSession(page);
    // Headless chromium has no person to ask: grant the wake lock as a phone's browser does for a visible page.
    await cdp.send('Browser.grantPermissions', { origin: tls.url, permissions: ['wakeLockScreen'] });
    const response = await page.goto(`${tls.url}/`);
    check(response?.ok(), `the https page loads from the namespace with the CA trusted (${response?.status()})`);
    await pair(page, tls.url);
    check(await page.evaluate(() => window.isSecureContext), 'https://10.213.21.1 is a secure context');
    const sw = await page.evaluate(async () => {
      const ready = await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(() => r(null), 15000))]);
      return ready ? Boolean(ready.active) : false;
    });
    if (!check(sw, 'a service worker is registered and active')) {
      console.log(await page.evaluate(async () => JSON.stringify((await navigator.serviceWorker.getRegistrations()).map((r) => [r.scope, Boolean(r.installing), Boolean(r.waiting), Boolean(r.active)]))));
      await page.screenshot({ path: join(artifacts, 'https-home.png'), fullPage: true });
    }
    const wake = await page.evaluate(async () => {
      try {
        const lock = await navigator.wakeLock.request('screen');
        const ok = lock.type === 'screen' && !lock.released;
        await lock.release();
        return ok ? 'granted' : 'not active';
      } catch (e) {
        return `refused: ${e.name} ${e.message}`;
      }
    });
    check(wake === 'granted', `the screen wake lock is granted (${wake})`);
    await page.goto(`${tls.url}/#/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    check((await page.locator('[data-testid=capabilities] [data-missing=insecure]').count()) === 0,
          'over https, Settings does not say the page is insecure');
    await page.goto(`${tls.url}/trust`);
    const shown = await page.locator('#fingerprint').textContent();
    check(shown === fingerprint, `/trust shows the fingerprint smr serve printed (${shown})`);
    await page.screenshot({ path: join(artifacts, 'trust.png'), fullPage: true });
  }

  // ---- plain http from the other namespace ---------------------------------------------------------------------
  {
    const browser = await browserIn(PLAIN, home);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${plain.url}/#/settings`);
    check(!(await page.evaluate(() => window.isSecureContext)), 'http://10.213.22.1 is not a secure context');
    // Not paired (a plain http page cannot keep the Secure device cookie): the app says so and what to do.
    await page.getByTestId('unpaired').waitFor({ timeout: 10000 }).catch(() => undefined);
    check(await page.getByTestId('pair-needs-https').count() === 1, 'over plain http, the app says pairing needs the https address');
    const notice = page.locator('[data-testid=capabilities] [data-missing=insecure]');
    const text = (await notice.count()) ? await notice.textContent() : '';
    check(/plain http/.test(text) && /https address/.test(text) && /screen awake/.test(text),
          `over plain http, the app says what is missing and what to do ("${text.slice(0, 80)}…")`);
    await page.screenshot({ path: join(artifacts, 'plain-http-settings.png'), fullPage: true });
  }
} catch (e) {
  check(false, `the test ran to its end (${e.stack || e})`);
} finally {
  await cleanup();
}
finish(artifacts);
