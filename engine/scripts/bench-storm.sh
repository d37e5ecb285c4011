#!/usr/bin/env bash
# The reconnect-storm benchmark (issue 13: 1,000 charge points connect and boot at once, as after a restart;
# goal < 3 s) on a cold JVM, plain `java -jar` against the same jar as the package's service runs it (its AOT cache,
# engine/jvm.options and engine/serve.options), in alternating runs.
# Builds what it needs: the engine jar and its AOT cache (./mvnw -Paot: a training run of one to two minutes), and the
# npm client of the storm script. Then PAIRS times: one storm engine plain, one as shipped (each run a new
# JVM, two rounds: round 1 the restart's cold storm, round 2 the same engine warm). Prints every run and the medians.
#
#   engine/scripts/bench-storm.sh                    # 3 pairs (about 4 minutes with the build)
#   engine/scripts/bench-storm.sh 5 --variant serial="-XX:+UseSerialGC"   # 5 rounds of each, plus a third variant
#   engine/scripts/bench-storm.sh 3 -- --no-warm-up   # a real restart: no single charger before the storm
#
# The engine runs on CPU 0, the storm's client on CPU 1 (taskset; needs 2 CPUs). A number is an idle measurement
# only when the load average printed before each run is below 0.5; WAIT_IDLE=1 waits for that before each run.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"

pairs=3
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then pairs="$1"; shift; fi
names=(plain shipped)
# the cache runs with the options it was trained with (engine/jvm.options; others make the JVM refuse it), and serve's
# own (engine/serve.options), as the package's service runs it
flags=("" "@$root/engine/jvm.options @$root/engine/serve.options -XX:AOTCache=$root/engine/target/dynamo-engine.aot")
storm_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --variant) names+=("${2%%=*}"); flags+=("${2#*=}"); shift 2 ;;
        --) shift; storm_args+=("$@"); break ;;
        *) echo "usage: bench-storm.sh [PAIRS] [--variant NAME=\"JVM OPTIONS\"]... [-- reconnect-storm.js options]" >&2; exit 2 ;;
    esac
done

echo "== build: ./mvnw -B -q -pl engine package -DskipTests -Paot (the jar and its AOT cache)"
./mvnw -B -q -pl engine package -DskipTests -Paot
(cd engine/src/test/node && node ensure-packages.js)

out="$(mktemp -d /tmp/dynamo-bench-storm-XXXXXX)"
echo "== $pairs runs of each: ${names[*]} (commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), JSON in $out)"
cd engine/src/test/node
for run in $(seq 1 "$pairs"); do
    for i in "${!names[@]}"; do
        if [[ "${WAIT_IDLE:-0}" == 1 ]]; then
            while awk '{exit !($1 >= 0.5)}' /proc/loadavg; do sleep 5; done
        fi
        echo "-- ${names[$i]} #$run, $(uptime | sed 's/.*load/load/')"
        jvm=()
        if [[ -n "${flags[$i]}" ]]; then jvm=(--jvm "${flags[$i]}"); fi
        # a free port: other storms or load tests may be running on this machine
        port="$(node -e "const s = require('net').createServer().listen(0, () => { console.log(s.address().port); s.close(); })")"
        if ! taskset -c 1 node reconnect-storm.js --jar ../../../target/dynamo-engine.jar --engine-cpus 0 --rounds 2 --port "$port" \
                "${jvm[@]}" ${storm_args[@]+"${storm_args[@]}"} --json "$out/${names[$i]}-$run.json" 2> "$out/${names[$i]}-$run.log" | cut -c1-260; then
            echo "   failed; the end of its log:"; tail -5 "$out/${names[$i]}-$run.log"
        fi
    done
done

node - "$out" "${names[@]}" <<'EOF'
const fs = require('fs');
const [dir, ...names] = process.argv.slice(2);
const median = xs => { if (xs.length === 0) return undefined; const s = xs.slice().sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
console.log('== medians: variant, start until /health (s) and its CPU s, cold storm all booted (s) and its engine CPU s (of which JIT, GC), warm storm (s) and CPU s; per run; load before');
for (const name of names) {
    const runs = fs.readdirSync(dir).filter(f => new RegExp(`^${name}-\\d+\\.json$`).test(f))
        .map(f => JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8')));
    if (runs.length === 0) { console.log(`${name.padEnd(10)} no run completed`); continue; }
    const cold = runs.map(r => r[0]);
    const warm = runs.map(r => r[1]).filter(Boolean); // a run whose second round failed keeps its cold one
    const f2 = x => x === undefined ? '-' : x.toFixed(2);
    const s = ms => ms === undefined ? '-' : (ms / 1000).toFixed(2);
    const med = (rs, key) => median(rs.map(r => r[key]));
    console.log(`${name.padEnd(10)} ready ${s(med(cold, 'engine_ready_ms'))} s, CPU ${f2(med(cold, 'engine_ready_cpu_s'))} s; cold ${s(med(cold, 'all_booted_ms'))} s, CPU ${f2(med(cold, 'engine_cpu_s'))} s`
        + ` (JIT ${f2(med(cold, 'engine_cpu_jit_s'))}, GC ${f2(med(cold, 'engine_cpu_gc_s'))}),`
        + ` warm ${s(med(warm, 'all_booted_ms'))} s, CPU ${f2(med(warm, 'engine_cpu_s'))} s;`
        + ` runs: ${cold.map(r => s(r.all_booted_ms) + ' s/' + f2(r.engine_cpu_s) + ' CPU').join(', ')}; load ${cold.map(r => r.load_before[0]).join(' ')}`);
}
EOF
