// What the browser tests share: checks that are counted, the real `smr serve` on a free port with a fresh
// SQLite journal in a temporary folder, axe-core on a page, and the JSON API straight from node.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const chromiumPath = process.env.SMR_CHROMIUM || '/usr/bin/chromium';

export function artifactsDir(...sub) {
  const dir = resolve(process.env.SMR_ARTIFACTS_DIR || join(here, '..', '..', 'test-artifacts', 'browser'), ...sub);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const failures = [];
const t0 = Date.now();
export function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}  [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
  if (!ok) failures.push(what);
  return ok;
}

// Prints the failed checks and exits 1, or says all passed.
export function finish(artifacts) {
  console.log(`\nscreenshots: ${artifacts}`);
  if (failures.length) {
    console.log(`\n${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nall checks passed');
}

// `smr --db sqlite:<tmp> serve --port 0` (with --test-time-scale `scale` when the build has it). `args`: more
// options of serve (e.g. --accounts); `setup(journal)`: run on the journal before the server starts (e.g. `smr user
// add`). Resolves to { url, journal (its SQLite file), stop() }.
export async function startServer(smr, { scale = 10, prefix = 'smr-browser-', args = [], setup } = {}) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  if (setup) setup(join(work, 'journal.db'));
  const help = execFileSync(smr, ['serve', '--help'], { encoding: 'utf8' });
  const timeScale = help.includes('--test-time-scale') && scale !== 1 ? ['--test-time-scale', String(scale)] : [];
  const server = spawn(smr, ['--db', `sqlite:${join(work, 'journal.db')}`, 'serve', '--port', '0', '--threads', '2',
                             '--access-log', join(work, 'access.log'), ...timeScale, ...args],
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
  console.log(`server: ${url}${timeScale.length ? ` (time x${scale})` : ''}`);
  return {
    url,
    journal: join(work, 'journal.db'),
    stop() {
      server.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    },
  };
}

// axe-core on the page as it is: no serious or critical violations.
export async function axe(page, name) {
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

export function api(base) {
  return async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}
