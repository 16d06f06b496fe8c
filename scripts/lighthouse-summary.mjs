// Sums up Lighthouse runs of one page (scripts/lighthouse.sh): the median run by performance score, the range of
// the scores, the metrics of the median run, and what the app's own code costs there (requests, bytes, main-thread
// work, script evaluation), which do not depend on how loaded the machine is as much as the scores do.
//
//   node scripts/lighthouse-summary.mjs NAME LOADS REPORT.json...
//
// LOADS: the 1-minute load averages taken before each run, comma-separated, in the reports' order.
// Exits 1 when the median run is under a target (performance 95, accessibility 100, best practices 100).
import { readFileSync } from 'node:fs';

const [name, loadsArg, ...files] = process.argv.slice(2);
const loads = loadsArg.split(',');
const targets = { performance: 95, accessibility: 100, 'best-practices': 100 };
const runs = files.map((f, i) => {
  const r = JSON.parse(readFileSync(f, 'utf8'));
  const score = (id) => Math.round((r.categories[id]?.score ?? 0) * 100);
  const requests = r.audits['network-requests']?.details?.items ?? [];
  return {
    r,
    load: loads[i] ?? '?',
    scores: Object.fromEntries(Object.keys(targets).map((id) => [id, score(id)])),
    requests: requests.length,
    // Each API path with how many times it was fetched ("/api/profile ×3"); a session's uid is written <uid>.
    api: Object.entries(
      requests
        .map((q) => new URL(q.url).pathname)
        .filter((p) => p.startsWith('/api/'))
        .map((p) => p.replace(/[0-9a-f]{32}/, '<uid>'))
        .reduce((n, p) => ({ ...n, [p]: (n[p] ?? 0) + 1 }), {}),
    ).map(([p, n]) => (n > 1 ? `${p} ×${n}` : p)),
    script_kb: requests.filter((q) => q.resourceType === 'Script').reduce((s, q) => s + (q.transferSize ?? 0), 0) / 1024,
    total_kb: (r.audits['total-byte-weight']?.numericValue ?? 0) / 1024,
    main_ms: r.audits['mainthread-work-breakdown']?.numericValue ?? 0,
    bootup_ms: r.audits['bootup-time']?.numericValue ?? 0,
  };
});
const sorted = [...runs].sort((a, b) => a.scores.performance - b.scores.performance);
const median = sorted[Math.floor((sorted.length - 1) / 2)];
const m = (k) => median.r.audits[k]?.displayValue ?? '?';
const range = (id) => {
  const v = runs.map((x) => x.scores[id]);
  return Math.min(...v) === Math.max(...v) ? `${v[0]}` : `${Math.min(...v)}–${Math.max(...v)}`;
};
let ok = true;
const parts = Object.entries(targets).map(([id, min]) => {
  if (median.scores[id] < min) ok = false;
  return `${id} ${median.scores[id]}${median.scores[id] < min ? ` (< ${min})` : ''} [${range(id)}]`;
});
console.log(`${name.padEnd(11)} median of ${runs.length}: ${parts.join(', ')}; load ${runs.map((x) => x.load).join(' ')}`);
console.log(`            FCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, TBT ${m('total-blocking-time')}, CLS ${m('cumulative-layout-shift')}, SI ${m('speed-index')}`);
console.log(`            ${median.requests} requests, ${median.total_kb.toFixed(0)} KiB (script ${median.script_kb.toFixed(1)} KiB), main thread ${(median.main_ms / 1000).toFixed(1)} s, script evaluation ${(median.bootup_ms / 1000).toFixed(1)} s; API: ${median.api.join(' ') || 'none'}`);
for (const id of ['accessibility', 'best-practices']) {
  for (const ref of median.r.categories[id]?.auditRefs ?? []) {
    const a = median.r.audits[ref.id];
    if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`            ${id}: ${a.id}: ${a.title}`);
  }
}
process.exit(ok ? 0 : 1);
