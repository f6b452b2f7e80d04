# A process tree that changes its descriptor tables one step per line read on standard input:
# forks, a listener handed to a child over SCM_RIGHTS and closed by its sender, an exit,
# connections opened and closed, a socket closed while a file is opened (same count).
import os, signal, socket, sys

def out(text):
    print(text, flush=True)

def child_loop(command_fd):
    # waits for one byte, then exits
    os.read(command_fd, 1)
    os._exit(0)

def spawn(keep=()):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(w)
        child_loop(r)
    os.close(r)
    return pid, w

out("ready")
state = {}
for line in sys.stdin:
    step = line.strip()
    if step == "listen":
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        state["listener"] = listener
    elif step == "fork":
        state["first"] = spawn()
    elif step == "hand-over":
        parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            parent_end.close()
            msg, fds, flags, addr = socket.recv_fds(child_end, 16, 1)
            child_end.send(b"k")
            os.read(r, 1)
            for fd in fds:
                os.close(fd)
            os._exit(0)
        child_end.close()
        os.close(r)
        handed = socket.socket()
        handed.bind(("127.0.0.1", 0))
        handed.listen()
        socket.send_fds(parent_end, [b"x"], [handed.fileno()])
        parent_end.recv(1)
        handed.close()
        state["second"] = (pid, w)
        state["unix"] = parent_end
    elif step == "exit-first":
        pid, w = state.pop("first")
        os.write(w, b"x")
        os.waitpid(pid, 0)
        os.close(w)
    elif step == "connect":
        client = socket.create_connection(state["listener"].getsockname())
        accepted, _ = state["listener"].accept()
        accepted.close()
        state["client"] = client
    elif step == "swap":
        state.pop("listener").close()
        state["file"] = open("/dev/null")
    elif step == "exit-second":
        pid, w = state.pop("second")
        os.write(w, b"x")
        os.waitpid(pid, 0)
    out("done " + step)
