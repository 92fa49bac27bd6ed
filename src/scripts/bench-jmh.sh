#!/usr/bin/env bash
# JMH benchmarks of the hot path: decoding and stress detection per frame (ns/op, and B/op from -prof gc),
# then the bytes of detector state per responder. Builds target/benchmarks.jar (Maven profile jmh).
# Short iterations: the whole run takes about three minutes. Full JMH output: target/jmh.log.
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -ntp -q -Pjmh -DskipTests package
echo "JMH (1 fork, 3x1 s warm-up, 5x1 s measured; ns/op mean ± 99.9% error, B/op from -prof gc)"
java -jar target/benchmarks.jar 'dev\.limbic\.jmh\.(Decode|Detection)Benchmark' -prof gc \
  -rf csv -rff target/jmh.csv > target/jmh.log 2>&1 || { tail -40 target/jmh.log >&2; exit 1; }

python3 - target/jmh.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
param = next((k for k in rows[0] if k.startswith("Param")), None) if rows else None
table = {}
for r in rows:
    name = r["Benchmark"].replace("dev.limbic.jmh.", "")
    key = (name.split(":")[0], r.get(param, "") if param else "")
    if ":" not in name:
        table.setdefault(key, {})["ns"] = (float(r["Score"]), float(r["Score Error (99.9%)"] or "nan"))
    elif name.endswith("gc.alloc.rate.norm"):
        table.setdefault(key, {})["bytes"] = float(r["Score"])
print(f"{'benchmark':<34} {'params':<26} {'ns/op':>16} {'B/op':>8}")
for (bench, params), v in table.items():
    ns, err = v.get("ns", (float("nan"), float("nan")))
    print(f"{bench:<34} {params:<26} {ns:>9.1f} ± {err:<5.1f} {v.get('bytes', float('nan')):>8.1f}")
PY

java -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true -cp target/benchmarks.jar \
  dev.limbic.jmh.DetectorFootprint 2>/dev/null | grep -v '^#'
