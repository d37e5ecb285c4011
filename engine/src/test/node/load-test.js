// Load test (not part of the build): N simulated charge points at once against a real engine.
// Measures, for each StartTransaction, the time from sending it until every charger whose limit it
// changed has received its new TxProfile (or a newer one).
//
//   ./mvnw -B -o -q -pl engine package -DskipTests       # builds engine/target/dynamo-engine.jar
//   cd engine/src/test/node && npm ci                    # once
//   export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64    # the engine runs on $JAVA_HOME/bin/java
//   taskset -c 1 node load-test.js --jar ../../../target/dynamo-engine.jar --engine-cpus 0
//
// Options: --chargers N (1000), --per-site N (50), --pattern open|burst (open), --rate STARTS_PER_S (20, open
// only: Poisson arrivals over all sites, seeded), --seed N (1), --engine-cpus LIST (taskset for the engine),
// --jvm "ARGS" (extra JVM options, e.g. a flight recording), --port P (18765), --json FILE, --rounds N (1),
// --shipped (the JVM options the package's service runs with, engine/jvm.options and engine/serve.options, and the
// jar's AOT cache of -Paot, which must exist: what the goals are measured on), --aot-cache FILE (another cache for
// --shipped), --launcher PATH (run a packaged launcher, e.g.
// installers/target/app-image/dynamo-engine/bin/dynamo-engine, instead of --jar), --latencies
// PREFIX (every start of round N to PREFIX.N.csv: its site, its place in the site's order, when it was sent, its
// latency and its StartTransaction.conf's; shows whether a p99 is the run's mean or a few stalls, and which part). The
// summary has tx_profiles_per_s: TxProfiles received per second of the run (compare with echo-bench.js), the engine's
// CPU per TxProfile with and without its JIT compiler threads, and its threads' voluntary context switches per
// TxProfile (engine_waits_per_tx_profile: hand-offs between threads; less sensitive to other load on the machine
// than CPU time or latency). It also has the heap bytes the engine allocated per TxProfile in the round and its young
// and full collections in the round (engine_alloc_kb_per_tx_profile, engine_young_gcs, engine_full_gcs: read with
// `jcmd` before and after each round; deterministic where CPU time and latency are noise; --no-alloc leaves them out).
// With --rounds N > 1 every charger then stops its transaction and the same starts run again on the same engine,
// now warm: the summary is round 1's (a fresh JVM, what the goals are measured on), and `rounds` has every round's
// (round 2 on shows what the just-in-time compiler's warm-up cost round 1).
//
// Every site runs `equal` at half its rating (11 kW per charger of 22 kW), so with n sessions every charging
// charger's limit is min(22, 11 * per-site / n) kW: up to half the site charging, a start changes only its own
// charger's limit; past that it lowers every charging charger's limit. A start is complete when each charger
// it affects has received, after the start was sent, a TxProfile at or below that limit (a later start only
// lowers limits further, so its profile completes the earlier start too).
//
// The generator is a lean OCPP-J client on raw WebSockets (`ws`): it answers every SetChargingProfile with
// Accepted without schema validation; strictness is what the interop tests (ocpp-rpc, strict mode) prove.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const WebSocket = require('ws');
const { parseArgs, sleep, random, percentile, cpuSeconds, cpuByThread, voluntarySwitches } = require('./bench-common');

const args = parseArgs(process.argv);
const total = Number(args.chargers || 1000);
const perSite = Number(args['per-site'] || 50);
const pattern = args.pattern || 'open';
const ratePerS = Number(args.rate || 20);
const port = Number(args.port || 18765);
const rounds = Number(args.rounds || 1);
const shipped = 'shipped' in args; // a flag: its "value" is whatever follows it
const chargerKw = 22;
if (!['open', 'burst'].includes(pattern)) throw new Error('--pattern is open or burst');

/** The JVM options the package's service runs `serve` with: java @argfiles (comments after #), read by the package too. */
const jvmOptionsFile = path.join(__dirname, '..', '..', '..', 'jvm.options'); // every command's
const serveOptionsFile = path.join(__dirname, '..', '..', '..', 'serve.options'); // serve's own

