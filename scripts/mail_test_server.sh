#!/usr/bin/env bash
# Throwaway mail servers for the tests, on loopback ports, in a temporary folder (issue 23):
# Dovecot (IMAP with STARTTLS, and IMAPS, on a self-signed certificate; Maildir; one passwd-file
# user) and an SMTP sink (aiosmtpd's Mailbox handler: every message received is kept as a file).
#
#   eval "$(bash scripts/mail_test_server.sh start)"   # exports CELDA_TEST_IMAP_URL, …
#   bash scripts/mail_test_server.sh deliver FILE.eml  # a message into the user's INBOX
#   bash scripts/mail_test_server.sh stop "$CELDA_TEST_MAIL_DIR"
set -euo pipefail

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start() {
  local dir imap imaps smtp
  dir=$(mktemp -d /tmp/celda-mail-XXXXXX)
  imap=$(free_port); imaps=$(free_port); smtp=$(free_port)
  mkdir -p "$dir/run" "$dir/mail" "$dir/state"  # sent/ is made by the sink, as a Maildir
  # Dovecot never delivers mail as root: under root (CI) the mailboxes belong to nobody.
  local uid gid
  uid=$(id -u); gid=$(id -g)
  if [ "$uid" = 0 ]; then uid=$(id -u nobody); gid=$(getent group nogroup | cut -d: -f3); chown "$uid:$gid" "$dir/mail"; fi
  # Dovecot's auth process (user dovecot) reads the passwd-file.
  chmod 755 "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
  echo "backoffice:{PLAIN}clave-de-prueba::::::" > "$dir/users"
  chmod 644 "$dir/users"
  cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <$dir/cert.pem
ssl_key = <$dir/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%u/Maildir
# «/» between mailbox levels, as Office 365 and Gmail have it (Celda/Procesados).
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$dir/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps
    ssl = yes
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
CONF
  dovecot -c "$dir/dovecot.conf"
  # The SMTP sink: Debian's python3-aiosmtpd, on the system python (not a pyenv one), with
  # scripts/smtp_sink.py's handler (keeps every message; refuses …@rechazado.invalid).
  PYTHONPATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)" \
    /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp" -c smtp_sink.Sink "$dir/sent" > "$dir/smtp.log" 2>&1 &
  echo $! > "$dir/smtp.pid"
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$imap") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$smtp") 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "export CELDA_TEST_MAIL_DIR='$dir'"
  echo "export CELDA_TEST_IMAP_URL='imap://127.0.0.1:$imap/INBOX'"
  echo "export CELDA_TEST_IMAPS_URL='imaps://127.0.0.1:$imaps/INBOX'"
  echo "export CELDA_TEST_SMTP_URL='smtp://127.0.0.1:$smtp'"
  echo "export CELDA_TEST_MAIL_CA='$dir/cert.pem'"
  echo "export CELDA_TEST_MAIL_USER='backoffice'"
  echo "export CELDA_TEST_MAIL_PASSWORD='clave-de-prueba'"
}

deliver() {
  doveadm -c "$CELDA_TEST_MAIL_DIR/dovecot.conf" save -u backoffice -m INBOX < "$1"
}

stop() {
  local dir=$1
  [ -f "$dir/smtp.pid" ] && kill "$(cat "$dir/smtp.pid")" 2>/dev/null || true
  doveadm -c "$dir/dovecot.conf" stop 2>/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  deliver) deliver "$2" ;;
  stop) stop "$2" ;;
  *) echo "uso: $0 start | deliver FILE.eml | stop DIR" >&2; exit 2 ;;
esac
