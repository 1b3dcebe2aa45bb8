"""An SSH ProxyCommand that relays to 127.0.0.1:PORT with uploads slowed to RATE bytes/s, so a
test can kill a publish while a file is half-way to the server.

    ssh -o "ProxyCommand=python throttle.py PORT RATE" ...
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time

CHUNK = 4096


def upload(connection: socket.socket, rate: int) -> None:
    while data := os.read(0, CHUNK):
        connection.sendall(data)
        time.sleep(len(data) / rate)
    connection.shutdown(socket.SHUT_WR)


def download(connection: socket.socket) -> None:
    while data := connection.recv(65536):
        os.write(1, data)
    os._exit(0)


def main() -> None:
    port, rate = int(sys.argv[1]), int(sys.argv[2])
    connection = socket.create_connection(("127.0.0.1", port))
    threading.Thread(target=upload, args=(connection, rate), daemon=True).start()
    download(connection)


if __name__ == "__main__":
    main()
