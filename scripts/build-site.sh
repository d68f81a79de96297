#!/usr/bin/env bash
# Builds the browser bundle (app → wasm32 with `hydrate`, wasm-bindgen, wasm-opt in release) and the
# site folder the server serves from next to its executable:
#   scripts/build-site.sh debug     → $CARGO_TARGET_DIR/debug/site
#   scripts/build-site.sh release   → $CARGO_TARGET_DIR/release/site
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

mode="${1:-}"
case "$mode" in
    debug)   profile_args=();                          wasm_dir=debug;        site_dir=debug ;;
    release) profile_args=(--profile wasm-release);    wasm_dir=wasm-release; site_dir=release ;;
    *) die "usage: scripts/build-site.sh debug|release" ;;
esac
SITE="$CARGO_TARGET_DIR/$site_dir/site"
WASM_IN="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$wasm_dir/app.wasm"

# Tools must be present (scripts/setup.sh installs them).
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || have_wb=""
[[ "$have_wb" == "$WASM_BINDGEN_VERSION" ]] \
    || die "wasm-bindgen ${have_wb:-not found}, need $WASM_BINDGEN_VERSION (Cargo.lock); run scripts/setup.sh"
if [[ "$mode" == release ]]; then
    command -v wasm-opt >/dev/null 2>&1 || die "wasm-opt not found; run scripts/setup.sh --run"
fi
[[ -f style/main.css ]] || die "style/main.css not found"

step "Building the browser bundle ($mode): cargo build -p app --lib --target wasm32-unknown-unknown --features hydrate${profile_args[*]:+ ${profile_args[*]}}"
cargo build -p app --lib --target wasm32-unknown-unknown --features hydrate "${profile_args[@]}"
[[ -f "$WASM_IN" ]] || die "expected $WASM_IN after the build"

WASM_OUT="$SITE/pkg/sembrar.wasm"
if [[ -f "$WASM_OUT" && -f "$SITE/pkg/sembrar.js" && "$WASM_OUT" -nt "$WASM_IN" ]]; then
    step "Bundle up to date: $WASM_OUT is newer than $WASM_IN (wasm-bindgen and wasm-opt skipped)"
else
    step "wasm-bindgen → $SITE/pkg"
    rm -rf "$SITE/pkg"
    mkdir -p "$SITE/pkg"
    wasm-bindgen --target web --no-typescript --out-dir "$SITE/pkg" --out-name sembrar "$WASM_IN"
    # Leptos (built with LEPTOS_OUTPUT_NAME set, as cargo-leptos does) loads pkg/sembrar.wasm.
    mv -f "$SITE/pkg/sembrar_bg.wasm" "$SITE/pkg/sembrar.wasm"

    if [[ "$mode" == release ]]; then
        step "wasm-opt -Oz ($(wasm-opt --version))"
        wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int -o "$WASM_OUT.opt" "$WASM_OUT"
        mv -f "$WASM_OUT.opt" "$WASM_OUT"
    fi
fi

step "Copying style/main.css → pkg/sembrar.css and public/ → site/"
cp -f style/main.css "$SITE/pkg/sembrar.css"
if [[ -d public ]]; then
    cp -R public/. "$SITE/"
fi

# Compressed once here, served as they are (`Content-Encoding: gzip`) to every browser that
# accepts it, instead of compressing the bundle again on every request.
for file in "$SITE"/pkg/*.wasm "$SITE"/pkg/*.js "$SITE"/pkg/*.css; do
    if [[ ! -f "$file.gz" || "$file" -nt "$file.gz" ]]; then
        gzip -9 -k -f -n "$file"
    fi
done

raw=$(stat -c %s "$WASM_OUT")
gz=$(stat -c %s "$WASM_OUT.gz")
step "Site ready in $SITE"
printf '    sembrar.wasm: %d bytes (%d KiB) raw, %d bytes (%d KiB) gzip -9\n' \
    "$raw" $(( (raw + 1023) / 1024 )) "$gz" $(( (gz + 1023) / 1024 ))
