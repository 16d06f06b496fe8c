#!/usr/bin/env python3
"""Writes a realistic journal export (docs/storage.md, "Export format") for `smr import`: one person, a year
of daily sessions ending the day before END (default 2026-11-21), each rolling 4-7 exercises of the built-in
catalog with 1-3 check-ins per step, the events a session writes, an adaptation now and then, and a
knee-to-wall and a sit-and-reach self-test before and after one session a week. Deterministic for a seed.
Python 3 standard library only (tomllib: Python 3.11, Debian 12's python3).

usage: gen_journal.py CATALOG_DIR OUT.json [--days 365] [--seed 7]
"""
import argparse
import datetime as dt
import json
import pathlib
import random
import tomllib


def load_exercises(catalog_dir):
    """(exercise id, region id, paired) for every exercise of the built-in catalog."""
    regions = {}
    with open(catalog_dir / "regions.toml", "rb") as f:
        for r in tomllib.load(f)["region"]:
            regions[r["id"]] = r.get("laterality", "midline") == "paired"
    out = []
    for path in sorted((catalog_dir / "exercises").glob("*.toml")):
        with open(path, "rb") as f:
            for e in tomllib.load(f).get("exercise", []):
                out.append((e["id"], e["region"], regions.get(e["region"], False)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("catalog", type=pathlib.Path)
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--end", default="2026-11-21")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    exercises = load_exercises(a.catalog)
    favourites = rng.sample(exercises, 12)  # a person rolls the same few areas most days

    def uid():
        return "%032x" % rng.getrandbits(128)

    end = dt.datetime.fromisoformat(a.end).replace(tzinfo=dt.timezone.utc)
    start = end - dt.timedelta(days=a.days)
    ms = lambda t: int(t.timestamp() * 1000)  # noqa: E731

    sessions, self_tests = [], []
    qualities = ["good-hurt", "good-hurt", "good-hurt", "pressure", "ache", "sharp"]
    for day in range(a.days):
        t0 = start + dt.timedelta(days=day, hours=6 + rng.randrange(14), minutes=rng.randrange(60))
        s_uid = uid()
        steps = rng.sample(favourites, rng.randint(4, 7))
        at = [ms(t0)]
        events, check_ins, adaptations = [], [], []

        def event(kind, step, data="{}"):
            events.append({"seq": len(events), "at_ms": at[0], "kind": kind, "step": step, "data_json": data})

        event("session-started", -1)
        for step, (exercise, region, paired) in enumerate(steps):
            side = rng.choice(["left", "right"]) if paired else "centre"
            event("step-started", step, json.dumps({"region": region, "side": side, "exercise": exercise},
                                                    separators=(",", ":")))
            for s in range(rng.randint(1, 3)):
                for phase in ("locate", "hold", "move"):
                    event("phase-started", step, '{"phase":"%s","set":%d}' % (phase, s))
                    at[0] += rng.randint(15, 45) * 1000
                event("phase-started", step, '{"phase":"check-in","set":%d}' % s)
                at[0] += 8000
                intensity = rng.randint(2, 8)
                quality = rng.choice(qualities)
                check_ins.append({"uid": uid(), "at_ms": at[0], "step": step, "exercise": exercise,
                                  "region": region, "side": side, "intensity": intensity, "quality": quality,
                                  "note": ""})
                if quality == "sharp" and intensity >= 7:
                    adaptations.append({"uid": uid(), "at_ms": at[0] + 1000, "step": step,
                                        "kind": "lighter-variation",
                                        "reason": "sharp at %d of 10 is pain: lighter variation" % intensity,
                                        "detail_json": "{}"})
        at[0] += 30_000
        event("session-finished", -1)
        at = at[0]
        sessions.append({"uid": s_uid, "person_id": 1, "title": "Daily mobility, %d min" % ((at - ms(t0)) // 60000),
                         "started_ms": ms(t0), "ended_ms": at, "status": "finished", "routine_json": "{}",
                         "events": events, "check_ins": check_ins, "adaptations": adaptations, "notes": []})
        if day % 7 == 0:
            for phase, when in (("before", ms(t0) - 60_000), ("after", at + 60_000)):
                gain = 0.0 if phase == "before" else 0.5
                for side in ("left", "right"):
                    self_tests.append({"uid": uid(), "person_id": 1, "at_ms": when, "test": "knee-to-wall",
                                       "side": side, "value": round(8 + day / 120 + gain + rng.random(), 1),
                                       "unit": "cm", "session_uid": s_uid, "phase": phase})
                self_tests.append({"uid": uid(), "person_id": 1, "at_ms": when, "test": "sit-and-reach",
                                   "side": "centre", "value": round(-4 + day / 90 + gain + rng.random(), 1),
                                   "unit": "cm", "session_uid": s_uid, "phase": phase})

    journal = {
        "format": "smr-coach-journal",
        "version": 1,
        "people": [{"id": 1, "name": "me", "created_ms": ms(start) - 86_400_000}],
        "profiles": [{"person_id": 1, "profile": {
            "conditions": [], "named_areas": [], "symptoms": [], "experience": "regular",
            "tools": ["foam-roller-medium", "lacrosse-ball"], "lifestyle": ["desk-work", "running"],
            "aches": [], "updated_ms": ms(start)}}],
        "routines": [],
        "custom_exercises": [],
        "sessions": sessions,
        "self_tests": sorted(self_tests, key=lambda s: (s["at_ms"], s["uid"])),
        "settings": [{"person_id": 1, "key": "breaths_per_min", "value": "6"}],
    }
    a.out.write_text(json.dumps(journal, indent=2))
    print("gen_journal: %d sessions, %d check-ins, %d self-tests -> %s" % (
        len(sessions), sum(len(s["check_ins"]) for s in sessions), len(self_tests), a.out))


if __name__ == "__main__":
    main()
