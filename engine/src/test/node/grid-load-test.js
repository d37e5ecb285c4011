// Grid-meter load test (not part of the build): a grid-meter reading that lowers the budget on a
// 1,000-charger engine (20 sites of 50, every charger connected over OCPP and charging) → the time from
// sending the reading until every charger of its site has received its new, lower TxProfile.
//
//   ./mvnw -B -q -pl engine package -DskipTests          # builds engine/target/dynamo-engine.jar
//   cd engine/src/test/node && npm ci                    # once
//   export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
//   taskset -c 1 node grid-load-test.js --jar ../../../target/dynamo-engine.jar --engine-cpus 0
//
// Options: --chargers N (1000), --per-site N (50), --readings N (lowering readings per site, 5),
// --rate READINGS_PER_S (5, Poisson over all sites, seeded), --seed N (1), --engine-cpus LIST, --port P (18766),
// --json FILE.
//
// Each site: 50 × 22 kW chargers, capacity = config = 1,100 kW, a grid meter (source api, stale after 3600 s,
// fallback 0). After every charger has started a transaction (22 kW each), each site gets a first reading of
// 0 kW (the meter turns fresh), then lowering readings of 100, 200, … kW of building load: each lowers the
// budget by 100 kW, so every charger of the site gets a lower limit (budget / 50). A reading is complete when
// each of its site's chargers has received, after the reading was sent, a TxProfile at or below that limit.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const WebSocket = require('ws');
const { parseArgs, sleep, random, percentile, cpuSeconds } = require('./bench-common');

const args = parseArgs(process.argv);
const total = Number(args.chargers || 1000);
const perSite = Number(args['per-site'] || 50);
const readingsPerSite = Number(args.readings || 5);
const ratePerS = Number(args.rate || 5);
const port = Number(args.port || 18766);
const chargerKw = 22;
const stepKw = 100;

