#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/corpus/<target>/) from the repository's own examples: the
x-smr-example requests of docs/openapi.yaml, the e2e test journal (tests/e2e/data/journal.json), the loader
tests' tiny catalog (tests/unit/tiny_catalog.h) and small built-in catalog files. The routine seeds
(corpus/json_routine/plan-*.json) are `smr plan --json` output, kept as they are. Run from anywhere:
    python3 fuzz/make-seeds.py
"""
import json
import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data.encode() if isinstance(data, str) else data)


def request(method, target, body=None, close=False):
    lines = [f"{method} {target} HTTP/1.1", "Host: localhost:8080"]
    payload = b""
    if body is not None:
        payload = compact(body).encode()
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


def openapi_examples():
    spec = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text())
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or "x-smr-example" not in op:
                continue
            examples = json.loads(op["x-smr-example"])
            for ex in examples if isinstance(examples, list) else [examples]:
                yield method.upper(), op["operationId"], ex


def main():
    journal = json.loads((ROOT / "tests" / "e2e" / "data" / "journal.json").read_text())
    profile = journal["profiles"][0]["profile"]

    # HTTP: every documented request on its own, and pipelined conversations (profile -> plan -> session).
    bodies = {}
    seen = {}
    for method, op_id, ex in openapi_examples():
        if "follows" in ex:
            continue
        name = re.sub(r"[^a-z0-9]+", "-", op_id.lower())
        data = request(method, ex["target"], ex.get("body"))
        seen[name] = seen.get(name, 0) + 1
        write("http_request", f"{name}{'' if seen[name] == 1 else seen[name]}.http", data)
        if "body" in ex:
            bodies.setdefault(op_id, ex["body"])
    routine = bodies["startSession"]["routine"]
    write("http_request", "conversation.http",
          request("PUT", "/api/profile", profile) + request("GET", "/api/screening") +
          request("POST", "/api/plan", {"goal": "daily-mobility", "minutes": 5}) +
          request("POST", "/api/sessions", {"routine": routine}) + request("GET", "/api/sessions") +
          request("GET", "/api/progress?tz=UTC") + request("GET", "/api/export", close=True))
    write("http_request", "catalog.http",
          request("GET", "/api/health") + request("GET", "/api/catalog/regions") +
          request("GET", "/api/catalog/exercises?region=calves&tool=lacrosse-ball") +
          request("GET", "/api/catalog/exercises/calves-roller") + request("GET", "/api/learn/fascia"))
    write("http_request", "static.http",
          request("GET", "/") + request("HEAD", "/assets/app.js") + request("GET", "/journal?x=1") +
          b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\nIf-None-Match: \"x\"\r\n\r\n")
    write("http_request", "chunked.http",
          b"PUT /api/settings HTTP/1.1\r\nHost: [::1]:8080\r\nContent-Type: application/json\r\n"
          b"Transfer-Encoding: chunked\r\n\r\n8\r\n{\"voice\"\r\n7\r\n:false}\r\n0\r\n\r\n")

    # JSON readers.
    write("json_profile", "profile.json", compact(profile))
    write("json_profile", "profile-input.json", compact(bodies["putProfile"]))
    write("json_profile", "empty.json", "{}")
    write("json_import", "journal.json", compact(journal))
    write("json_import", "example.json", compact(bodies["importJournal"]))
    write("json_routine", "session-routine.json", compact(routine))
    inputs = {
        "pause": {"kind": "pause"},
        "check-in": {"kind": "check-in", "intensity": 6, "qualities": ["ache", "pressure"], "note": "ok"},
        "red-flag": {"kind": "red-flag", "red_flag": "spreading-numbness"},
        "extend": {"kind": "extend-hold", "seconds": 15},
        "check-in-answer": {"intensity": 3, "quality": "pressure"},
        "session-settings": {"breaths_per_min": 6, "get_ready_s": 10, "check_in_s": 20},
        "plan": bodies["plan"],
        "plan-focus": {"goal": "specific-ache", "minutes": 8, "tools": ["lacrosse-ball"], "context": "floor",
                       "focus": [{"region": "calves", "side": "left"}], "get_ready_s": 20, "check_in_s": 20},
        "self-test": bodies["recordSelfTest"],
        "soreness": bodies["recordSoreness"],
        "workout": bodies["recordWorkout"],
        "settings": {"breaths_per_minute": 6, "voice": True, "units": "imperial"},
    }
    for name, value in inputs.items():
        write("json_input", f"{name}.json", compact(value))

    # Catalog: the tiny catalog (complete and valid) as files split by "#%file" lines, and small built-in files.
    header = (ROOT / "tests" / "unit" / "tiny_catalog.h").read_text()
    texts = re.findall(r'inline constexpr std::string_view k\w+ = R"\((.*?)\)";', header, re.S)
    write("catalog", "tiny-catalog.toml", "\n#%file\n".join(texts))
    for name in ["lines.toml", "techniques.toml", "tools.toml", "zones.toml"]:
        write("catalog", name, (ROOT / "catalog" / name).read_text())


if __name__ == "__main__":
    main()
