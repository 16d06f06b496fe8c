#!/usr/bin/env python3
"""HTTP load benchmark of `smr serve` (issue 7), next to nginx serving files of the same sizes in the same run.

  bench_http.py --smr build/release/smr [--duration 10] [--threads 2] [--connections 256]

1. A fresh SQLite journal in a temp dir with a year of daily sessions (gen_journal.py, then `smr import`).
2. `smr serve` on a free port (default threads: one per processor; access log to a file in the temp dir) and
   nginx on another free port (unprivileged config in the temp dir, no daemon, access log off, the same worker
   count, the same security headers), serving for each measured response a static file of the same body size.
3. Bounded wrk runs (--latency) against each endpoint and its same-size nginx file, alternately:
   GET /api/catalog/exercises (identity, as wrk asks, and gzip, as a browser asks, against a file of the
   compressed size), /api/catalog/regions, a catalog entry, /api/health, and /api/progress (identity and gzip) and
   POST /api/plan when the build has those routes (detected: a 2xx answer). POST /api/plan is recorded only.
4. Slowloris: 30 connections that send a request's headers one byte at a time (one byte a second); meanwhile
   many fresh-connection requests measure a normal request's latency, compared with the same samples taken
   without them; then checks that the server dropped every slow connection by its header timeout.

Targets (exit status 1 when one is missed): catalog, progress (and health, the journal-read stand-in while
progress is missing) at >= 0.5 x nginx's requests/s for the same size and p99 < 20 ms at 256 connections;
slowloris adds < 100 ms to a normal request's p50 and p99, and every slow connection is dropped within the
header timeout (+ 2 s).
Python 3 standard library only; needs wrk and nginx (scripts/install-bench-deps).
"""
import argparse
import http.client
import json
import os
import pathlib
import re
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent

RATIO_TARGET = 0.5
P99_TARGET_MS = 20.0
SLOWLORIS_TARGET_MS = 100.0
SLOW_CONNECTIONS = 30
HEADER_TIMEOUT_S = 10.0  # smr serve's default --header-timeout, passed explicitly

# Response headers of smr that nginx is told to add too, so both send about the same bytes.
COPIED_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy",
                  "cross-origin-opener-policy", "cross-origin-resource-policy", "cache-control", "vary")

# A plan request for POST /api/plan (docs/openapi.yaml, PlanRequest): a 10-minute recovery after a run, with the
# tools named in the request (the bench journal has no saved profile).
PLAN_BODY = {"goal": "post-workout", "minutes": 10, "activity": "running",
             "tools": ["foam-roller-medium", "lacrosse-ball"], "focus": [{"region": "calves", "side": "right"}]}


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_average():
    return os.getloadavg()[0]


