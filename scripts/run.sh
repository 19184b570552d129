#!/usr/bin/env bash
# Builds Galley and opens the workbench on the default archive (seeded with
# the sample page on first run). Extra arguments go to galley, e.g.
#   scripts/run.sh --db /tmp/try.db
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
go build -o galley .
exec ./galley "$@"
