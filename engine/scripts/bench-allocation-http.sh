#!/usr/bin/env bash
# Throughput of GET /api/v1/smart-charging/sites/{id}/allocation for a 100-charger site with 100 active
# sessions, next to GET /bench/trivial (a constant small JSON) on the same server in the same run.
# Goal (issue 16): allocation >= 90 % of trivial, both as wrk asks by default (no Accept-Encoding).
# Each round also measures GET /bench/padded?bytes=<the allocation's size>: a constant body of the same size
# sent the same way, no work. padded/trivial is what moving that many bytes allows at all on this set-up (the
# kernel's copies through loopback, wrk's reading); allocation/padded is the route's own cost.
#
# Usage: engine/scripts/bench-allocation-http.sh [--build] [duration-per-run, default 10s] [rounds, default 2]
# Prints each round's ratios and their medians; exits 1 when the median allocation/trivial is below 90 %.
# ACCEPT_ENCODING=gzip sends that header on every route (the allocation then leaves as its cached gzip form;
# the padded body, all one letter, then shrinks to almost nothing, so padded/trivial says little there).
# ENGINE_CPUS / WRK_CPUS (taskset lists, e.g. 0 and 1) pin the engine and wrk; by default neither is pinned.
# Needs wrk, curl and a JDK 25 (JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64). Loopback only; the engine
# gets a free port and a temporary data dir, and is stopped on exit. Not part of the default build.
set -euo pipefail

build=false
if [[ "${1:-}" == "--build" ]]; then build=true; shift; fi
duration="${1:-10s}"  # whole seconds, e.g. 10s
rounds="${2:-2}"
chargers=100
threads="${WRK_THREADS:-1}"
connections="${WRK_CONNECTIONS:-16}"
accept_encoding="${ACCEPT_ENCODING:-}"
engine_cpus="${ENGINE_CPUS:-}"
wrk_cpus="${WRK_CPUS:-}"
engine_pin=()
wrk_pin=()
[[ -n "$engine_cpus" ]] && engine_pin=(taskset -c "$engine_cpus")
[[ -n "$wrk_cpus" ]] && wrk_pin=(taskset -c "$wrk_cpus")

root="$(cd "$(dirname "$0")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jar="$root/engine/target/dynamo-engine.jar"
if $build || [[ ! -f "$jar" ]]; then
    (cd "$root" && ./mvnw -B -q -pl engine package -DskipTests)
fi
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

work="$(mktemp -d /tmp/dynamo-bench-http.XXXXXX)"
engine_pid=""
cleanup() {
    if [[ -n "$engine_pid" ]] && kill -0 "$engine_pid" 2>/dev/null; then
        kill "$engine_pid"
        wait "$engine_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# the site: 100 three-phase 22 kW chargers under one 1 MW connection, shared equally with a floor
{
    printf '{"sites":[{"site_id":"bench","name":"HTTP bench","timezone":"Europe/Amsterdam",'
    printf '"grid_connection_capacity_kw":1000,"chargers":['
    for i in $(seq 1 $chargers); do
        [[ $i -gt 1 ]] && printf ','
        printf '{"charge_point_id":"CP-%03d","max_power_kw":22,"phases":3}' "$i"
    done
    printf ']}]}\n'
} > "$work/sites.json"

"${engine_pin[@]}" "$JAVA_HOME/bin/java" -jar "$jar" serve --bind 127.0.0.1 --port 0 --bench-endpoints \
    --sites "$work/sites.json" --data-dir "$work/data" > "$work/engine.log" 2>&1 &
engine_pid=$!

# --port 0: the engine logs the port it got
base=""
for _ in $(seq 1 600); do
    kill -0 "$engine_pid" 2>/dev/null || { cat "$work/engine.log" >&2; echo "the engine did not start" >&2; exit 1; }
    base="$(grep -o 'engine listening on http://127\.0\.0\.1:[0-9]*' "$work/engine.log" | head -1 | sed 's/engine listening on //' || true)"
    [[ -n "$base" ]] && break
    sleep 0.1
done
[[ -n "$base" ]] || { echo "the engine did not report its port" >&2; exit 1; }

json='Content-Type: application/json'
curl -sf -o /dev/null -X PUT "$base/api/v1/smart-charging/sites/bench/config" -H "$json" \
    -d '{"max_power_kw":800,"strategy":"equal","min_power_per_charger_kw":4.2}'
for i in $(seq 1 $chargers); do
    curl -sf -o /dev/null -X POST "$base/api/v1/sites/bench/chargers/$(printf 'CP-%03d' "$i")/session" -H "$json" \
        -d '{"ev_max_power_kw":11}'
done

allocation="$base/api/v1/smart-charging/sites/bench/allocation"
trivial="$base/bench/trivial"
active="$(curl -sf "$allocation" | grep -o '"charge_point_id"' | wc -l)"
bytes="$(curl -sf "$allocation" | wc -c)"
padded="$base/bench/padded?bytes=$bytes"
echo "site: $chargers chargers, $active active sessions; allocation body $bytes bytes (padded: the same size)"
echo "wrk: $threads thread(s), $connections connections, $duration per run, $rounds round(s)," \
    "Accept-Encoding: ${accept_encoding:-none}; engine CPUs: ${engine_cpus:-any}, wrk CPUs: ${wrk_cpus:-any};" \
    "load: $(cut -d' ' -f1-3 /proc/loadavg)"

hz="$(getconf CLK_TCK)"
cpu_ticks() { # user and system CPU ticks of the engine process so far
    awk '{print $14, $15}' "/proc/$engine_pid/stat"
}
# requests/s from wrk, and CPU time per request: the engine's (user, system) and wrk's (user, system). The CPU
# times are less sensitive to the machine's other load than requests/s (wrk and the engine share the cores with
# whatever else runs), and they show where the time of a larger body goes (the kernel's copies, wrk's reads)
# The last two: the share of one core the engine and wrk used over the run (wrk's one thread saturates at 100 %).
measure() { # url duration -> "req/s engine-us engine-user-us engine-sys-us wrk-user-us wrk-sys-us engine-% wrk-%"
    local u0 s0 u1 s1 rps wrk_times
    read -r u0 s0 <<< "$(cpu_ticks)"
    local header=()
    [[ -n "$accept_encoding" ]] && header=(-H "Accept-Encoding: $accept_encoding")
    wrk_times="$( { TIMEFORMAT='%U %S'; time "${wrk_pin[@]}" wrk -t"$threads" -c"$connections" -d"$2" "${header[@]}" "$1" > "$work/wrk.out"; } 2>&1 )"
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.out")"
    read -r u1 s1 <<< "$(cpu_ticks)"
    awk -v rps="$rps" -v u="$((u1 - u0))" -v s="$((s1 - s0))" -v hz="$hz" -v d="${2%s}" -v w="$wrk_times" \
        'BEGIN {split(w, t, " "); n = rps * d;
                printf "%s %.0f %.1f %.1f %.1f %.1f %.0f %.0f", rps, 1e6 * (u + s) / hz / n, 1e6 * u / hz / n, 1e6 * s / hz / n,
                       1e6 * t[1] / n, 1e6 * t[2] / n, 100 * (u + s) / hz / d, 100 * (t[1] + t[2]) / d}'
}

