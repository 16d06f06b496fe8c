#!/usr/bin/env bash
# Lighthouse (mobile: its default form factor, simulated slow 4G and 4x CPU slowdown) on the web app that
# `smr serve` embeds, in Debian's chromium: performance, accessibility and best practices, for the first visit
# (/, the safety questions) and for the session player (#/session/<uid>, a live session started through the
# API). Prints the scores and fails when one is under its target (performance 95, accessibility 100, best
# practices 100). Not part of `make test`: performance scores depend on the machine being quiet.
#
#   scripts/lighthouse.sh [SMR_BINARY]     (default build/release/smr; `make lighthouse` builds it first)
#
# Environment: SMR_CHROMIUM (default /usr/bin/chromium); LIGHTHOUSE_OUT (default test-artifacts/lighthouse),
# where the JSON and HTML reports go. Lighthouse itself comes from npm (tools/lighthouse, pinned, npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
smr=${1:-build/release/smr}
chromium=${SMR_CHROMIUM:-/usr/bin/chromium}
out=${LIGHTHOUSE_OUT:-$root/test-artifacts/lighthouse}
[[ -x $smr ]] || { echo "lighthouse.sh: $smr is not an executable smr binary (build it: make release)" >&2; exit 2; }
[[ -x $chromium ]] || { echo "lighthouse.sh: no chromium at $chromium (set SMR_CHROMIUM)" >&2; exit 2; }
mkdir -p "$out"

tools=$root/tools/lighthouse
if [[ ! -x $tools/node_modules/.bin/lighthouse || $tools/package-lock.json -nt $tools/node_modules/.package-lock.json ]]; then
  (cd "$tools" && npm ci --no-audit --no-fund)
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
"$smr" --db "sqlite:$work/journal.db" serve --port 0 --access-log "$work/access.log" >"$work/serve.out" &
server_pid=$!
url=
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" | head -1 || true)
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { echo "lighthouse.sh: smr serve printed no address" >&2; exit 1; }

# A live session for the player page: a screening, a plan, a session (as the phone starts one).
json() { curl -sf -X "$1" -H 'Content-Type: application/json' ${3:+-d "$3"} "$url$2"; }
json PUT /api/profile '{"experience":"new","tools":["foam-roller-medium"]}' >/dev/null
routine=$(json POST /api/plan '{"goal":"daily-mobility","minutes":10}')
uid=$(json POST /api/sessions "{\"routine\":$routine,\"settings\":{\"check_in_s\":20}}" | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).uid))')

status=0
run() {
  local name=$1 page=$2
  CHROME_PATH=$chromium "$tools/node_modules/.bin/lighthouse" "$page" --quiet \
    --only-categories=performance,accessibility,best-practices \
    --chrome-flags="--headless=new --no-sandbox" \
    --output=json --output=html --output-path="$out/$name" >/dev/null
  node -e '
    const r = require(process.argv[1]);
    const [name, targets] = [process.argv[2], { performance: 95, accessibility: 100, "best-practices": 100 }];
    let ok = true;
    const parts = Object.entries(targets).map(([id, min]) => {
      const score = Math.round((r.categories[id]?.score ?? 0) * 100);
      if (score < min) ok = false;
      return `${id} ${score}${score < min ? ` (< ${min})` : ""}`;
    });
    console.log(`${name.padEnd(8)} ${parts.join(", ")}`);
    for (const [id] of Object.entries(targets)) {
      for (const ref of r.categories[id]?.auditRefs ?? []) {
        const a = r.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1 && id !== "performance") console.log(`         ${id}: ${a.id}: ${a.title}`);
      }
    }
    const m = (k) => r.audits[k]?.displayValue ?? "?";
    console.log(`         FCP ${m("first-contentful-paint")}, LCP ${m("largest-contentful-paint")}, TBT ${m("total-blocking-time")}, CLS ${m("cumulative-layout-shift")}, SI ${m("speed-index")}`);
    process.exit(ok ? 0 : 1);
  ' "$out/$name.report.json" "$name" || status=1
}
echo "Lighthouse $("$tools/node_modules/.bin/lighthouse" --version) (mobile), $("$chromium" --version 2>/dev/null | head -1), $url"
run first-visit "$url/"
run player "$url/#/session/$uid"
echo "reports: $out"
exit $status
