// Load test (not part of the build): N simulated charge points at once against a real engine.
// Measures, for each StartTransaction, the time until every charger of the site whose limit changed
// has received its new TxProfile (the last profile of the burst the start caused).
//
//   (cd engine && ../mvnw -B -q package -DskipTests)   # builds target/dynamo-engine.jar
//   node engine/src/test/node/load-test.js --jar engine/target/dynamo-engine.jar --chargers 1000
//
// Options: --chargers N (1000), --per-site N (50), --port P (18765), --quiet-ms MS (150), --json FILE.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { RPCClient } = require('ocpp-rpc');

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
    arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const total = Number(args.chargers || 1000);
const perSite = Number(args['per-site'] || 50);
const port = Number(args.port || 18765);
const quietMs = Number(args['quiet-ms'] || 150);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function sitesFile(dir) {
    const sites = [];
    for (let s = 0; s * perSite < total; s++) {
        const chargers = [];
        for (let c = 0; c < perSite && s * perSite + c < total; c++) {
            chargers.push({ charge_point_id: `L${s}-CP${c}`, max_power_kw: 22 });
        }
        sites.push({ site_id: `load-${s}`, name: `Load ${s}`, timezone: 'UTC',
            grid_connection_capacity_kw: chargers.length * 22, chargers });
    }
    const file = path.join(dir, 'sites.json');
    fs.writeFileSync(file, JSON.stringify({ sites }));
    return sites;
}

async function waitForHealth(base) {
    for (let i = 0; i < 300; i++) {
        try {
            if ((await fetch(base + '/health')).ok) return;
        } catch (e) { /* not up yet */ }
        await sleep(200);
    }
    throw new Error('engine did not start');
}

function percentile(sorted, p) {
    return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
}

(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dynamo-load-'));
    const sites = sitesFile(dir);
    const engine = args.jar ? spawn('java', ['-jar', args.jar, 'serve', '--port', String(port), '--sites',
        path.join(dir, 'sites.json'), '--data-dir', path.join(dir, 'data')], { stdio: ['ignore', 'ignore', 'inherit'] }) : null;
    const base = `http://127.0.0.1:${port}`;
    try {
        await waitForHealth(base);
        for (const site of sites) {
            // Half the site's rating: from the 26th start on, every start changes every charging charger's limit.
            const res = await fetch(`${base}/api/v1/smart-charging/sites/${site.site_id}/config`, {
                method: 'PUT', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ max_power_kw: site.chargers.length * 11, strategy: 'equal' }) });
            if (!res.ok) throw new Error('config refused: ' + await res.text());
        }
        const lastProfileAt = new Map(); // site id -> time of the latest TxProfile received
        const clients = [];
        for (const site of sites) {
            for (const charger of site.chargers) {
                const cli = new RPCClient({ endpoint: `ws://127.0.0.1:${port}/ocpp`, identity: charger.charge_point_id,
                    protocols: ['ocpp1.6'], reconnect: false, callTimeoutMs: 30000 });
                cli.handle('SetChargingProfile', ({ params }) => {
                    if (params.csChargingProfiles.chargingProfilePurpose === 'TxProfile') {
                        lastProfileAt.set(site.site_id, performance.now());
                    }
                    return { status: 'Accepted' };
                });
                clients.push({ cli, site: site.site_id, id: charger.charge_point_id });
            }
        }
        const connectStart = performance.now();
        for (let i = 0; i < clients.length; i += 100) {
            await Promise.all(clients.slice(i, i + 100).map(async c => {
                await c.cli.connect();
                await c.cli.call('BootNotification', { chargePointVendor: 'Load', chargePointModel: 'Sim' });
            }));
        }
        console.error(`${clients.length} charge points connected and booted in ${Math.round(performance.now() - connectStart)} ms`);

        const latencies = [];
        // Sites run in parallel; within a site, one start at a time so each burst belongs to one start.
        await Promise.all(sites.map(async site => {
            for (const c of clients.filter(c => c.site === site.site_id)) {
                const sentAt = performance.now();
                await c.cli.call('StartTransaction', { connectorId: 1, idTag: 'LOAD', meterStart: 0,
                    timestamp: new Date().toISOString() });
                let seen = -1;
                while (true) {
                    await sleep(quietMs);
                    const last = lastProfileAt.get(site.site_id) ?? -1;
                    if (last === seen) break;
                    seen = last;
                }
                if (seen >= sentAt) latencies.push(seen - sentAt);
            }
        }));
        latencies.sort((a, b) => a - b);
        const summary = { chargers: clients.length, sites: sites.length, starts: latencies.length,
            p50_ms: +percentile(latencies, 50).toFixed(1), p95_ms: +percentile(latencies, 95).toFixed(1),
            p99_ms: +percentile(latencies, 99).toFixed(1), max_ms: +latencies[latencies.length - 1].toFixed(1),
            cpus: os.cpus().length };
        console.log(JSON.stringify(summary));
        if (args.json) fs.writeFileSync(args.json, JSON.stringify(summary, null, 2));
        await Promise.all(clients.map(c => c.cli.close({ force: true })));
    } finally {
        if (engine) engine.kill('SIGTERM');
    }
})().catch(err => {
    console.error(err);
    process.exit(1);
});
