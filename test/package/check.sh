#!/usr/bin/env bash
# Packs the package as npm would publish it, then lets publint and attw judge the tarball:
# what a user installs is what gets checked, not the working tree.
set -euo pipefail
cd "$(dirname "$0")/../.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

npm pack --silent --pack-destination "$tmp" >/dev/null
tarball=$(ls "$tmp"/*.tgz)

npx --no-install publint run "$tarball" --strict
npx --no-install attw "$tarball" --profile esm-only --no-emoji --format table-flipped

# The shipped command must run from the tarball alone (dependencies lent from this tree):
# a missing file in `files` or a path that only holds in src/ fails here, not for a user.
tar -xzf "$tarball" -C "$tmp"
ln -s "$PWD/node_modules" "$tmp/package/node_modules"
test "$(node "$tmp/package/dist/cli/main.js" --version)" = "$(node -p "require('./package.json').version")"
demo=$(node "$tmp/package/dist/cli/main.js" demo --interval 200ms --duration 5s)
grep -Eq '^6 devices, [0-9]+ entities$' <<<"$demo"
echo "The packed tibber-data command runs its demo."
