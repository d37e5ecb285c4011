// Reconnect storm (not part of the build): N charge points connect and send BootNotification all at once, as
// after an engine restart. Reports the time until every one is connected and until every one is booted, per-
// charger percentiles, and which side is slow: the CPU seconds the engine and the generator used during the
// storm (a side near 1 CPU second per second of the storm is saturated) and the generator's worst event-loop
// delay (if it is large, the generator itself cannot keep up).
//
//   ./mvnw -B -pl engine package -DskipTests                # builds engine/target/dynamo-engine.jar
//   cd engine/src/test/node && npm ci                        # once
//   export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
//   taskset -c 1 node reconnect-storm.js --jar ../../../target/dynamo-engine.jar --engine-cpus 0
//
// Options: --chargers N (1000), --per-site N (50), --port P (18767), --engine-cpus LIST, --jvm "ARGS", --json FILE.
// --jvm "@../../../jvm.options @../../../serve.options -XX:AOTCache=../../../target/dynamo-engine.aot": the engine as
// the package's service runs it, with its AOT cache (made by -Paot with the options of engine/jvm.options, which it
// must run with too) and serve's own options (engine/serve.options); see
// engine/scripts/bench-storm.sh, which builds both and alternates runs with and without it).
// The summary splits the engine's CPU seconds: JIT compiler threads (engine_cpu_jit_s), GC and VM threads
// (engine_cpu_gc_s), the rest being the server's own work.
// --rounds N (1): storms one after another on the same engine; the first is the restart's (a cold JVM), the later
// ones show the engine's cost once its code is compiled.
// --no-warm-up: no single charger first: round 1 is then also the first OCPP connection of the JVM, as in a real
// restart (with the warm-up, the OCPP path's classes are loaded before the storm). Every summary also gives the
// restart before the storm: engine_ready_ms (JVM start until /health answers) and engine_ready_cpu_s.
// --no-config: sites without a charging config (no decisions at all; by default every site runs `equal` at half its
// rating, as in load-test.js, so each connection is also a `connect` decision of its site). The summary counts the
// decisions the storm made, by trigger (`GET /api/v1/sites/{id}/decisions`).
// --echo: the same storm against the bare WebSocket echo on the engine's server stack (dev.dynamo.ocpp.EchoServerMain,
// as echo-bench.js starts it; --classpath FILE, default ../../../target/test-classpath.txt): the floor for the
// engine's storm, the boot's answer being its echo.
'use strict';
const { spawn } = require('child_process');
const { monitorEventLoopDelay } = require('perf_hooks');
const fs = require('fs');
const os = require('os');
const path = require('path');
const WebSocket = require('ws');
const { parseArgs, sleep, percentile, cpuSeconds, cpuByThread } = require('./bench-common');

const args = parseArgs(process.argv);
const total = Number(args.chargers || 1000);
const perSite = Number(args['per-site'] || 50);
const port = Number(args.port || 18767);
const echo = process.argv.includes('--echo');
const withConfig = !process.argv.includes('--no-config');
const rounds = Number(args.rounds || 1);
const warmUp = !process.argv.includes('--no-warm-up');

