#!/usr/bin/env bash
# Installs whatever is missing on a fresh Debian machine (C libraries from apt, the outside
# readers from pip), builds Celda, and runs the main job on Samples/.
#   bash scripts/setup.sh              # install + build + run on Samples/
#   bash scripts/setup.sh --deps-only  # install only (the test command uses this)
set -euo pipefail
cd "$(dirname "$0")/.."

# libreoffice-calc-nogui: the writer's tests open every kind of produced file in a real
# spreadsheet application (headless), as a supervisor would.
# libpq-dev: the PostgreSQL client library (the shared history); postgresql: the server the
# tests start for themselves (scripts/pg_test_server.sh), never a running service.
# libgmime-3.0-dev: reading the messages bases arrive in and composing the ones reports leave in;
# libcurl4-openssl-dev: IMAP and SMTP (the mailbox the bases arrive in, the reports sent);
# dovecot-imapd and python3-aiosmtpd: the mail servers the tests start (scripts/mail_test_server.sh).
# samba and smbclient: the Windows share the tests start and use as an agent would
# (scripts/smb_test_server.sh); smbprotocol (pip): an agent's copy written in pieces.
APT_PACKAGES=(libzip-dev libxml2-dev libxlsxwriter-dev libsqlite3-dev libpq-dev postgresql pkg-config libreoffice-calc-nogui poppler-utils libcurl4-openssl-dev libgmime-3.0-dev dovecot-imapd python3-aiosmtpd samba smbclient)
PIP_PACKAGES=(python-calamine openpyxl fastexcel pyarrow xlsxwriter openxml-audit smbprotocol)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Instalando con apt: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

pip_missing=()
for p in "${PIP_PACKAGES[@]}"; do python3 -m pip show -q "$p" >/dev/null 2>&1 || pip_missing+=("$p"); done
if [ ${#pip_missing[@]} -gt 0 ]; then
  echo "Instalando con pip: ${pip_missing[*]}"
  python3 -m pip install -q --disable-pip-version-check "${pip_missing[@]}" 2>&1 | grep -v "WARNING: Running pip as the 'root' user" || true
fi

[ "${1:-}" = "--deps-only" ] && exit 0

swift build -c release --product celda 2>&1 | tail -n 1
CELDA="$(swift build -c release --show-bin-path)/celda"
# On the PATH, so README's examples run as written from any folder. A link: the program finds
# its Templates/ by following it back into this package.
LINK_DIR=/usr/local/bin
if [ -w "$LINK_DIR" ] || [ "$(id -u)" -eq 0 ]; then
  as_root ln -sf "$CELDA" "$LINK_DIR/celda"
  echo "celda está en el PATH ($LINK_DIR/celda → $CELDA)"
else
  echo "Para usar «celda» desde cualquier carpeta: sudo ln -sf \"$CELDA\" $LINK_DIR/celda"
fi
echo
for f in Samples/*.xlsx Samples/*.csv; do
  echo "── celda inspect \"$f\""
  "$CELDA" inspect "$f"
done
# The daily use: files dropped in a folder's entrada/, results in salida/. The demo folder is
# Celda's own (rebuilt each time); nothing of the user's is touched. The samples are a week of
# bases, Monday 18 to Friday 22 March 2024 (with Monday's base as the back office returns it
# reviewed): processed as of that Friday, they read like a normal day; then the week's workbooks.
rm -rf demo && mkdir -p demo/entrada && cp Samples/* demo/entrada/
echo
echo "── celda watch demo --once --today 2024-03-22"
"$CELDA" watch demo --once --interval 0.5 --today 2024-03-22
echo
echo "── los informes de la semana del 18 al 24/03/2024, en demo/informes"
STORE=demo/.celda/celda.sqlite
for report in mal-escalados reclamaciones recurrentes premium; do
  "$CELDA" report "$report" --period week --date 2024-03-22 --today 2024-03-22 --store "$STORE" --out demo/informes
done
"$CELDA" report recurrentes --period week --date 2024-03-22 --today 2024-03-22 --store "$STORE" --out demo/informes --para-cliente
"$CELDA" feedback --period week --date 2024-03-22 --today 2024-03-25 --store "$STORE" --out demo/informes
echo
echo "Resultados en $(pwd)/demo/salida (del día) y $(pwd)/demo/informes (de la semana); originales en demo/procesados. Celda está en $CELDA"
