"""Named points where a test may kill this process, to prove that a kill there is harmless.

A test sets SHELFCAST_KILL_AT to a point's name and runs the command in a subprocess; when
the process reaches that point it sends itself SIGKILL, as a power cut or `kill -9` would:
no `finally`, no clean-up. Without the variable a point does nothing.
"""

from __future__ import annotations

import os
import signal

KILL_AT = "SHELFCAST_KILL_AT"


def fault_point(name: str) -> None:
    """Die here, at once, when the test asked for it."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)
