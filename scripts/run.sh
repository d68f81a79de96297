#!/usr/bin/env bash
# Builds Sembrar in release (server + browser bundle) and runs it in the foreground.
# The server honours SEMBRAR_ADDR (default 127.0.0.1:3000), SEMBRAR_DATA_DIR (default ./data, SQLite),
# SEMBRAR_DATABASE_URL and SEMBRAR_CONFIG; they are passed through from the environment.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

step "Setup (run)"
bash scripts/setup.sh --run

step "Building the server (release)"
cargo build --release -p server

step "Building the site (release)"
bash scripts/build-site.sh release

step "Starting $CARGO_TARGET_DIR/release/sembrar (Ctrl-C to stop)"
exec "$CARGO_TARGET_DIR/release/sembrar" "$@"
