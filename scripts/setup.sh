#!/usr/bin/env bash
# Installs what building, running and testing Sembrar needs; installs nothing that is already present.
#   scripts/setup.sh          Rust components, wasm32 target, wasm-bindgen CLI (pinned to Cargo.lock)
#   scripts/setup.sh --run    ... plus wasm-opt (npm binaryen) in tools/ for release bundles
#   scripts/setup.sh --test   ... plus Debian packages for tests: chromium, chromium-driver, postgresql, libxml2-utils, poppler-utils
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

want_run=0
want_test=0
for arg in "$@"; do
    case "$arg" in
        --run) want_run=1 ;;
        --test) want_test=1 ;;
        -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
        *) die "unknown argument '$arg' (expected --run or --test)" ;;
    esac
done

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# ---------------------------------------------------------------- Rust toolchain
step "Checking the Rust toolchain"
command -v rustup >/dev/null 2>&1 || die "rustup not found; install Rust with rustup (https://rustup.rs) first"
command -v cargo >/dev/null 2>&1 || die "cargo not found; install Rust with rustup (https://rustup.rs) first"
command -v cc >/dev/null 2>&1 || die "no C compiler (cc) found; install gcc (Debian: apt-get install -y gcc)"
echo "    $(rustc --version)"

installed_components="$(rustup component list --installed)"
for component in rustfmt clippy; do
    if grep -q "^${component}\(-\|$\)" <<<"$installed_components"; then
        echo "    rustup component $component: present"
    else
        step "Installing rustup component $component"
        rustup component add "$component"
    fi
done

installed_targets="$(rustup target list --installed)"
if grep -qx 'wasm32-unknown-unknown' <<<"$installed_targets"; then
    echo "    rustup target wasm32-unknown-unknown: present"
else
    step "Adding rustup target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

# ---------------------------------------------------------------- wasm-bindgen CLI
current_wb=""
if command -v wasm-bindgen >/dev/null 2>&1; then
    current_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || current_wb=""
fi
if [[ "$current_wb" == "$WASM_BINDGEN_VERSION" ]]; then
    echo "    wasm-bindgen $WASM_BINDGEN_VERSION: present"
else
    step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (found: ${current_wb:-none}; takes about 2 minutes)"
    # No --locked: the CLI's lock file names a crate version crates.io does not serve.
    # CARGO_TARGET_DIR is unset so the install builds in a temporary folder, not in our target dir.
    env -u CARGO_TARGET_DIR CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback \
        cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
    hash -r
    current_wb="$(wasm-bindgen --version | awk '{print $2}')"
    [[ "$current_wb" == "$WASM_BINDGEN_VERSION" ]] \
        || die "wasm-bindgen on PATH ($(command -v wasm-bindgen)) is $current_wb, expected $WASM_BINDGEN_VERSION"
fi

# ---------------------------------------------------------------- --run: wasm-opt
if [[ "$want_run" -eq 1 ]]; then
    if [[ -x tools/node_modules/.bin/wasm-opt ]]; then
        echo "    wasm-opt (npm binaryen): present ($(tools/node_modules/.bin/wasm-opt --version 2>/dev/null || echo '?'))"
    else
        command -v npm >/dev/null 2>&1 \
            || die "npm not found; install Node.js and npm (Debian: apt-get install -y nodejs npm)"
        step "Installing wasm-opt from npm binaryen@$BINARYEN_NPM_VERSION into tools/"
        mkdir -p tools
        npm install --prefix tools "binaryen@$BINARYEN_NPM_VERSION" --no-audit --no-fund --update-notifier=false
        [[ -x tools/node_modules/.bin/wasm-opt ]] || die "npm install did not provide tools/node_modules/.bin/wasm-opt"
        echo "    $(tools/node_modules/.bin/wasm-opt --version)"
    fi
fi

# ---------------------------------------------------------------- --test: Debian packages
if [[ "$want_test" -eq 1 ]]; then
    step "Checking test packages"
    missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
    command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    [[ -n "$(pg_bin_dir)" ]] || missing+=(postgresql)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)

    if [[ ${#missing[@]} -eq 0 ]]; then
        echo "    chromium, chromium-driver, libxml2-utils, poppler-utils, postgresql, python3: present"
    elif is_root; then
        command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get to install them"
        step "Installing Debian packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y "${missing[@]}"
    else
        echo "Missing packages: ${missing[*]}" >&2
        echo "Install them as root, then run this script again:" >&2
        echo "    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}" >&2
        exit 1
    fi

    pg_bin="$(pg_bin_dir)"
    [[ -n "$pg_bin" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin"
    echo "    chromium: $(command -v chromium)  chromedriver: $(command -v chromedriver)"
    echo "    PostgreSQL: $pg_bin ($("$pg_bin/postgres" --version))"
    if is_root; then
        id -u postgres >/dev/null 2>&1 \
            || die "user 'postgres' not found (needed to run initdb as root); reinstall the postgresql package"
    fi
fi

step "Setup complete"
