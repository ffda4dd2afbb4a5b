# Lumina.AI — `make run` serves the app, `make test` runs every test, `make test-fast` the quick ones.
# They install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := run

NODE_STAMP := node_modules/.install-stamp
SOURCES := $(shell find src views db -type f \( -name '*.ts' -o -name '*.tsx' -o -name '*.sql' -o -name '*.json' \) 2>/dev/null)
BUILD_STAMP := dist/.build-stamp

.PHONY: run dev test test-fast test-timings test-load lint fmt build system-deps test-system-deps bench clean backup restore

# Reinstall node modules only when the lock file changed.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Debian packages the app needs at run time: ffmpeg for video, a CJK font for captions,
# fluidsynth and a General MIDI soundfont (MIT) to play the music we compose (docs/music.md).
system-deps:
	@bash scripts/ensure-apt.sh ffmpeg:ffmpeg fonts-noto-cjk:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
	  fonts-inter:/usr/share/fonts/opentype/inter/InterDisplay-Bold.otf \
	  fonts-league-spartan:/usr/share/fonts/opentype/league-spartan/LeagueSpartan-Bold.otf \
	  fluidsynth:fluidsynth fluid-soundfont-gm:/usr/share/sounds/sf2/FluidR3_GM.sf2

# The tests also drive Debian's chromium, and run the README's API quick start with curl.
test-system-deps: system-deps
	@bash scripts/ensure-apt.sh chromium:chromium curl:curl

$(BUILD_STAMP): $(NODE_STAMP) $(SOURCES) tsconfig.json tsconfig.build.json
	rm -rf dist
	npx tsc -p tsconfig.build.json
	@touch $@

build: $(BUILD_STAMP)

# With LITESTREAM_REPLICA_URL set the app runs under `litestream replicate -exec`, as in the container.
run: system-deps $(BUILD_STAMP)
	backups/run-with-litestream.sh node dist/src/main.js

# Backups (backups/README.md): both are one CLI, src/cli/backup.ts (`npm run backup -- --help`).
# `make backup` takes a snapshot now (the app may keep running). `make restore` restores the newest
# snapshot, `make restore SNAPSHOT=<name>` a chosen one, `make restore FROM=replica [AT=<time>]` the
# Litestream replica (AT: e.g. 2026-11-25T03:00:00Z). A restore refuses while the app runs, and
# refuses a snapshot whose signature it cannot check unless FORCE_UNSIGNED=1 (--force-unsigned).
backup: $(BUILD_STAMP)
	node dist/src/cli/backup.js snapshot

restore: $(BUILD_STAMP)
	node dist/src/cli/backup.js restore $(if $(FROM),--from '$(FROM)' $(SNAPSHOT),$(or $(SNAPSHOT),latest)) $(if $(AT),--at '$(AT)') $(if $(FORCE_UNSIGNED),--force-unsigned)

dev: system-deps $(NODE_STAMP)
	npx tsx watch src/main.ts

# Lint and format are checked first: a badly formatted tree fails CI before any test runs.
lint: $(NODE_STAMP)
	npx biome check .

fmt: $(NODE_STAMP)
	npx biome check --write .

# The tests are four vitest projects (see vitest.config.ts): unit, http, render and browser.
# `make test` is lint, the typecheck and all four; it ends with one "N passed, N failed" line.
# tsc runs beside the tests at a low CPU priority, so it mostly uses the CPU the render tests
# leave idle while they wait on the LibTV simulator; a type error stops the tests (in their own
# process group, ffmpeg and child servers included) and fails at once, without the summary line.
VITEST := npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json
test: test-system-deps $(NODE_STAMP) lint
	@rm -f test-output/vitest.json
	@trap 'kill -TERM -- -$$tests 2>/dev/null; exit 130' INT TERM; \
	  setsid $(VITEST) & tests=$$!; \
	  if ! nice -n 10 npx tsc --noEmit; then \
	    kill -TERM -- -$$tests 2>/dev/null || kill -TERM $$tests; wait $$tests; \
	    echo 'make test: tsc --noEmit failed, so the tests were stopped.'; exit 1; \
	  fi; \
	  wait $$tests; status=$$?; node scripts/test-summary.mjs; exit $$status

# After a full `make test` on CI-like hardware: test/timings.json from its report, the order the
# next runs start files in (slowest first, test/support/sequencer.ts). Commit the result.
test-timings:
	node test/support/update-timings.mjs test-output/vitest.json

# The quick loop while changing code: unit + http only (no ffmpeg, no render worker, no browser,
# no lint or typecheck), well under a minute. Run `make test` before you push.
test-fast: $(NODE_STAMP)
	@rm -f test-output/vitest.json
	@$(VITEST) --project unit --project http; status=$$?; node scripts/test-summary.mjs; exit $$status

# Not part of `make test`: the built server as a child process on loopback under 200 simulated
# people for 60 s, then under LibTV faults with SIGKILLs (test/load/). Each part is bounded in time;
# the figures are in the README ("Load and faults").
test-load: system-deps $(BUILD_STAMP)
	timeout 300 npx tsx test/load/load.ts
	timeout 300 npx tsx test/load/chaos.ts

bench: system-deps $(NODE_STAMP)
	npm run bench

clean:
	rm -rf dist node_modules test-output
