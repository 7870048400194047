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
