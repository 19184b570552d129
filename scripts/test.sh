#!/usr/bin/env bash
# Runs every test of Galley after installing what they need. Usage:
#   scripts/test.sh            all packages
#   scripts/test.sh ./ingest/  some packages
set -euo pipefail
cd "$(dirname "$0")/.."
GALLEY_WITH_TESTS=1 source scripts/deps.sh
# Fyne and the pipeline read the locale; a UTF-8 one keeps them quiet and exact.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
go vet ./...
unformatted=$(gofmt -l . | grep -v '^\.' || true)
if [[ -n "$unformatted" ]]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi
go test -count=1 "${@:-./...}"
