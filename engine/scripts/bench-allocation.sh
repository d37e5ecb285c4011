#!/usr/bin/env bash
# The allocation goals in one command: runs AllocationBenchmark (JMH, 3 forks by default) and prints, per goal,
# the score of each fork, the ratio per fork and its median, and "met" or "MISSED"; exits 1 when a goal is
# missed. Goals: flat and 200-circuit rebalances of 10,000 chargers within 3x / 5x of Arrays.sort of 10,000
# doubles in the same run; with 10 chargers, equal within 2x of priority.
#
# Usage: engine/scripts/bench-allocation.sh [--forks N] [--growth]
#   --growth  times 100 to 100,000 chargers (flat and under circuits) next to sorting as many doubles and
#             prints the cost per n*log2(n) instead (no goals; takes about three times as long).
# Takes about 6 minutes with 3 forks on 2 cores, plus the build. Needs JDK 25 (JAVA_HOME, else
# /usr/lib/jvm/temurin-25-jdk-amd64). Runs on a fresh clone (Maven fetches what it needs). Measure on an idle
# machine: the load average is printed first; a number taken at load average 0.5 or more is not idle.
# Not part of the default build.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
echo "uptime: $(uptime)"
load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)"
if [[ "$load" != unknown ]] && awk -v l="$load" 'BEGIN {exit !(l >= 0.5)}'; then
    echo "WARNING: load average $load >= 0.5: these numbers are not an idle measurement" >&2
fi
cd "$root"
# a missed goal makes the JMH process exit 1, and Maven then prints a stack trace: cut it after the verdict
./mvnw -B -q -Pbench -pl engine test -Djmh.main=dev.dynamo.bench.AllocationGoals -Djmh.args="$*" 2>&1 \
    | awk '/^a goal was MISSED$/ {print; cut = 1; next} !cut {print}'
