# shellcheck shell=bash
# Common environment for the Sembrar scripts. Source it, do not run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# It changes to the repository root, sets CARGO_TARGET_DIR and PATH, and defines
# WASM_BINDGEN_VERSION (read from Cargo.lock) plus a few small helpers.

SEMBRAR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SEMBRAR_ROOT
cd "$SEMBRAR_ROOT" || return 1

# A target directory outside the repository: a fresh clone (CI) on this machine starts warm.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/sembrar-target}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$SEMBRAR_ROOT/tools/node_modules/.bin:$PATH"

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
if [[ ! -f Cargo.lock ]]; then
    echo "error: $SEMBRAR_ROOT/Cargo.lock not found (run 'cargo generate-lockfile' first)" >&2
    return 1
fi
WASM_BINDGEN_VERSION="$(awk '
    /^\[\[package\]\]/           { in_pkg = 0; next }
    /^name = "wasm-bindgen"$/    { in_pkg = 1; next }
    in_pkg && /^version = "/     { v = $3; gsub(/"/, "", v); print v; exit }
' Cargo.lock)"
if [[ -z "$WASM_BINDGEN_VERSION" ]]; then
    echo "error: no wasm-bindgen package found in Cargo.lock" >&2
    return 1
fi
export WASM_BINDGEN_VERSION

# Version of the binaryen npm package that provides wasm-opt (Debian's binaryen 108 breaks the bundle).
# shellcheck disable=SC2034  # used by setup.sh
BINARYEN_NPM_VERSION=132

step() { echo "==> $*"; }
die() { echo "error: $*" >&2; exit 1; }

# Prints the bin folder of the newest PostgreSQL under /usr/lib/postgresql (empty when none).
pg_bin_dir() {
    local v
    v="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
    if [[ -n "$v" && -x "/usr/lib/postgresql/$v/bin/initdb" && -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]]; then
        echo "/usr/lib/postgresql/$v/bin"
    fi
}
