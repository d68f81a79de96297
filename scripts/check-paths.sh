#!/usr/bin/env bash
# Refuses tracked files that point outside the repository, so that a fresh clone with nothing
# beside it builds and passes its tests:
#   - relative paths that climb out of it ("..", counted from the file's folder; in Rust, a path
#     glued to CARGO_MANIFEST_DIR is counted from the crate's folder; in shell scripts, a bare
#     relative path is also counted from the repository root, where the scripts run);
#   - absolute paths of a build machine (the top-level folders work, root, home and Users).
# Prints every such reference as FILE:LINE and exits 1; prints one line and exits 0 when none.
#   scripts/check-paths.sh [DIR]    DIR: the repository to check (default: this one)
# Files git tracks are checked (all files under DIR when DIR is not a git work tree); binary files
# are skipped. Reference data belongs in shared/testdata/, each file with its source and licence.
set -euo pipefail

case "${1:-}" in
    -h | --help)
        sed -n '2,11p' "$0"
        exit 0
        ;;
esac
root="${1:-$(dirname "${BASH_SOURCE[0]}")/..}"
[[ -d "$root" ]] || { echo "error: $root is not a folder" >&2; exit 2; }
root="$(cd "$root" && pwd -P)"

# Characters a path is made of (no spaces, quotes, brackets, commas or semicolons).
path_chars='[A-Za-z0-9_.@+%~/-]'
# One or more climbs ("dot dot slash"), perhaps glued to something before them by a slash, and a
# final "slash dot dot" (as after "$(dirname "$0")").
climb="/?(\\.\\./)+${path_chars}*|/\\.\\.([\"'\`[:space:]);]|\$)"
# An absolute path on a build machine (not ~/..., $HOME/..., /usr/..., /opt/...).
machine="(^|[^A-Za-z0-9_.~\$}-])/(work|root|home|Users)(/${path_chars}*)?([\"'\`[:space:]);,.]|\$)"

matches() {
    local pattern="$1"
    if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
        && [[ "$(git -C "$root" rev-parse --show-toplevel)" == "$root" ]]; then
        git -C "$root" grep -n -o -I -E -e "$pattern" || true
    else
        (cd "$root" && grep -r -n -o -I -E --exclude-dir=.git --exclude-dir=target -e "$pattern" . \
            | sed 's#^\./##') || true
    fi
}

# The nearest folder at or above $1 (relative to the root) that holds a Cargo.toml.
crate_dir() {
    local dir="$1"
    while [[ "$dir" != "." && ! -f "$root/$dir/Cargo.toml" ]]; do
        dir="$(dirname "$dir")"
    done
    echo "$dir"
}

# Whether $1/$2, taken lexically, lies outside the root.
escapes() {
    local resolved
    resolved="$(realpath -m -s "$root/$1/$2")"
    [[ "$resolved" != "$root" && "$resolved" != "$root/"* ]]
}

problems=0
report() {
    echo "error: $1:$2: '$3' $4" >&2
    problems=$((problems + 1))
}

while IFS= read -r hit; do
    file="${hit%%:*}"
    rest="${hit#*:}"
    line="${rest%%:*}"
    token="${rest#*:}"
    # Drop the character that ended a final "/..".
    token="$(sed -E 's#^(/\.\.)[^/]$#\1#' <<<"$token")"
    dir="$(dirname "$file")"
    bases=("$dir")
    case "$file" in
        *.rs) [[ "$token" == /* ]] && bases=("$(crate_dir "$dir")") ;;
        *.sh | .ci/* | scripts/*) [[ "$token" == /* ]] || bases+=(".") ;;
    esac
    for base in "${bases[@]}"; do
        if escapes "$base" "${token#/}"; then
            report "$file" "$line" "$token" \
                "points outside the repository (to $(realpath -m -s "$root/$base/${token#/}"))"
            break
        fi
    done
done < <(matches "$climb")

while IFS= read -r hit; do
    file="${hit%%:*}"
    rest="${hit#*:}"
    line="${rest%%:*}"
    # Without the character before it, the one that ended it, and a sentence's full stop.
    token="$(sed -E 's#^[^/]##; s#[^A-Za-z0-9_./@+%~-]$##; s#[.]+$##' <<<"${rest#*:}")"
    report "$file" "$line" "$token" "is an absolute path of a build machine"
done < <(matches "$machine")

if [[ "$problems" -gt 0 ]]; then
    echo "error: $problems reference(s) to paths outside the repository ($root). A fresh clone has" >&2
    echo "       nothing beside it: copy what is needed into the repository (reference data goes to" >&2
    echo "       shared/testdata/, with its source and licence in the README beside it)." >&2
    exit 1
fi
echo "    every tracked file refers only to paths inside the repository"
