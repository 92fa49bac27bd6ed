#!/usr/bin/env python3
"""Hot spots of a flight recording: the methods most often on top of the stack (self) and on the stack at
all (inclusive, Limbic's own and a few telling others), from its jdk.ExecutionSample events.

    limbic bench ingest --mode fleet --gateway-jfr gateway.jfr
    python3 src/scripts/jfr-hotspots.py gateway.jfr
"""
import collections
import re
import subprocess
import sys

if len(sys.argv) != 2:
    sys.exit("usage: jfr-hotspots.py RECORDING.jfr")
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", sys.argv[1]],
                      check=True, capture_output=True, text=True).stdout
self_counts, inclusive, samples, stack = collections.Counter(), collections.Counter(), 0, None
for line in text.splitlines():
    line = line.strip()
    if line.startswith("stackTrace = ["):
        stack = []
    elif stack is not None and (line.startswith("]") or line.startswith("...")):
        if stack:
            samples += 1
            self_counts[stack[0]] += 1
            inclusive.update(set(stack))
        stack = None
    elif stack is not None:
        frame = re.match(r"(.*?)\s+line:", line)
        if frame:
            stack.append(frame.group(1))
if not samples:
    sys.exit("no execution samples in " + sys.argv[1])
print(f"{samples} samples")
print("self:")
for method, count in self_counts.most_common(15):
    print(f"  {100 * count / samples:5.1f} %  {method[:140]}")
print("inclusive (Limbic, Micrometer, logging):")
for method, count in inclusive.most_common():
    if count * 200 >= samples and re.search(r"dev\.limbic|micrometer\.core\.instrument\.\w+\.record|logback\.core\.OutputStreamAppender", method):
        print(f"  {100 * count / samples:5.1f} %  {method[:140]}")
