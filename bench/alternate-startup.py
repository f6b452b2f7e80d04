# Times `<tree>/portscope listen -n` for two trees (main/ and portable/ under the current directory),
# alternating them round by round: python3 alternate-startup.py ROUNDS
import subprocess, time, statistics, sys
cmds = {"main": ["main/portscope", "listen", "-n"], "portable": ["portable/portscope", "listen", "-n"]}
import resource
times = {k: [] for k in cmds}
cpu = {k: [] for k in cmds}
n = int(sys.argv[1])
for i in range(n):
    order = list(cmds) if i % 2 == 0 else list(reversed(list(cmds)))
    for k in order:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmds[k], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[k].append(time.perf_counter() - t)
        r2 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[k].append(r2.ru_utime - r.ru_utime + r2.ru_stime - r.ru_stime)
for k, v in times.items():
    print(k, "median %.3f s  mean %.3f s  min %.3f s  (n=%d)" % (statistics.median(v), statistics.mean(v), min(v), len(v)))
for k, v in cpu.items():
    print(k, "CPU (user+sys) median %.3f s" % statistics.median(v))
print("CPU ratio portable/main of medians: %.3f" % (statistics.median(cpu["portable"]) / statistics.median(cpu["main"])))
print("ratio portable/main of medians: %.3f" % (statistics.median(times["portable"]) / statistics.median(times["main"])))
