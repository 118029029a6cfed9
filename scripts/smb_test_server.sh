#!/usr/bin/env bash
# A throwaway Samba for the tests, on a loopback port, in a temporary folder (issue 27): smbd
# from Debian's samba package with its own smb.conf, state, lock, cache and log folders; one
# share («celda») whose files belong to the group of agents; one agent user made with smbpasswd;
# no guest access; UTF-8 names. smbclient (or Python's smbprotocol) is the agent.
#
#   eval "$(bash scripts/smb_test_server.sh start)"   # exports CELDA_TEST_SMB_*
#   bash scripts/smb_test_server.sh stop "$CELDA_TEST_SMB_DIR"
set -euo pipefail

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start() {
  local dir port user=celda-agente group=celda-agentes password=clave-del-agente
  dir=$(mktemp -d /tmp/celda-smb-XXXXXX)
  port=$(free_port)
  mkdir -p "$dir"/{share,private,lock,state,cache,pid,log,ncalrpc}
  # Samba maps its users to system ones: the agent and their group, made once per machine.
  getent group "$group" >/dev/null || groupadd --system "$group"
  id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin --gid "$group" "$user"
  chgrp "$group" "$dir/share"
  chmod 2775 "$dir/share"
  chmod 755 "$dir"
  cat > "$dir/smb.conf" <<CONF
[global]
  server role = standalone server
  workgroup = CELDA
  netbios name = CELDA
  interfaces = 127.0.0.1
  bind interfaces only = yes
  smb ports = $port
  disable netbios = yes
  server min protocol = SMB2
  map to guest = never
  restrict anonymous = 2
  unix charset = UTF-8
  passdb backend = tdbsam:$dir/private/passdb.tdb
  private dir = $dir/private
  lock directory = $dir/lock
  state directory = $dir/state
  cache directory = $dir/cache
  pid directory = $dir/pid
  ncalrpc dir = $dir/ncalrpc
  log file = $dir/log/smbd.log
  log level = 1
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes

[celda]
  path = $dir/share
  read only = no
  guest ok = no
  valid users = @$group
  force group = $group
  create mask = 0664
  directory mask = 2775
CONF
  printf '%s\n%s\n' "$password" "$password" | smbpasswd -c "$dir/smb.conf" -s -a "$user" >/dev/null
  smbd -s "$dir/smb.conf" -D
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "export CELDA_TEST_SMB_DIR='$dir'"
  echo "export CELDA_TEST_SMB_SHARE='$dir/share'"
  echo "export CELDA_TEST_SMB_PORT='$port'"
  echo "export CELDA_TEST_SMB_USER='$user'"
  echo "export CELDA_TEST_SMB_PASSWORD='$password'"
}

stop() {
  local dir=$1
  if [ -f "$dir/pid/smbd.pid" ]; then kill "$(cat "$dir/pid/smbd.pid")" 2>/dev/null || true; fi
  sleep 0.2
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?folder}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