# warm the three handlers up (JIT) twice, alternating, before anything is measured: the first runs after a
# warm-up still compete with background compilation
for _ in 1 2; do
    measure "$trivial" 5s >/dev/null
    measure "$allocation" 5s >/dev/null
    measure "$padded" 5s >/dev/null
done

percent() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", 100 * a / b}'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
goal_ratios="" bytes_ratios="" own_ratios=""
echo "CPU us per request: engine (user + system), wrk (user + system); [engine, wrk: % of one core]"
for round in $(seq 1 "$rounds"); do
    # the order turns each round (trivial first, then allocation first, then padded first), so a load that
    # rises or falls during a round does not always favour the same route
    for route in $(echo "trivial allocation padded trivial allocation" | cut -d' ' -f$(( (round - 1) % 3 + 1 ))-$(( (round - 1) % 3 + 3 ))); do
        case "$route" in
            trivial) read -r t t_cpu t_user t_sys t_wrk_user t_wrk_sys t_eng_core t_wrk_core <<< "$(measure "$trivial" "$duration")" ;;
            allocation) read -r a a_cpu a_user a_sys a_wrk_user a_wrk_sys a_eng_core a_wrk_core <<< "$(measure "$allocation" "$duration")" ;;
            padded) read -r p p_cpu p_user p_sys p_wrk_user p_wrk_sys p_eng_core p_wrk_core <<< "$(measure "$padded" "$duration")" ;;
        esac
    done
    echo "round $round: trivial $t req/s ($t_cpu us CPU/request), allocation $a req/s ($a_cpu us CPU/request)," \
        "allocation/trivial $(percent "$a" "$t") % (load $(cut -d' ' -f1 /proc/loadavg))"
    echo "  padded ($bytes bytes, no work) $p req/s: padded/trivial $(percent "$p" "$t") %, allocation/padded $(percent "$a" "$p") %"
    goal_ratios+=" $(percent "$a" "$t")" bytes_ratios+=" $(percent "$p" "$t")" own_ratios+=" $(percent "$a" "$p")"
    echo "  CPU us/request  trivial: engine $t_user + $t_sys, wrk $t_wrk_user + $t_wrk_sys [$t_eng_core, $t_wrk_core];" \
        "allocation: engine $a_user + $a_sys, wrk $a_wrk_user + $a_wrk_sys [$a_eng_core, $a_wrk_core];" \
        "padded: engine $p_user + $p_sys, wrk $p_wrk_user + $p_wrk_sys [$p_eng_core, $p_wrk_core]"
done
goal="$(echo "$goal_ratios" | median)"
echo "median over $rounds round(s): allocation/trivial $goal % (goal >= 90 %), padded/trivial $(echo "$bytes_ratios" | median) %," \
    "allocation/padded $(echo "$own_ratios" | median) %; load now $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v g="$goal" 'BEGIN {exit !(g >= 90)}'; then
    echo "goal met"
else
    echo "goal MISSED"
    exit 1
fi