function readJvmOptions(file) {
    return fs.readFileSync(file, 'utf8').split('\n').map(line => line.replace(/#.*/, '').trim())
        .filter(Boolean).flatMap(line => line.split(/\s+/));
}

/**
 * The engine's command line: `java [--jvm] -jar JAR serve …`; with --shipped the options of engine/jvm.options and
 * engine/serve.options and the jar's AOT cache (made by -Paot; -XX:AOTMode=on makes the JVM stop rather than run
 * without it), as the package's service runs; with --launcher the package's own launcher (its runtime, its cache and
 * options; serve.options and --jvm then go in JAVA_TOOL_OPTIONS, as the service's script puts them). Empty without
 * --jar or --launcher (an engine started by hand on --port).
 */
function engineCommand(dir) {
    const serve = ['serve', '--port', String(port), '--sites', path.join(dir, 'sites.json'), '--data-dir', path.join(dir, 'data')];
    if (args.launcher) return [args.launcher, ...serve];
    if (!args.jar) return [];
    const jvm = args.jvm ? args.jvm.split(' ').filter(Boolean) : [];
    if (shipped) {
        const cache = args['aot-cache'] || path.join(path.dirname(args.jar), 'dynamo-engine.aot');
        if (!fs.existsSync(cache)) {
            throw new Error(`--shipped needs the jar's AOT cache ${cache}: ./mvnw -B -pl engine package -DskipTests -Paot`);
        }
        jvm.unshift(...readJvmOptions(jvmOptionsFile), ...readJvmOptions(serveOptionsFile), `-XX:AOTCache=${cache}`, '-XX:AOTMode=on');
    }
    const javaBin = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
    return [javaBin, ...jvm, '-jar', args.jar, ...serve];
}

function engineEnv() {
    if (!args.launcher) return process.env;
    const serveOptions = readJvmOptions(serveOptionsFile).join(' ');
    return { ...process.env, JAVA_TOOL_OPTIONS: args.jvm ? `${serveOptions} ${args.jvm}` : serveOptions };
}

function writeSites(dir) {
    const sites = [];
    for (let s = 0; s * perSite < total; s++) {
        const chargers = [];
        for (let c = 0; c < perSite && s * perSite + c < total; c++) {
            chargers.push({ charge_point_id: `L${s}-CP${c}`, max_power_kw: chargerKw });
        }
        sites.push({ site_id: `load-${s}`, name: `Load ${s}`, timezone: 'UTC',
            grid_connection_capacity_kw: chargers.length * chargerKw, chargers });
    }
    fs.writeFileSync(path.join(dir, 'sites.json'), JSON.stringify({ sites }));
    return sites;
}

async function waitForHealth(base, engine) {
    for (let i = 0; i < 300 && (!engine || engine.exitCode === null); i++) {
        try {
            if ((await fetch(base + '/health')).ok) return;
        } catch (e) { /* not up yet */ }
        await sleep(200);
    }
    throw new Error('engine did not start');
}

/**
 * The engine's heap allocation and collections so far, with `jcmd` (a JVM only; null otherwise): bytes allocated per
 * live thread (`Thread.print -e`, by native thread id; deterministic where CPU time is noise) and the young and full
 * collections (`PerfCounter.print`). A thread that ends takes its count with it: `allocationBetween` says how many did.
 */
function jvmCounters(pid) {
    if (!pid || 'no-alloc' in args) return null;
    try {
        const jcmd = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'jcmd') : 'jcmd';
        const threads = new Map();
        const unit = { B: 1, K: 1024, M: 1024 * 1024, G: 1024 * 1024 * 1024 };
        for (const m of execFileSync(jcmd, [String(pid), 'Thread.print', '-e'], { encoding: 'utf8', maxBuffer: 64 << 20 })
            .matchAll(/ allocated=(\d+)([BKMG]) .* nid=(\d+)/g)) threads.set(m[3], Number(m[1]) * unit[m[2]]);
        const perf = execFileSync(jcmd, [String(pid), 'PerfCounter.print'], { encoding: 'utf8', maxBuffer: 16 << 20 });
        const counter = name => Number((new RegExp(`^${name.replace(/\./g, '\\.')}=(\\d+)$`, 'm').exec(perf) || [])[1]);
        return { threads, youngGcs: counter('sun.gc.collector.0.invocations'), fullGcs: counter('sun.gc.collector.1.invocations') };
    } catch (e) {
        console.error(`jcmd failed (no allocation figures): ${e.message.split('\n')[0]}`);
        return null;
    }
}

/** Bytes allocated and collections between two readings of jvmCounters (threads born meanwhile count from 0). */
function allocationBetween(before, after) {
    if (!before || !after) return { bytes: NaN, youngGcs: NaN, fullGcs: NaN, threadsEnded: NaN };
    let bytes = 0;
    for (const [nid, allocated] of after.threads) bytes += allocated - (before.threads.get(nid) || 0);
    const threadsEnded = [...before.threads.keys()].filter(nid => !after.threads.has(nid)).length;
    return { bytes, youngGcs: after.youngGcs - before.youngGcs, fullGcs: after.fullGcs - before.fullGcs, threadsEnded };
}

/** One simulated charge point: a WebSocket speaking just enough OCPP-J 1.6. */
class ChargePoint {
    constructor(id, site, onProfile) {
        this.id = id;
        this.site = site;
        this.onProfile = onProfile;
        this.pending = new Map();
        this.nextId = 1;
    }

    connect() {
        return new Promise((resolve, reject) => {
            this.ws = new WebSocket(`ws://127.0.0.1:${port}/ocpp/${this.id}`, ['ocpp1.6'], { perMessageDeflate: false });
            this.ws.on('open', resolve);
            this.ws.on('error', reject);
            this.ws.on('message', data => this.receive(JSON.parse(data)));
        });
    }

    call(action, payload) {
        const id = String(this.nextId++);
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.ws.send(JSON.stringify([2, id, action, payload]));
        });
    }

    receive(frame) {
        const [type, id] = frame;
        if (type === 2) {
            const [, , action, payload] = frame;
            if (action === 'SetChargingProfile') {
                this.ws.send(`[3,"${id}",{"status":"Accepted"}]`);
                const profile = payload.csChargingProfiles;
                if (profile.chargingProfilePurpose === 'TxProfile') {
                    this.onProfile(this, profile.chargingSchedule.chargingSchedulePeriod[0].limit);
                }
            } else {
                this.ws.send(JSON.stringify([4, id, 'NotImplemented', action, {}]));
            }
            return;
        }
        const call = this.pending.get(id);
        if (!call) return;
        this.pending.delete(id);
        if (type === 3) call.resolve(frame[2]);
        else call.reject(new Error(`${frame[2]}: ${frame[3]}`));
    }
}