def fetch(port, method, path, body=None, headers=None):
    """(status, headers as a lower-case dict, body bytes) over a fresh connection."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data
    finally:
        c.close()


def wait_port(port, process, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench-http: the server on port {port} exited ({process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"bench-http: nothing listens on port {port} after {seconds} s")


# ---- wrk ------------------------------------------------------------------------------------------------

def to_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        raise ValueError(text)
    v = float(m.group(1))
    return v * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m.group(2)]


def wrk(url, a, script=None, headers=None):
    cmd = ["wrk", "-t", str(a.threads), "-c", str(a.connections), "-d", f"{a.duration}s", "--latency",
           "--timeout", "5s"]
    for k, v in (headers or {}).items():
        cmd += ["-H", f"{k}: {v}"]
    if script:
        cmd += ["-s", str(script)]
    cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    r = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "non2xx": 0, "errors": 0}
    for p in ("50", "99"):
        r["p" + p] = to_ms(re.search(rf"^\s+{p}(?:\.000)?%\s+(\S+)", out, re.M).group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        r["non2xx"] = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        r["errors"] = sum(int(x) for x in m.groups())
        r["error_text"] = m.group(0)
    r["raw"] = out
    return r


# ---- servers --------------------------------------------------------------------------------------------

def make_journal(smr, tmp):
    export = tmp / "journal.json"
    subprocess.run([sys.executable, str(HERE / "gen_journal.py"), str(ROOT / "catalog"), str(export)], check=True,
                   stdout=sys.stderr)
    db = f"sqlite:{tmp / 'journal.db'}"
    subprocess.run([smr, "--db", db, "import", str(export)], check=True, stdout=sys.stderr)
    return db


def start_smr(smr, db, tmp):
    p = subprocess.Popen([smr, "--db", db, "serve", "--host", "127.0.0.1", "--port", "0",
                          "--header-timeout", str(HEADER_TIMEOUT_S), "--access-log", str(tmp / "access.log")],
                         stdout=subprocess.PIPE, stderr=open(tmp / "smr-stderr.log", "w"), text=True)
    line = p.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        p.kill()
        raise SystemExit(f"bench-http: smr serve did not start: {line!r}; see {tmp / 'smr-stderr.log'}")
    return p, int(m.group(1))


def start_nginx(tmp, www, headers, workers):
    port = free_port()
    quote = lambda v: '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    adds = "\n".join(f"      add_header {k} {quote(v)} always;" for k, v in headers.items())
    (tmp / "nginx.conf").write_text(f"""
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 15s;
  keepalive_requests 1000000;  # smr serve has no per-connection cap either
  server_tokens off;
  open_file_cache max=100 inactive=60s;
  open_file_cache_valid 60s;
  client_body_temp_path {tmp}/nginx-body;
  proxy_temp_path {tmp}/nginx-proxy;
  fastcgi_temp_path {tmp}/nginx-fastcgi;
  uwsgi_temp_path {tmp}/nginx-uwsgi;
  scgi_temp_path {tmp}/nginx-scgi;
  types {{ application/json json; }}
  server {{
    listen 127.0.0.1:{port};
    root {www};
    location / {{
{adds}
    }}
  }}
}}
""")
    p = subprocess.Popen(["nginx", "-p", str(tmp), "-e", str(tmp / "nginx-error.log"), "-c", str(tmp / "nginx.conf")],
                         stdout=subprocess.DEVNULL, stderr=open(tmp / "nginx-stderr.log", "w"))
    try:
        wait_port(port, p)
    except SystemExit:
        log((tmp / "nginx-error.log").read_text() if (tmp / "nginx-error.log").exists() else "")
        stop(p)
        raise
    return p, port


def stop(p, timeout=15):
    if p and p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


# ---- slowloris ------------------------------------------------------------------------------------------

def sample_latencies(port, path, n, pause):
    out = []
    for _ in range(n):
        t = time.perf_counter()
        status, _, _ = fetch(port, "GET", path)
        out.append((time.perf_counter() - t) * 1000)
        if status != 200:
            raise SystemExit(f"bench-http: {path} answered {status} during the slowloris test")
        time.sleep(pause)
    return out


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


class Slowloris(threading.Thread):
    """N connections sending a request's headers one byte a second; records when the server closes each."""

    def __init__(self, port, n):
        super().__init__(daemon=True)
        self.request = (b"GET /api/catalog/regions HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slowloris\r\n"
                        b"X-Padding: " + b"a" * 40 + b"\r\n\r\n")
        self.socks = []
        for _ in range(n):
            s = socket.create_connection(("127.0.0.1", port))
            s.setblocking(False)
            self.socks.append({"sock": s, "start": time.monotonic(), "sent": 0, "closed": None, "answer": b""})
        self.stop_at = time.monotonic() + HEADER_TIMEOUT_S + 8

    def run(self):
        next_byte = time.monotonic()
        while time.monotonic() < self.stop_at and any(c["closed"] is None for c in self.socks):
            now = time.monotonic()
            if now >= next_byte:
                for c in self.socks:
                    if c["closed"] is None and c["sent"] < len(self.request) - 1:  # never completes a request
                        try:
                            c["sock"].send(self.request[c["sent"]:c["sent"] + 1])
                            c["sent"] += 1
                        except OSError:
                            c["closed"] = now - c["start"]
                next_byte += 1.0
            live = [c for c in self.socks if c["closed"] is None]
            readable, _, _ = select.select([c["sock"] for c in live], [], [], 0.05)
            for c in live:
                if c["sock"] in readable:
                    try:
                        data = c["sock"].recv(4096)
                    except OSError:
                        data = b""
                    if data:
                        c["answer"] += data
                    else:
                        c["closed"] = time.monotonic() - c["start"]
        for c in self.socks:
            c["sock"].close()


def slowloris_test(port, path, samples):
    log(f"bench-http: slowloris: {samples} samples of GET {path} without, then with {SLOW_CONNECTIONS} slow "
        f"connections (load {load_average():.2f})")
    fetch(port, "GET", path)
    base = sample_latencies(port, path, samples, 0.02)
    slow = Slowloris(port, SLOW_CONNECTIONS)
    slow.start()
    time.sleep(1.0)  # every slow connection has sent a byte or two
    under = sample_latencies(port, path, samples, 0.02)
    still_open_after_samples = sum(c["closed"] is None for c in slow.socks)
    slow.join()
    closed = [c["closed"] for c in slow.socks if c["closed"] is not None]
    answered = sum(bool(c["answer"]) for c in slow.socks)
    return {
        "base_p50": pct(base, 50), "base_p99": pct(base, 99), "p50": pct(under, 50), "p99": pct(under, 99),
        "samples": samples, "open_during": still_open_after_samples, "dropped": len(closed),
        "drop_min": min(closed) if closed else None, "drop_max": max(closed) if closed else None,
        "answered": answered,
    }


