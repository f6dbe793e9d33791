"""What a worker process of ours does first: end when the process that started it ends.

The index build's analysis workers and the app's grouping child are ``spawn``ed. Killed
(``kill``, a closed terminal, an out-of-memory kill), the parent leaves them running to
the end of their work, for nobody. On Linux, :func:`die_with_parent` asks the kernel to
send the child SIGTERM when its parent ends (``prctl(PR_SET_PDEATHSIG)``), and ends it at
once if the parent is already gone; elsewhere it does nothing. Imports only the standard
library.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> bool:
    """Have this process end when ``parent_pid`` (its parent) ends; True when arranged."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent_pid:  # the parent ended before the request was made
        os._exit(1)
    return True
