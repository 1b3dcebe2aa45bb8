"""Named points where a test may kill this process, to prove that a kill there is harmless.

A test sets SHELFCAST_KILL_AT to a point's name and runs the command in a subprocess; when
the process reaches that point it sends itself SIGKILL, as a power cut or `kill -9` would:
no `finally`, no clean-up. SHELFCAST_KILL_WITH=SIGTERM sends that signal instead (what a CI
runner or `kill` sends first). Without SHELFCAST_KILL_AT a point does nothing.
"""

from __future__ import annotations

import os
import signal

KILL_AT = "SHELFCAST_KILL_AT"
KILL_WITH = "SHELFCAST_KILL_WITH"


def fault_point(name: str) -> None:
    """Die here, at once, when the test asked for it."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.Signals[os.environ.get(KILL_WITH, "SIGKILL")])
