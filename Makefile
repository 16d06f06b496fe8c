# SMR Coach. `make run` and `make test` work on a fresh Debian 12 machine: they install what is missing
# (scripts/install-deps), build, and run.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
# Every test binary whose tests carry the label "unit" (the asan test preset runs exactly those).
# smr_fuzz_replay: the fuzz targets over their seeds and mutations of them, without libFuzzer (fuzz/).
ASAN_TEST_TARGETS = smr_unit_tests smr_store_tests smr_http_tests smr_fuzz_replay
FORMAT_FILES = $(shell git ls-files '*.cc' '*.h' 2>/dev/null)

.PHONY: all deps build release run test test-dev test-asan test-fuzz fuzz lighthouse bench bench-catalog bench-store bench-session bench-planner bench-progress bench-dashboard bench-http format format-check clean

all: build

deps:
	./scripts/install-deps

build: deps
	cmake --preset dev
	cmake --build --preset dev -j $(JOBS)

release: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target smr

# Starts the main job. Until the web server exists (issue 7) that is the catalog browser's overview.
# The web app and the API on 127.0.0.1:8080, journal in SQLite at $XDG_DATA_HOME/smr-coach/journal.db (prints the URL).
run: release
	./build/release/smr serve --host 127.0.0.1 --port 8080

# Every test: the debug build (unit + end-to-end), the unit tests again under ASan + UBSan with each fuzz target
# run over its seeds and 400 mutations of each (g++, fuzz/replay_main.cc), and formatting. `make test-fuzz` is the
# same smoke with clang and libFuzzer (10 s of fuzzing per target; a clang build of the whole product, about 10
# minutes more on 2 cores, which is why make test does not run it).
test: deps format-check test-dev test-asan

test-dev:
	cmake --preset dev
	cmake --build --preset dev -j $(JOBS)
	ctest --preset dev -j $(JOBS)

test-asan:
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS) --target $(ASAN_TEST_TARGETS)
	ctest --preset asan -j $(JOBS)

# The fuzz targets (fuzz/, clang + libFuzzer + ASan/UBSan), SMR_FUZZ_SMOKE_SECONDS (10) each over its seeds.
test-fuzz:
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS) --target smr_fuzz_targets
	ctest --preset fuzz -j $(JOBS)

# Every fuzz target for FUZZ_RUNS executions (10^7) on a copy of its seeds (FUZZ_DIR/<target>); one
# summary line each, figures in docs/performance.md ("Fuzzing"). Not part of `make test`: hours on 2 cores.
# FUZZ_TARGETS picks some, e.g. make fuzz FUZZ_TARGETS="http_request json_import"; FUZZ_DIR is where the runs'
# folders go; FUZZ_FLAGS are more libFuzzer flags (the memory limit is libFuzzer's default, written out).
FUZZ_TARGETS ?= http_request json_profile json_routine json_input json_import catalog
FUZZ_RUNS ?= 10000000
FUZZ_DIR ?= build/fuzz/run
FUZZ_FLAGS ?= -rss_limit_mb=2048
fuzz: deps
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS) --target smr_fuzz_targets
	@for t in $(FUZZ_TARGETS); do \
	  dict=fuzz/dict/$$(case $$t in http_*) echo http;; json_*) echo json;; catalog) echo toml;; esac).dict; \
	  ./fuzz/run-fuzz build/fuzz/fuzz/fuzz_$$t fuzz/corpus/$$t $$dict $(FUZZ_DIR)/$$t -runs=$(FUZZ_RUNS) $(FUZZ_FLAGS) \
	    || exit 1; \
	done

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	clang-format --dry-run -Werror $(FORMAT_FILES)

# Lighthouse (mobile preset, Debian's chromium) on the release binary's web app: first visit, plan, session
# player and progress, 3 runs each (the median); fails when a median is under performance 95, accessibility 100,
# best practices 100 (docs/performance.md, "Web app"). Not part of `make test`: run it on a quiet machine.
lighthouse: release
	./scripts/lighthouse.sh build/release/smr

# Benchmarks (not part of `make test`): figures go to docs/performance.md.
bench: bench-catalog bench-store bench-planner bench-progress bench-session

bench-catalog: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target smr_bench_catalog
	./build/release/bench/smr_bench_catalog

# The planner's quality against an exact reference (a MILP over the whole eligible catalog, solved by GLPK) and
# its speed; fails when a target is missed (docs/performance.md, "Planner").
bench-planner: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target smr_bench_planner
	./build/release/bench/smr_bench_planner

# The journal on SQLite (a temp file), then on a throwaway PostgreSQL server (durable commits), always stopped.
bench-store: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target smr_bench_store
	./build/release/bench/smr_bench_store --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	pg=$$(mktemp -d); trap 'scripts/pg-test-server stop '"$$pg"' >/dev/null' EXIT; \
	  SMR_PG_FSYNC=on scripts/pg-test-server start "$$pg" >/dev/null && \
	  ./build/release/bench/smr_bench_store --db "$$(cat $$pg/url)" --benchmark_repetitions=5 \
	    --benchmark_report_aggregates_only=true

# Trainers at scale (issue 19): 10 000 people, 200 trainers x 50 clients, 2 years of sessions on a throwaway
# PostgreSQL server, always stopped: the dashboard (target p99 < 50 ms) and sign-in (p99 < 300 ms).
bench-dashboard: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target smr_bench_trainer_dashboard
	pg=$$(mktemp -d); trap 'scripts/pg-test-server stop '"$$pg"' >/dev/null' EXIT; \
	  scripts/pg-test-server start "$$pg" >/dev/null && \
	  ./build/release/bench/smr_bench_trainer_dashboard --db "$$(cat $$pg/url)"

clean:
	rm -rf build

# The session player's loop on a real clock for 10 minutes (cue onset error, CPU while holding).
bench-session: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target smr_bench_session
	./build/release/bench/smr_bench_session --minutes 10

# Progress over 10 years of daily sessions (issue 6): end to end from SQLite (target < 20 ms), then the pure
# computation over digests and its JSON.
bench-progress: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target smr_bench_progress_store smr_bench_progress
	./build/release/bench/smr_bench_progress_store --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	./build/release/bench/smr_bench_progress --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

# HTTP load (issue 7): smr serve on a fresh SQLite journal holding a year of daily sessions, next to nginx serving
# same-size static files, under wrk (10 s runs, 2 threads, 256 connections), then slowloris. Prints a table;
# fails when a target is missed (docs/performance.md, "HTTP (issue 7)"). Installs wrk and nginx if missing.
bench-http: deps
	./scripts/install-bench-deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target smr
	python3 bench/http/bench_http.py --smr build/release/smr