/** The starts of one site still waiting for their profiles. */
class SiteStarts {
    constructor(size) {
        this.size = size;
        this.started = new Set();
        this.open = [];
    }

    /** A start is sent: which chargers must get a profile, and the limit (W) they must be at or below. */
    begin(cp, sentAt, done) {
        this.started.add(cp.id);
        const n = this.started.size;
        const limitKw = n => Math.min(chargerKw, chargerKw / 2 * this.size / n);
        const lowersOthers = limitKw(n) < limitKw(n - 1);
        const start = { n, sentAt, done, maxW: limitKw(n) * 1000 + 10,
            waiting: new Set(lowersOthers ? this.started : [cp.id]) };
        this.open.push(start);
        return start;
    }

    profile(cp, limitW, at) {
        for (const start of this.open) {
            if (limitW <= start.maxW && start.waiting.delete(cp.id) && start.waiting.size === 0) {
                start.done(at - start.sentAt);
            }
        }
        this.open = this.open.filter(s => s.waiting.size > 0);
    }
}

(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dynamo-load-'));
    const sites = writeSites(dir);
    const command = engineCommand(dir);
    const engineCommandLine = command.join(' ');
    console.error('engine: ' + command.join(' '));
    const engine = !command.length ? null : args['engine-cpus']
        ? spawn('taskset', ['-c', args['engine-cpus'], ...command], { stdio: ['ignore', 'ignore', 'inherit'], env: engineEnv() })
        : spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env: engineEnv() });
    // an engine this script started never outlives it, whatever ends it
    process.on('exit', () => { if (engine && engine.exitCode === null) engine.kill('SIGKILL'); });
    const base = `http://127.0.0.1:${port}`;
    const clients = [];
    try {
        await waitForHealth(base, engine);
        for (const site of sites) {
            const res = await fetch(`${base}/api/v1/smart-charging/sites/${site.site_id}/config`, {
                method: 'PUT', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ max_power_kw: site.chargers.length * chargerKw / 2, strategy: 'equal' }) });
            if (!res.ok) throw new Error('config refused: ' + await res.text());
        }
        const starts = new Map(sites.map(s => [s.site_id, new SiteStarts(s.chargers.length)]));
        let txProfiles = 0; // TxProfiles received during the run (the burst's throughput)
        let measuring = false;
        const onProfile = (cp, limitW) => {
            if (measuring) txProfiles++;
            starts.get(cp.site).profile(cp, limitW, performance.now());
        };
        for (const site of sites) {
            for (const charger of site.chargers) clients.push(new ChargePoint(charger.charge_point_id, site.site_id, onProfile));
        }
        const connectStart = performance.now();
        for (let i = 0; i < clients.length; i += 100) {
            await Promise.all(clients.slice(i, i + 100).map(async c => {
                await c.connect();
                await c.call('BootNotification', { chargePointVendor: 'Load', chargePointModel: 'Sim' });
            }));
        }
        console.error(`${clients.length} charge points connected and booted in ${Math.round(performance.now() - connectStart)} ms`);
        await sleep(1000); // the TxDefaultProfiles of the connects

        const runRound = async round => {
            for (const site of sites) starts.set(site.site_id, new SiteStarts(site.chargers.length));
            txProfiles = 0;
            const latencies = [];
            const startRows = []; // per start, for --latencies: site, n-th start of its site, sent at (ms into the round), latency, its .conf's
            const confMs = [];
            let answered = 0;
            const refused = [];
            const startOne = c => new Promise(resolve => {
                const sentAt = performance.now();
                const row = [c.site, 0, Math.round(sentAt - runStart), '', ''];
                let confirmed = false;
                let complete = false;
                const begun = starts.get(c.site).begin(c, sentAt, ms => {
                    latencies.push(ms);
                    row[1] = begun.n;
                    row[3] = ms.toFixed(1);
                    startRows.push(row);
                    complete = true;
                    if (confirmed) resolve();
                });
                c.call('StartTransaction', { connectorId: 1, idTag: 'LOAD', meterStart: 0, timestamp: new Date().toISOString() })
                    .then(conf => {
                        c.transactionId = conf.transactionId;
                        const confAfter = performance.now() - sentAt;
                        confMs.push(confAfter);
                        row[4] = confAfter.toFixed(1);
                        answered++;
                        confirmed = true;
                        if (complete) resolve();
                    }, err => {
                        // a CALLERROR (e.g. InternalError when the site's store did not answer in time): the start
                        // is counted as refused, and the run goes on
                        refused.push(err.message);
                        resolve();
                    });
                setTimeout(resolve, 10000); // counted as incomplete
            });
            const loadBefore = os.loadavg();
            const countersBefore = jvmCounters(engine && engine.pid); // before the CPU readings: jcmd costs the engine CPU
            const engineCpuBefore = engine ? cpuSeconds(engine.pid) : NaN;
            const jitCpuBefore = engine ? cpuByThread(engine.pid).jit : NaN;
            const switchesBefore = engine ? voluntarySwitches(engine.pid) : NaN;
            const ownCpuBefore = process.cpuUsage();
            const runStart = performance.now();
            const runFrom = new Date(Date.now() - 1).toISOString();
            const startedAt = new Date().toISOString();
            measuring = true;
            if (pattern === 'burst') {
                // Sites in parallel; within a site, each start as soon as the previous one is complete.
                await Promise.all(sites.map(async site => {
                    for (const c of clients.filter(c => c.site === site.site_id)) await startOne(c);
                }));
            } else {
                // Open loop: Poisson arrivals at --rate over all chargers in a random order, whatever the engine does.
                const rand = random(Number(args.seed || 1));
                const order = clients.slice();
                for (let i = order.length - 1; i > 0; i--) {
                    const j = Math.floor(rand() * (i + 1));
                    [order[i], order[j]] = [order[j], order[i]];
                }
                let due = 0;
                const running = [];
                for (const c of order) {
                    due += -Math.log(1 - rand()) / ratePerS * 1000;
                    const wait = runStart + due - performance.now();
                    if (wait > 0) await sleep(wait);
                    running.push(startOne(c));
                }
                await Promise.race([Promise.all(running), sleep(30000)]);
            }
            const runS = (performance.now() - runStart) / 1000;
            measuring = false;
            const engineCpuS = engine ? cpuSeconds(engine.pid) - engineCpuBefore : NaN;
            const jitCpuS = engine ? cpuByThread(engine.pid).jit - jitCpuBefore : NaN;
            const switches = engine ? voluntarySwitches(engine.pid) - switchesBefore : NaN;
            const ownCpu = process.cpuUsage(ownCpuBefore);
            const allocation = allocationBetween(countersBefore, jvmCounters(engine && engine.pid));
            // the decisions the round made, by trigger (one per start: a site has one start in flight in a burst)
            const decisions = {};
            const runTo = new Date(Date.now() + 1).toISOString();
            for (const site of sites) {
                const res = await fetch(`${base}/api/v1/sites/${site.site_id}/decisions?from=${runFrom}&to=${runTo}&limit=10000`);
                if (!res.ok) continue;
                for (const d of (await res.json()).decisions) decisions[d.trigger] = (decisions[d.trigger] || 0) + 1;
            }
            latencies.sort((a, b) => a - b);
            if (args.latencies) {
                fs.writeFileSync(`${args.latencies}.${round}.csv`,
                    'site,nth_start,sent_at_ms,latency_ms,conf_ms\n' + startRows.map(r => r.join(',')).join('\n') + '\n');
            }
            confMs.sort((a, b) => a - b);
            const ms = x => +x.toFixed(1);
            const summary = { round, started_at: startedAt, ended_at: runTo, rate_per_s: pattern === 'open' ? ratePerS : null, chargers: clients.length,
                pattern, sites: sites.length, starts: clients.length, complete: latencies.length, answered,
                refused: refused.length, refused_first: refused[0] || null,
                p50_ms: ms(percentile(latencies, 50)), p95_ms: ms(percentile(latencies, 95)),
                p99_ms: ms(percentile(latencies, 99)), max_ms: ms(latencies[latencies.length - 1]),
                conf_p50_ms: ms(percentile(confMs, 50)), conf_p99_ms: ms(percentile(confMs, 99)),
                run_s: +runS.toFixed(1), tx_profiles: txProfiles, tx_profiles_per_s: Math.round(txProfiles / runS), engine_cpu_s: +engineCpuS.toFixed(2),
                engine_jit_cpu_s: +jitCpuS.toFixed(2),
                // what the engine and its JIT compiler had used from the JVM's start until this round began
                engine_cpu_before_s: +engineCpuBefore.toFixed(2), engine_jit_cpu_before_s: +jitCpuBefore.toFixed(2),
                engine_cpu_ms_per_tx_profile: +(engineCpuS * 1000 / txProfiles).toFixed(3),
                engine_own_cpu_ms_per_tx_profile: +((engineCpuS - jitCpuS) * 1000 / txProfiles).toFixed(3),
                engine_waits_per_tx_profile: +(switches / txProfiles).toFixed(2),
                // heap bytes the engine's threads allocated in the round per TxProfile, and its collections in the round
                engine_alloc_kb_per_tx_profile: +(allocation.bytes / 1024 / txProfiles).toFixed(2),
                engine_alloc_mb: +(allocation.bytes / 1024 / 1024).toFixed(1), engine_young_gcs: allocation.youngGcs,
                engine_full_gcs: allocation.fullGcs, engine_threads_ended: allocation.threadsEnded,
                generator_cpu_s: +((ownCpu.user + ownCpu.system) / 1e6).toFixed(2), decisions,
                load_before: loadBefore.map(l => +l.toFixed(2)), load_after: os.loadavg().map(l => +l.toFixed(2)),
                engine_cpus: args['engine-cpus'] || null, cpus: os.cpus().length,
                engine: args.launcher ? 'launcher' : shipped ? 'shipped' : 'plain', engine_command: engineCommandLine };
            return summary;
        };
        const results = [];
        for (let round = 1; round <= rounds; round++) {
            if (round > 1) {
                // every transaction ends (the raises of the stops settle), then the same starts again, warm
                await Promise.all(sites.map(async site => {
                    for (const c of clients.filter(c => c.site === site.site_id)) {
                        await c.call('StopTransaction', { transactionId: c.transactionId, meterStop: 0,
                            timestamp: new Date().toISOString() });
                    }
                }));
                await sleep(2000);
            }
            const result = await runRound(round);
            console.log(JSON.stringify(result));
            results.push(result);
        }
        const summary = rounds > 1 ? { ...results[0], rounds: results } : results[0];
        if (args.json) fs.writeFileSync(args.json, JSON.stringify(summary, null, 2));
    } finally {
        clients.forEach(c => c.ws && c.ws.terminate());
        if (engine) {
            engine.kill('SIGTERM');
            await new Promise(resolve => engine.exitCode !== null ? resolve() : engine.on('exit', resolve));
        }
        fs.rmSync(dir, { recursive: true, force: true });
    }
})().catch(err => {
    console.error(err);
    process.exit(1);
});
