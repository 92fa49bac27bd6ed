#!/usr/bin/env bash
# JMH benchmarks of the hot paths: decoding and stress detection per frame, and the alert intake's work per
# Alertmanager webhook of 10 alerts before the database (ns/op, and B/op from -prof gc), then the bytes of
# detector state per responder. Builds target/benchmarks.jar (Maven profile jmh).
# Short iterations: the whole run takes about four minutes. Full JMH output: target/jmh.log.
# An argument narrows the run to the benchmarks whose names match it (a JMH regex), e.g. AlertmanagerIntake.
set -euo pipefail
cd "$(dirname "$0")/../.."
select="${1:-dev\.limbic\.(jmh\.(Decode|Detection)|store\.AlertmanagerIntake)Benchmark}"

mvn -B -ntp -q -Pjmh -DskipTests package
echo "JMH (1 fork, 3x1 s warm-up, 5x1 s measured, the intake 8x1 s and 6x1 s; ns/op mean ± 99.9% error; CPU ns/op"
echo "of the JVM, GC included, from dev.limbic.jmh.CpuTimeProfiler, which moves less with the load; B/op from -prof gc)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar target/benchmarks.jar "$select" -prof gc -prof dev.limbic.jmh.CpuTimeProfiler \
  -rf csv -rff target/jmh.csv > target/jmh.log 2>&1 || { tail -40 target/jmh.log >&2; exit 1; }

python3 - target/jmh.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
param = next((k for k in rows[0] if k.startswith("Param")), None) if rows else None
table = {}
for r in rows:
    name = r["Benchmark"].replace("dev.limbic.jmh.", "").replace("dev.limbic.store.", "")
    key = (name.split(":")[0], r.get(param, "") if param else "")
    if ":" not in name:
        table.setdefault(key, {})["ns"] = (float(r["Score"]), float(r["Score Error (99.9%)"] or "nan"))
    elif name.endswith("gc.alloc.rate.norm"):
        table.setdefault(key, {})["bytes"] = float(r["Score"])
    elif name.endswith("cpu.time.norm"):
        table.setdefault(key, {})["cpu"] = float(r["Score"])
print(f"{'benchmark':<36} {'params':<24} {'ns/op':>18} {'CPU ns/op':>10} {'B/op':>9}")
for (bench, params), v in table.items():
    ns, err = v.get("ns", (float("nan"), float("nan")))
    print(f"{bench:<36} {params:<24} {ns:>10.1f} ± {err:<5.1f} {v.get('cpu', float('nan')):>10.1f}"
          f" {v.get('bytes', float('nan')):>9.1f}")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

[ $# -gt 0 ] && exit 0
java -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true -cp target/benchmarks.jar \
  dev.limbic.jmh.DetectorFootprint 2>/dev/null | grep -v '^#'