/** Connects, then sends BootNotification; resolves with [ms to open, ms to the boot's answer]. */
function storm(id, t0) {
    return new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/${echo ? 'echo' : 'ocpp'}/${id}`, echo ? [] : ['ocpp1.6'], { perMessageDeflate: false });
        let openedMs;
        ws.on('open', () => {
            openedMs = performance.now() - t0;
            ws.send(JSON.stringify([2, 'b1', 'BootNotification', { chargePointVendor: 'Storm', chargePointModel: 'Sim' }]));
        });
        ws.on('message', data => {
            const frame = JSON.parse(data);
            if (frame[0] === 2 && !echo) { // the engine's calls (TxDefaultProfile): accepted
                ws.send(`[3,"${frame[1]}",{"status":"Accepted"}]`);
            } else if (frame[1] === 'b1') {
                resolve({ ws, openedMs, bootedMs: performance.now() - t0, ok: frame[0] === 3 });
            }
        });
        ws.on('error', reject);
    });
}

(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dynamo-storm-'));
    const sites = [];
    for (let s = 0; s * perSite < total; s++) {
        const chargers = [];
        for (let c = 0; c < perSite && s * perSite + c < total; c++) chargers.push({ charge_point_id: `S${s}-CP${c}`, max_power_kw: 22 });
        sites.push({ site_id: `storm-${s}`, name: `Storm ${s}`, timezone: 'UTC', grid_connection_capacity_kw: chargers.length * 22, chargers });
    }
    fs.writeFileSync(path.join(dir, 'sites.json'), JSON.stringify({ sites }));
    const java = echo ? ['-cp', [path.join(__dirname, '../../../target/test-classes'), path.join(__dirname, '../../../target/classes'),
            fs.readFileSync(args.classpath || path.join(__dirname, '../../../target/test-classpath.txt'), 'utf8').trim()]
            .join(path.delimiter), 'dev.dynamo.ocpp.EchoServerMain', String(port)]
        : ['-jar', args.jar, 'serve', '--port', String(port), '--sites', path.join(dir, 'sites.json'),
            '--data-dir', path.join(dir, 'data')];
    if (args.jvm) java.unshift(...args.jvm.split(' ').filter(Boolean));
    const javaBin = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
    const spawnedAt = performance.now();
    const engine = args['engine-cpus']
        ? spawn('taskset', ['-c', args['engine-cpus'], javaBin, ...java], { stdio: ['ignore', 'ignore', 'inherit'] })
        : spawn(javaBin, java, { stdio: ['ignore', 'ignore', 'inherit'] });
    const results = [];
    try {
        for (let i = 0; i < 300 && engine.exitCode === null; i++) {
            try { if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break; } catch (e) { /* not up yet */ }
            await sleep(200);
        }
        // the restart itself: from the JVM's start until /health answers, and the CPU it took
        const ready = { engine_ready_ms: +(performance.now() - spawnedAt).toFixed(1), engine_ready_cpu_s: cpuSeconds(engine.pid) };
        const base = `http://127.0.0.1:${port}`;
        for (const site of echo || !withConfig ? [] : sites) {
            const res = await fetch(`${base}/api/v1/smart-charging/sites/${site.site_id}/config`, {
                method: 'PUT', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ max_power_kw: site.chargers.length * 11, strategy: 'equal' }) });
            if (!res.ok) throw new Error('config refused: ' + await res.text());
        }
        if (warmUp) {
            // warm-up: one charger connects and boots, so the storm does not measure class loading alone
            const warm = await storm(sites[0].chargers[0].charge_point_id, performance.now());
            warm.ws.terminate();
            await sleep(1500); // the engine's per-charge-point replacement bucket (one a second)
        }
        const ids = sites.flatMap(s => s.chargers.map(c => c.charge_point_id));
        const summaries = [];
        for (let round = 1; round <= rounds; round++) {
            if (round > 1) {
                // the next storm: every connection dropped, the engine idle again, the replacement bucket refilled
                results.forEach(r => r.ws.terminate());
                await sleep(5000);
            }
            const stormFrom = new Date().toISOString();
            const lag = monitorEventLoopDelay({ resolution: 10 });
            lag.enable();
            const loadBefore = os.loadavg();
            const engineCpuBefore = cpuSeconds(engine.pid);
            const threadsBefore = cpuByThread(engine.pid);
            const ownCpuBefore = process.cpuUsage();
            const t0 = performance.now();
            results.splice(0, results.length, ...await Promise.all(ids.map(id => storm(id, t0))));
            const stormS = (performance.now() - t0) / 1000;
            lag.disable();
            const engineCpuS = cpuSeconds(engine.pid) - engineCpuBefore;
            const threadsAfter = cpuByThread(engine.pid);
            const ownCpu = process.cpuUsage(ownCpuBefore);
            const generatorCpuS = (ownCpu.user + ownCpu.system) / 1e6;
            const opened = results.map(r => r.openedMs).sort((a, b) => a - b);
            const booted = results.map(r => r.bootedMs).sort((a, b) => a - b);
            const ms = x => +x.toFixed(1);
            const summary = { round, server: echo ? 'echo' : 'engine', warm_up: warmUp, ...ready, chargers: ids.length, booted_ok: results.filter(r => r.ok).length,
                all_open_ms: ms(opened[opened.length - 1]), all_booted_ms: ms(booted[booted.length - 1]),
                open_p50_ms: ms(percentile(opened, 50)), open_p99_ms: ms(percentile(opened, 99)),
                boot_p50_ms: ms(percentile(booted, 50)), boot_p99_ms: ms(percentile(booted, 99)),
                storm_s: +stormS.toFixed(2), engine_cpu_s: +engineCpuS.toFixed(2), generator_cpu_s: +generatorCpuS.toFixed(2),
                // where the engine's CPU went (threads that ended during the storm count as "other")
                engine_cpu_jit_s: +(threadsAfter.jit - threadsBefore.jit).toFixed(2), engine_cpu_gc_s: +(threadsAfter.gc - threadsBefore.gc).toFixed(2),
                engine_cpu_share: +(engineCpuS / stormS).toFixed(2), generator_cpu_share: +(generatorCpuS / stormS).toFixed(2),
                generator_max_loop_delay_ms: ms(lag.max / 1e6),
                load_before: loadBefore.map(l => +l.toFixed(2)), load_after: os.loadavg().map(l => +l.toFixed(2)),
                engine_cpus: args['engine-cpus'] || null, cpus: os.cpus().length };
            if (!echo) {
                // the decisions the storm made (those of its connections come within a second of them)
                await sleep(1000);
                const triggers = {};
                for (const site of sites) {
                    const res = await fetch(`${base}/api/v1/sites/${site.site_id}/decisions?from=${stormFrom}&limit=10000`);
                    if (!res.ok) continue;
                    for (const d of (await res.json()).decisions) triggers[d.trigger] = (triggers[d.trigger] || 0) + 1;
                }
                summary.decisions = triggers;
            }
            // the side using most of a CPU for the storm's duration is the one holding it up
            summary.slow_side = summary.generator_cpu_share > summary.engine_cpu_share ? 'generator' : 'engine';
            console.log(JSON.stringify(summary));
            summaries.push(summary);
            // after every round: a later round that fails (a reset under heavy load) keeps the earlier ones
            if (args.json) fs.writeFileSync(args.json, JSON.stringify(rounds === 1 ? summaries[0] : summaries, null, 2));
        }
    } finally {
        results.forEach(r => r.ws.terminate());
        engine.kill('SIGTERM');
        await new Promise(resolve => engine.exitCode !== null ? resolve() : engine.on('exit', resolve));
        fs.rmSync(dir, { recursive: true, force: true });
    }
})().catch(err => {
    console.error(err);
    process.exit(1);
});
