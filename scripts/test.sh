#!/usr/bin/env bash
# Runs every test: the reader against ../shared/corpus (170 workbooks + 29 rejects), behaviour
# fixtures, the store on SQLite and on a PostgreSQL server started here, and the CLI end to end
# through the built binary.
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --deps-only
if [ ! -f ../shared/corpus/manifest.json ] && [ -z "${CELDA_SHARED:-}" ]; then
  echo "Falta ../shared/corpus (o CELDA_SHARED): las pruebas del lector lo necesitan." >&2
  exit 1
fi
swift build --build-tests
# Throwaway servers for the tests, stopped however this ends (even when one of them fails to
# start): PostgreSQL for the store on that backend, Dovecot and an SMTP sink for the mailbox, a
# Samba with one share for the watch folder behind a Windows share.
stop_servers() {
  if [ -n "${CELDA_TEST_PG_DIR:-}" ]; then bash scripts/pg_test_server.sh stop "$CELDA_TEST_PG_DIR"; fi
  if [ -n "${CELDA_TEST_MAIL_DIR:-}" ]; then bash scripts/mail_test_server.sh stop "$CELDA_TEST_MAIL_DIR"; fi
  if [ -n "${CELDA_TEST_SMB_DIR:-}" ]; then bash scripts/smb_test_server.sh stop "$CELDA_TEST_SMB_DIR"; fi
}
trap stop_servers EXIT
eval "$(bash scripts/pg_test_server.sh start)"
eval "$(bash scripts/mail_test_server.sh start)"
eval "$(bash scripts/smb_test_server.sh start)"
swift test --skip-build
# The crash-safety acceptance run (50 files, two kill -9 mid-batch), on the release build.
bash scripts/watch_stress.sh
