"""Worker processes end with the process that started them (Linux), even when it is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

PARENT = textwrap.dedent("""
    import multiprocessing, os, sys, time

    def child(parent, flag):
        from newsdiff.child_process import die_with_parent
        if die_with_parent(parent):
            open(flag, "w").close()
        time.sleep(120)

    if __name__ == "__main__":
        p = multiprocessing.get_context("spawn").Process(target=child, args=(os.getpid(), sys.argv[1]))
        p.start()
        print(p.pid, flush=True)
        time.sleep(120)
""")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie has ended; it waits only for its (new) parent to reap it
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl(PR_SET_PDEATHSIG) is Linux's")
def test_a_killed_parent_takes_its_worker_with_it(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    flag = tmp_path / "asked"
    parent = subprocess.Popen([sys.executable, str(script), str(flag)], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        deadline = time.monotonic() + 60
        while not flag.exists() and time.monotonic() < deadline:  # the child's request made
            time.sleep(0.05)
        assert flag.exists() and _alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child)
    finally:
        parent.kill()
        parent.wait()

