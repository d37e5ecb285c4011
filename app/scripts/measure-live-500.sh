#!/usr/bin/env bash
# Measures the live screen with 500 active chargers: generates a 500-charger site, starts the console
# under Xvfb with the embedded engine on it, starts a session on every charger, lets the live view
# refresh at 1 Hz and prints FX-thread time per pulse, frame intervals and heap after GC.
# Usage: [CHARGERS=2000] app/scripts/measure-live-500.sh [seconds] [budget|sessions]
#   CHARGERS  how many chargers (default 500), all charging
#   budget   (default) the budget changes each second: all 500 values change, the list does not
#   sessions one session stops/starts each second: the list of active chargers changes too
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
seconds="${1:-60}"
churn="${2:-budget}"
count="${CHARGERS:-500}"
if [ ! -f app/target/dynamo-console.jar ]; then
  ./mvnw -B -q package -DskipTests
fi
sites="$(mktemp -d)/sites-$count.json"
{
  echo '{"sites":[{"site_id":"bench-'"$count"'","name":"Bench '"$count"'","timezone":"Europe/Amsterdam",'
  echo '"grid_connection_capacity_kw":'"$((count * 10))"',"chargers":['
  for i in $(seq 1 "$count"); do
    kw=22; [ $((i % 4)) -eq 0 ] && kw=11
    sep=","; [ "$i" -eq "$count" ] && sep=""
    printf '{"charge_point_id":"CP-%03d","max_power_kw":%s,"phases":3}%s\n' "$i" "$kw" "$sep"
  done
  echo ']}]}'
} > "$sites"
xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$JAVA_HOME/bin/java" -Xmx1g -Dprism.order=sw -jar app/target/dynamo-console.jar \
  --embedded --fresh-settings --sites-file="$sites" --demo-sessions="$count" --measure-seconds="$seconds" --measure-churn="$churn" \
  2>&1 | grep -v -E '^(WARNING|Nov|[0-9]{4}-[0-9]{2}-[0-9]{2}T)' || true
