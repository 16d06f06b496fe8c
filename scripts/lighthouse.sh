#!/usr/bin/env bash
# Lighthouse (mobile: its default form factor, simulated slow 4G and 4x CPU slowdown) on the web app that
# `smr serve` embeds, in Debian's chromium: performance, accessibility and best practices, for the first visit
# (/ on a fresh journal: the safety questions), the plan page (#/plan), the session player (#/session/<uid>, a
# live session started through the API) and the progress page (#/progress). Each page is measured RUNS times and
# the median run is the figure; prints the scores, the metrics and what the app itself cost (requests, bytes,
# main-thread work, the API calls), with the load average before each run, and fails when a median score is under
# its target (performance 95, accessibility 100, best practices 100). Not part of `make test`: performance scores
# depend on the machine being quiet.
#
#   scripts/lighthouse.sh [SMR_BINARY]     (default build/release/smr; `make lighthouse` builds it first)
#
# Environment: SMR_CHROMIUM (default /usr/bin/chromium); LIGHTHOUSE_OUT (default test-artifacts/lighthouse),
# where the JSON and HTML reports go; LIGHTHOUSE_RUNS (default 3) runs per page, the median is the figure;
# LIGHTHOUSE_PAGES (default "first-visit plan player progress"). Lighthouse itself comes from npm
# (tools/lighthouse, pinned, npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
smr=${1:-build/release/smr}
chromium=${SMR_CHROMIUM:-/usr/bin/chromium}
out=${LIGHTHOUSE_OUT:-$root/test-artifacts/lighthouse}
runs=${LIGHTHOUSE_RUNS:-3}
pages=${LIGHTHOUSE_PAGES:-first-visit plan player progress}
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

# The first visit is measured on the fresh journal (no screening saved: / goes to the safety questions). The other
# pages need a person who has answered: a screening, a plan and a live session (as the phone starts one) are
# made through the API before the first of them.
json() { curl -sf -X "$1" -H 'Content-Type: application/json' ${3:+-d "$3"} "$url$2"; }
uid=
screened() {
  [[ -n $uid ]] && return
  json PUT /api/profile '{"experience":"new","tools":["foam-roller-medium"]}' >/dev/null
  local routine
  routine=$(json POST /api/plan '{"goal":"daily-mobility","minutes":10}')
  uid=$(json POST /api/sessions "{\"routine\":$routine,\"settings\":{\"check_in_s\":20}}" | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).uid))')
}

status=0
# One page, RUNS times (a fresh browser profile each time: every run is a first visit of that page); the median
# run by performance score is the figure (scripts/lighthouse-summary.mjs). The 1-minute load average before each
# run is printed beside it: on a loaded machine the scores measure the other processes as much as the app.
run() {
  local name=$1 page=$2 loads= reports=()
  for i in $(seq "$runs"); do
    # A run Lighthouse itself gives up on (on a loaded machine: "NO_NAVSTART", no trace) is tried once more.
    local attempt load
    for attempt in 1 2; do
      load=$(cut -d' ' -f1 /proc/loadavg)
      if CHROME_PATH=$chromium "$tools/node_modules/.bin/lighthouse" "$page" --quiet \
        --only-categories=performance,accessibility,best-practices \
        --chrome-flags="--headless=new --no-sandbox" \
        --output=json --output=html --output-path="$out/$name-$i" >/dev/null; then
        loads+=${loads:+,}$load
        reports+=("$out/$name-$i.report.json")
        break
      fi
      echo "$name: run $i, attempt $attempt: Lighthouse failed" >&2
      if [[ $attempt == 2 ]]; then status=1; fi
    done
  done
  ((${#reports[@]})) || { echo "$name: no run completed" >&2; return; }
  node scripts/lighthouse-summary.mjs "$name" "$loads" "${reports[@]}" || status=1
}
echo "Lighthouse $("$tools/node_modules/.bin/lighthouse" --version) (mobile), $("$chromium" --version 2>/dev/null | head -1), $url, $runs run(s) per page, $(nproc) cores"
for page in $pages; do
  case $page in
    first-visit) run first-visit "$url/" ;;
    plan) screened && run plan "$url/#/plan" ;;
    player) screened && run player "$url/#/session/$uid" ;;
    progress) screened && run progress "$url/#/progress" ;;
    *) echo "lighthouse.sh: no page '$page' (LIGHTHOUSE_PAGES takes first-visit, plan, player, progress)" >&2; exit 2 ;;
  esac
done
echo "reports: $out"
exit $status