# ---- main -----------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smr", default=str(ROOT / "build/release/smr"))
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--connections", type=int, default=256)
    ap.add_argument("--slow-samples", type=int, default=300)
    ap.add_argument("--skip-slowloris", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (journal, logs, wrk outputs)")
    a = ap.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
            raise SystemExit(f"bench-http: {tool} is missing; run scripts/install-bench-deps")
    if not shutil.which("nginx"):
        os.environ["PATH"] += ":/usr/sbin"

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="smr-bench-http-"))
    os.chmod(tmp, 0o755)  # nginx's workers run as nobody when started as root
    smr = nginx = None
    try:
        db = make_journal(a.smr, tmp)
        smr, port = start_smr(a.smr, db, tmp)
        threads = int(subprocess.run(["nproc"], capture_output=True, text=True).stdout)
        log(f"bench-http: smr serve on port {port} ({threads} threads), temp dir {tmp}")

        # What to measure: (name, method, path, body, gated by the targets, request headers).
        endpoints = [("catalog exercises", "GET", "/api/catalog/exercises", None, True, None),
                     ("catalog exercises gzip", "GET", "/api/catalog/exercises", None, True,
                      {"Accept-Encoding": "gzip"}),
                     ("catalog regions", "GET", "/api/catalog/regions", None, True, None),
                     ("catalog entry", "GET", "/api/catalog/exercises/calves-roller", None, True, None)]
        status, _, _ = fetch(port, "GET", "/api/progress")
        has_progress = 200 <= status < 300
        if has_progress:
            endpoints.append(("progress", "GET", "/api/progress", None, True, None))
            # As a browser asks (the web app's own request): the answer compressed, against nginx serving a file
            # of the compressed size.
            endpoints.append(("progress gzip", "GET", "/api/progress", None, True, {"Accept-Encoding": "gzip"}))
        else:
            log(f"bench-http: GET /api/progress answered {status}: not in this build; measuring /api/health "
                "(a journal read) in its place")
        endpoints.append(("health (journal read)", "GET", "/api/health", None, not has_progress, None))
        plan_body = json.dumps(PLAN_BODY)
        status, _, answer = fetch(port, "POST", "/api/plan", plan_body, {"Content-Type": "application/json"})
        if 200 <= status < 300:
            endpoints.append(("plan (POST)", "POST", "/api/plan", plan_body, False, None))
        else:
            log(f"bench-http: POST /api/plan answered {status} ({answer[:200]!r}): not measured")

        # Probe each one as wrk asks (no Accept-Encoding), write the same-size file for nginx.
        www = tmp / "www"
        www.mkdir()
        os.chmod(www, 0o755)
        probes = {}
        copied = {}
        for name, method, path, body, _, extra in endpoints:
            hdrs = {"Content-Type": "application/json"} if body else {}
            hdrs.update(extra or {})
            status, headers, data = fetch(port, method, path, body, hdrs)
            if not 200 <= status < 300:
                raise SystemExit(f"bench-http: {method} {path} answered {status}: {data[:300]!r}")
            f = www / f"size-{len(data)}.json"
            f.write_bytes((data if data else b"").ljust(len(data), b" "))
            os.chmod(f, 0o644)
            probes[name] = (len(data), f.name)
            for k in COPIED_HEADERS:
                if k in headers and k not in ("cache-control", "vary"):
                    copied[k] = headers[k]
        nginx, nport = start_nginx(tmp, www, copied, threads)
        log(f"bench-http: nginx on port {nport} ({threads} workers)")

        rows, failures = [], []
        for name, method, path, body, gated, extra in endpoints:
            size, fname = probes[name]
            script = None
            if method == "POST":
                script = tmp / "post.lua"
                script.write_text(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n'
                                  'wrk.headers["Content-Type"] = "application/json"\n')
            load = load_average()
            log(f"bench-http: {name}: {method} {path} ({size} bytes), load average {load:.2f}")
            s = wrk(f"http://127.0.0.1:{port}{path}", a, script, extra)
            n = wrk(f"http://127.0.0.1:{nport}/{fname}", a) if method == "GET" else None
            (tmp / f"wrk-{name.split()[0]}-{size}.txt").write_text(s["raw"] + "\n----- nginx\n" + (n["raw"] if n else ""))
            ratio = s["rps"] / n["rps"] if n else None
            ok = True
            notes = []
            if s["non2xx"] or s["errors"]:
                notes.append(f"{s['non2xx']} non-2xx, {s.get('error_text', '')}")
            if gated:
                if ratio is None or ratio < RATIO_TARGET:
                    ok = False
                    failures.append(f"{name}: {ratio:.2f} x nginx (target >= {RATIO_TARGET})")
                if s["p99"] >= P99_TARGET_MS:
                    ok = False
                    failures.append(f"{name}: p99 {s['p99']:.2f} ms (target < {P99_TARGET_MS:g} ms)")
                if s["non2xx"] or s["errors"]:
                    ok = False
                    failures.append(f"{name}: {'; '.join(notes)}")
            rows.append((name, f"{method} {path}" + (" (gzip)" if extra else ""), size, load, s, n, ratio,
                         ("ok" if ok else "MISSED") if gated else "recorded", "; ".join(notes)))

        print()
        print(f"wrk -t{a.threads} -c{a.connections} -d{a.duration}s --latency; smr serve {threads} threads, "
              f"nginx {threads} workers; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        print()
        print("| endpoint | bytes | load | smr req/s | smr p50 | smr p99 | nginx req/s | nginx p50 | nginx p99 "
              "| smr / nginx | target |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for name, what, size, load, s, n, ratio, verdict, notes in rows:
            nt = (f"{n['rps']:.0f} | {n['p50']:.2f} ms | {n['p99']:.2f} ms" if n else "– | – | –")
            print(f"| {what} | {size} | {load:.2f} | {s['rps']:.0f} | {s['p50']:.2f} ms | {s['p99']:.2f} ms | {nt} "
                  f"| {f'{ratio:.2f}' if ratio is not None else '–'} | {verdict}{' (' + notes + ')' if notes else ''} |")

        if not a.skip_slowloris:
            r = slowloris_test(port, "/api/catalog/regions", a.slow_samples)
            d50, d99 = r["p50"] - r["base_p50"], r["p99"] - r["base_p99"]
            print()
            print(f"Slowloris: {SLOW_CONNECTIONS} connections sending headers at 1 byte/s; GET /api/catalog/regions, "
                  f"{r['samples']} samples each, a fresh connection per request")
            print()
            print("| | p50 | p99 |")
            print("|---|---|---|")
            print(f"| without | {r['base_p50']:.2f} ms | {r['base_p99']:.2f} ms |")
            print(f"| with {SLOW_CONNECTIONS} slow connections open ({r['open_during']} still open after the samples) "
                  f"| {r['p50']:.2f} ms | {r['p99']:.2f} ms |")
            print(f"| increase (target < {SLOWLORIS_TARGET_MS:g} ms) | {d50:+.2f} ms | {d99:+.2f} ms |")
            dm = (f"{r['drop_min']:.1f}–{r['drop_max']:.1f} s after connecting" if r["dropped"] else "")
            print(f"\nSlow connections dropped by the server: {r['dropped']} of {SLOW_CONNECTIONS} {dm} "
                  f"(header timeout {HEADER_TIMEOUT_S:g} s); {r['answered']} got response bytes")
            if max(d50, d99) >= SLOWLORIS_TARGET_MS:
                failures.append(f"slowloris: latency +{max(d50, d99):.1f} ms (target < {SLOWLORIS_TARGET_MS:g} ms)")
            if r["open_during"] < SLOW_CONNECTIONS * 0.9:
                failures.append(f"slowloris: only {r['open_during']} slow connections were still open while "
                                "sampling (the test did not hold them)")
            if r["dropped"] != SLOW_CONNECTIONS or r["drop_max"] > HEADER_TIMEOUT_S + 2 or \
                    r["drop_min"] < HEADER_TIMEOUT_S - 0.5:
                failures.append(f"slowloris: {r['dropped']} of {SLOW_CONNECTIONS} dropped, {dm} "
                                f"(expected all, at {HEADER_TIMEOUT_S:g}–{HEADER_TIMEOUT_S + 2:g} s)")

        print()
        if failures:
            print("TARGETS MISSED:\n  " + "\n  ".join(failures))
        else:
            print("All targets met.")
        return 1 if failures else 0
    finally:
        stop(nginx)
        stop(smr)
        if a.keep:
            log(f"bench-http: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
