#!/bin/sh
# Writes `check --json` output for every fixture folder into DIR (one file per folder),
# so that two builds can be compared byte for byte:
#   git stash/checkout A && npm run build && sh bench/check-json-all.sh /tmp/a
#   git checkout B       && npm run build && sh bench/check-json-all.sh /tmp/b
#   diff -r /tmp/a /tmp/b && echo identical
set -eu
out=${1:?usage: check-json-all.sh DIR}
mkdir -p "$out"
for dir in fixtures/*/; do
  name=$(basename "$dir")
  case "$name" in build | source | expected) continue ;; esac
  node bin/review-desk.js check --json --jobs 1 --exit-zero "$dir" >"$out/$name.json" 2>/dev/null || true
done
