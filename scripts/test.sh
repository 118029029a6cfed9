#!/usr/bin/env bash
# Runs every test: the reader against ../shared/corpus (170 workbooks + 29 rejects), behaviour
# fixtures, and the CLI end to end through the built binary.
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --deps-only
if [ ! -f ../shared/corpus/manifest.json ] && [ -z "${CELDA_SHARED:-}" ]; then
  echo "Falta ../shared/corpus (o CELDA_SHARED): las pruebas del lector lo necesitan." >&2
  exit 1
fi
swift build --build-tests
swift test --skip-build
# The crash-safety acceptance run (50 files, two kill -9 mid-batch), on the release build.
bash scripts/watch_stress.sh