class ChargePoint {
    constructor(id, site, onProfile) {
        Object.assign(this, { id, site, onProfile, pending: new Map(), nextId: 1 });
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

(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dynamo-grid-load-'));
    const sites = [];
    for (let s = 0; s * perSite < total; s++) {
        const chargers = [];
        for (let c = 0; c < perSite && s * perSite + c < total; c++) chargers.push({ charge_point_id: `G${s}-CP${c}`, max_power_kw: chargerKw });
        sites.push({ site_id: `grid-${s}`, timezone: 'UTC', grid_connection_capacity_kw: chargers.length * chargerKw, chargers,
            meters: [{ meter_id: 'main', node: 'grid', source: 'api', stale_after_s: 3600, fallback_load_kw: 0 }] });
    }
    fs.writeFileSync(path.join(dir, 'sites.json'), JSON.stringify({ sites }));
    const java = ['-jar', args.jar, 'serve', '--port', String(port), '--sites', path.join(dir, 'sites.json'),
        '--data-dir', path.join(dir, 'data')];
    const javaBin = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
    const engine = args['engine-cpus']
        ? spawn('taskset', ['-c', args['engine-cpus'], javaBin, ...java], { stdio: ['ignore', 'ignore', 'inherit'] })
        : spawn(javaBin, java, { stdio: ['ignore', 'ignore', 'inherit'] });
    const base = `http://127.0.0.1:${port}`;
    const clients = [];
    const open = new Map(sites.map(s => [s.site_id, []])); // readings waiting for their profiles
    const onProfile = (cp, limitW) => {
        const at = performance.now();
        const list = open.get(cp.site);
        for (const r of list) if (limitW <= r.maxW && r.waiting.delete(cp.id) && r.waiting.size === 0) r.done(at - r.sentAt);
        open.set(cp.site, list.filter(r => r.waiting.size > 0));
    };
    try {
        for (let i = 0; i < 300; i++) {
            try { if ((await fetch(base + '/health')).ok) break; } catch (e) { /* not up yet */ }
            await sleep(200);
        }
        for (const site of sites) {
            const res = await fetch(`${base}/api/v1/smart-charging/sites/${site.site_id}/config`, { method: 'PUT',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ max_power_kw: site.grid_connection_capacity_kw, strategy: 'equal' }) });
            if (!res.ok) throw new Error('config refused: ' + await res.text());
            for (const charger of site.chargers) clients.push(new ChargePoint(charger.charge_point_id, site.site_id, onProfile));
        }
        for (let i = 0; i < clients.length; i += 100) {
            await Promise.all(clients.slice(i, i + 100).map(async c => {
                await c.connect();
                await c.call('BootNotification', { chargePointVendor: 'Load', chargePointModel: 'Sim' });
                await c.call('StartTransaction', { connectorId: 1, idTag: 'LOAD', meterStart: 0, timestamp: new Date().toISOString() });
            }));
        }
        const post = (site, kw) => fetch(`${base}/api/v1/sites/${site}/meters/main/readings`, { method: 'POST',
            headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ power_kw: kw }) });
        for (const site of sites) await post(site.site_id, 0); // fresh: the first meter decision
        await sleep(3000); // the starts' and first readings' profiles settle
        console.error(`${clients.length} charge points connected and charging`);

        const plan = [];
        for (const site of sites) for (let k = 1; k <= readingsPerSite; k++) plan.push({ site, kw: k * stepKw });
        const rand = random(Number(args.seed || 1));
        // each site's readings in order, the sites interleaved at random
        const queues = new Map(sites.map(s => [s.site_id, plan.filter(p => p.site === s)]));
        const order = [];
        while (order.length < plan.length) {
            const left = [...queues.values()].filter(q => q.length > 0);
            order.push(left[Math.floor(rand() * left.length)].shift());
        }
        const latencies = [];
        const loadBefore = os.loadavg();
        const engineCpuBefore = cpuSeconds(engine.pid);
        const runStart = performance.now();
        let due = 0;
        const running = [];
        for (const { site, kw } of order) {
            due += -Math.log(1 - rand()) / ratePerS * 1000;
            const wait = runStart + due - performance.now();
            if (wait > 0) await sleep(wait);
            const limitKw = Math.min(chargerKw, (site.grid_connection_capacity_kw - kw) / site.chargers.length);
            running.push(new Promise(resolve => {
                const reading = { sentAt: performance.now(), maxW: limitKw * 1000 + 10,
                    waiting: new Set(site.chargers.map(c => c.charge_point_id)), done: ms => { latencies.push(ms); resolve(); } };
                open.get(site.site_id).push(reading);
                post(site.site_id, kw).then(res => { if (res.status !== 204) console.error('reading refused', res.status); });
                setTimeout(resolve, 10000); // counted as incomplete
            }));
        }
        await Promise.all(running);
        latencies.sort((a, b) => a - b);
        const ms = x => +x.toFixed(1);
        const summary = { chargers: clients.length, sites: sites.length, readings: order.length, complete: latencies.length,
            profiles_per_reading: perSite, rate_per_s: ratePerS,
            p50_ms: ms(percentile(latencies, 50)), p95_ms: ms(percentile(latencies, 95)), p99_ms: ms(percentile(latencies, 99)),
            max_ms: ms(latencies[latencies.length - 1]), run_s: +((performance.now() - runStart) / 1000).toFixed(1),
            engine_cpu_s: +(cpuSeconds(engine.pid) - engineCpuBefore).toFixed(2),
            load_before: loadBefore.map(l => +l.toFixed(2)), load_after: os.loadavg().map(l => +l.toFixed(2)),
            engine_cpus: args['engine-cpus'] || null, cpus: os.cpus().length };
        console.log(JSON.stringify(summary));
        if (args.json) fs.writeFileSync(args.json, JSON.stringify(summary, null, 2));
    } finally {
        clients.forEach(c => c.ws && c.ws.terminate());
        engine.kill('SIGTERM');
        await new Promise(resolve => engine.exitCode !== null ? resolve() : engine.on('exit', resolve));
        fs.rmSync(dir, { recursive: true, force: true });
    }
})().catch(err => {
    console.error(err);
    process.exit(1);
});
