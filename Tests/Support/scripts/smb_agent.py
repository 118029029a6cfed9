"""An agent at a Windows PC, for the Samba tests: puts a file into the share the way Explorer
copies one — in pieces, with pauses between them longer than Celda's settle time — and waits for
a file to appear, over SMB (Python's smbprotocol, not the local disk).

  smb_agent.py put-slowly LOCAL REMOTE PIECES PAUSE_SECONDS   REMOTE: a path inside the share, "/" separated
  smb_agent.py wait REMOTE_FOLDER NAME_PREFIX TIMEOUT          prints the name found and the seconds it took
  smb_agent.py get REMOTE LOCAL
Environment: CELDA_TEST_SMB_PORT, CELDA_TEST_SMB_USER, CELDA_TEST_SMB_PASSWORD (scripts/smb_test_server.sh).
"""
import os
import sys
import time

import smbclient

PORT = int(os.environ["CELDA_TEST_SMB_PORT"])
smbclient.register_session("127.0.0.1", username=os.environ["CELDA_TEST_SMB_USER"], password=os.environ["CELDA_TEST_SMB_PASSWORD"], port=PORT)


def unc(path):
    return "\\\\127.0.0.1\\celda\\" + path.replace("/", "\\")


def put_slowly(local, remote, pieces, pause):
    data = open(local, "rb").read()
    size = -(-len(data) // pieces)
    with smbclient.open_file(unc(remote), mode="wb", port=PORT) as f:
        for i in range(pieces):
            f.write(data[i * size:(i + 1) * size])
            f.flush()
            if i < pieces - 1:
                time.sleep(pause)


def wait(folder, prefix, timeout):
    start = time.time()
    while time.time() - start < timeout:
        for name in smbclient.listdir(unc(folder), port=PORT):
            if name.startswith(prefix) and not name.startswith("."):
                print(name)
                print("%.2f" % (time.time() - start))
                return
        time.sleep(0.1)
    sys.exit("nothing starting with %r in %s after %s s" % (prefix, folder, timeout))


def get(remote, local):
    with smbclient.open_file(unc(remote), mode="rb", port=PORT) as f, open(local, "wb") as out:
        out.write(f.read())


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "put-slowly":
        put_slowly(args[0], args[1], int(args[2]), float(args[3]))
    elif command == "wait":
        wait(args[0], args[1], float(args[2]))
    elif command == "get":
        get(args[0], args[1])
    else:
        sys.exit("unknown command " + command)
