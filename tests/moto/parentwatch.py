"""Stop a local test server when the process that started it is gone (used by automl_moto.py and proxy.py)."""
import os
import threading


def parent_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a dead parent nobody has reaped yet is a zombie, and kill(pid, 0) still succeeds on it
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def watch_parent(pid, server, stop_event):
    """Thread body: shut the server down once pid is gone (checked every second until stop_event is set)."""
    while not stop_event.wait(1.0):
        if not parent_alive(pid):
            print(f"parent process {pid} is gone; stopping", flush=True)
            stop_event.set()
            server.shutdown()
            return


def start_watch(pid, server, stop_event):
    threading.Thread(target=watch_parent, args=(pid, server, stop_event), daemon=True).start()
