#!/usr/bin/env bash
# Runs EVERY test of Sembrar and stops at the first failure (non-zero exit):
# the check that no tracked file points outside the repository, setup, rustfmt, clippy (native +
# wasm32), builds, all tests on SQLite, then the integration tests again on a throwaway
# PostgreSQL that is always stopped and removed afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# Every build here starts from a clone (CI's is new each time): incremental caches would only
# add some 20 GB to the target folder for nothing. The free space is printed, since a full disk
# shows up as browser tests that never hydrate rather than as a clear error.
export CARGO_INCREMENTAL=0
echo "    free space for $CARGO_TARGET_DIR: $(df -h --output=avail "$(dirname "$CARGO_TARGET_DIR")" 2>/dev/null | tail -n 1 | tr -d ' ')"

start_time=$SECONDS
current_step="start"
run_step() { current_step="$*"; step "$*"; }

# ---------------------------------------------------------------- throwaway PostgreSQL
# (between the markers: also used on its own to check the start/stop logic)
# >>> pg
PG_TMP=""
PG_BIN=""
PG_PORT=""

# Runs a PostgreSQL program as the postgres user when root (initdb refuses root), directly otherwise.
# Runs from / so that the postgres user never trips over an unreadable working directory.
pg_as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

pg_stop() {
    if [[ -n "$PG_TMP" && -d "$PG_TMP" ]]; then
        if [[ -f "$PG_TMP/pg/postmaster.pid" ]]; then
            echo "==> Stopping the throwaway PostgreSQL"
            pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/pg" -m fast -w stop >/dev/null 2>&1 \
                || echo "warning: pg_ctl stop failed (see $PG_TMP/log)" >&2
        fi
        rm -rf "$PG_TMP"
    fi
    PG_TMP=""
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts PostgreSQL in a fresh temp folder on a free port; sets PG_PORT. pg_stop undoes it.
pg_start() {
    PG_BIN="$(pg_bin_dir)"
    [[ -n "$PG_BIN" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin; run scripts/setup.sh --test"
    PG_TMP="$(mktemp -d /tmp/sembrar-pg.XXXXXX)"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown postgres:postgres "$PG_TMP"
    fi
    chmod 700 "$PG_TMP"
    pg_as_owner "$PG_BIN/initdb" -D "$PG_TMP/pg" -A trust -U postgres -E UTF8 --no-locale --no-sync \
        >"$PG_TMP/initdb.log" 2>&1 || { cat "$PG_TMP/initdb.log" >&2; die "initdb failed"; }
    local attempt
    for attempt in 1 2 3; do
        PG_PORT="$(free_port)"
        # Throwaway data: durability off for speed.
        if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/pg" -l "$PG_TMP/log" -w -t 60 \
            -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null; then
            echo "    PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $PG_TMP)"
            return 0
        fi
        echo "warning: PostgreSQL did not start on port $PG_PORT (attempt $attempt):" >&2
        tail -n 5 "$PG_TMP/log" >&2 || true
        if [[ -f "$PG_TMP/pg/postmaster.pid" ]]; then
            pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/pg" -m immediate -w stop >/dev/null 2>&1 || true
        fi
    done
    die "could not start PostgreSQL"
}
# <<< pg

# Output of the cargo test runs, to add up their results for the summary.
TEST_LOG="$(mktemp /tmp/sembrar-test-log.XXXXXX)"

# Always stop PostgreSQL and remove its folder (and the log): on success, failure, Ctrl-C or kill.
trap 'pg_stop; rm -f "$TEST_LOG"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'echo "FAILED at step: $current_step (exit $?, after $((SECONDS - start_time)) s)" >&2' ERR

# ---------------------------------------------------------------- a. self-contained, then setup
# Before anything is installed or compiled: no tracked file may point outside the repository.
run_step "Checking that no tracked file points outside the repository"
bash scripts/check-paths.sh

run_step "Setup (test)"
bash scripts/setup.sh --test

# ---------------------------------------------------------------- b. formatting
run_step "cargo fmt --all -- --check"
cargo fmt --all -- --check

# ---------------------------------------------------------------- c. lints
run_step "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

run_step "cargo clippy -p app --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings"
cargo clippy -p app --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings

# ---------------------------------------------------------------- d. builds
run_step "cargo build --workspace"
cargo build --workspace

run_step "Building the site (debug)"
bash scripts/build-site.sh debug

# ---------------------------------------------------------------- e. all tests on SQLite
run_step "cargo test --workspace (SQLite)"
SEMBRAR_TEST_DATABASE=sqlite cargo test --workspace 2>&1 | tee -a "$TEST_LOG"

# ---------------------------------------------------------------- f. integration tests on PostgreSQL
run_step "Starting a throwaway PostgreSQL"
pg_start

run_step "cargo test -p tests (PostgreSQL)"
SEMBRAR_TEST_DATABASE=postgres SEMBRAR_TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres" \
    cargo test -p tests 2>&1 | tee -a "$TEST_LOG"

pg_stop

# ---------------------------------------------------------------- g. summary
trap - ERR
elapsed=$((SECONDS - start_time))
# Adds up cargo's "test result: ok. N passed; M failed; K ignored; ..." lines of both runs.
counts="$(awk '/^test result: / {
        for (i = 1; i <= NF; i++) {
            w = $(i + 1); sub(/[;,]$/, "", w)
            if (w == "passed") p += $i; else if (w == "failed") f += $i; else if (w == "ignored") k += $i
        }
    } END { printf "%d passed, %d failed, %d skipped", p, f, k }' "$TEST_LOG")"
step "All checks passed in $((elapsed / 60)) min $((elapsed % 60)) s: fmt, clippy (native + wasm32), build, site, tests on SQLite, integration tests on PostgreSQL"
echo "summary: $counts"
