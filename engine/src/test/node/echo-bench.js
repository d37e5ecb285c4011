// Echo benchmark (not part of the build): the ceiling for load-test.js's burst pattern. The same generator
// (raw `ws`, 1,000 connections, one process) against a bare WebSocket echo on the engine's server stack
// (dev.dynamo.ocpp.EchoServerMain: Javalin 7 on Jetty 12), each connection in a closed loop: send a frame of
// the size of a SetChargingProfile, wait for its echo, send the next. Reports messages/s (round trips), and,
// with --compare FILE (a load-test.js --json summary of the burst pattern), the engine's TxProfiles/s as a
// share of it (engine_share_of_echo), and by CPU per message (engine_share_of_echo_by_cpu: the echo server's CPU per
// round trip over the engine's CPU per TxProfile; both move with the machine's load, compare runs at a similar load).
//
//   ./mvnw -B -pl engine test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
//          -Dmdep.includeScope=test                         # compiles EchoServerMain, writes its classpath
//   cd engine/src/test/node && npm ci                        # once
//   export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
//   taskset -c 1 node load-test.js --jar ../../../target/dynamo-engine.jar --engine-cpus 0 --pattern burst --json /tmp/burst.json
//   taskset -c 1 node echo-bench.js --engine-cpus 0 --compare /tmp/burst.json
//
// Options: --connections N (1000), --seconds S (10), --port P (18766), --engine-cpus LIST (taskset for the echo
// server), --classpath FILE (../../../target/test-classpath.txt), --json FILE.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const WebSocket = require('ws');
const { parseArgs, sleep, cpuSeconds } = require('./bench-common');

const args = parseArgs(process.argv);
const total = Number(args.connections || 1000);
const seconds = Number(args.seconds || 10);
const port = Number(args.port || 18766);
// about the size of the engine's SetChargingProfile CALL for a TxProfile
const frame = JSON.stringify([2, 'm1', 'SetChargingProfile', { connectorId: 1, csChargingProfiles: {
    chargingProfileId: 1001, transactionId: 42, stackLevel: 1, chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Absolute', validTo: new Date().toISOString(), chargingSchedule: {
        chargingRateUnit: 'W', startSchedule: new Date().toISOString(),
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 11000.0, numberPhases: 3 }] } } }]);

(async () => {
    const cpFile = args.classpath || path.join(__dirname, '../../../target/test-classpath.txt');
    const classpath = [path.join(__dirname, '../../../target/test-classes'), path.join(__dirname, '../../../target/classes'),
        fs.readFileSync(cpFile, 'utf8').trim()].join(path.delimiter);
    const javaBin = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
    const java = ['-cp', classpath, 'dev.dynamo.ocpp.EchoServerMain', String(port)];
    const server = args['engine-cpus']
        ? spawn('taskset', ['-c', args['engine-cpus'], javaBin, ...java], { stdio: ['ignore', 'ignore', 'inherit'] })
        : spawn(javaBin, java, { stdio: ['ignore', 'ignore', 'inherit'] });
    const sockets = [];
    try {
        for (let i = 0; i < 150; i++) {
            try { if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break; } catch (e) { /* not up yet */ }
            await sleep(200);
        }
        for (let i = 0; i < total; i += 100) {
            await Promise.all(Array.from({ length: Math.min(100, total - i) }, (_, k) => new Promise((resolve, reject) => {
                const ws = new WebSocket(`ws://127.0.0.1:${port}/echo/E${i + k}`, { perMessageDeflate: false });
                ws.on('open', () => resolve());
                ws.on('error', reject);
                sockets.push(ws);
            })));
        }
        let echoes = 0;
        let measuring = true;
        const loadBefore = os.loadavg();
        const serverCpuBefore = cpuSeconds(server.pid);
        const ownCpuBefore = process.cpuUsage();
        const start = performance.now();
        for (const ws of sockets) {
            ws.on('message', () => {
                if (!measuring) return;
                echoes++;
                ws.send(frame);
            });
            ws.send(frame);
        }
        await sleep(seconds * 1000);
        measuring = false;
        const runS = (performance.now() - start) / 1000;
        const ownCpu = process.cpuUsage(ownCpuBefore);
        const summary = { connections: total, run_s: +runS.toFixed(1), echoes,
            messages_per_s: Math.round(echoes / runS),
            server_cpu_s: +(cpuSeconds(server.pid) - serverCpuBefore).toFixed(2),
            generator_cpu_s: +((ownCpu.user + ownCpu.system) / 1e6).toFixed(2),
            load_before: loadBefore.map(l => +l.toFixed(2)), load_after: os.loadavg().map(l => +l.toFixed(2)),
            engine_cpus: args['engine-cpus'] || null, cpus: os.cpus().length };
        if (args.compare) {
            const burst = JSON.parse(fs.readFileSync(args.compare, 'utf8'));
            summary.engine_tx_profiles_per_s = burst.tx_profiles_per_s;
            summary.engine_share_of_echo = +(burst.tx_profiles_per_s / summary.messages_per_s).toFixed(3);
            // the same comparison in CPU per message: the server's CPU per echo round trip against the engine's CPU
            // per TxProfile (all in: the starts, their durable writes, the decisions and the profiles with their answers)
            summary.echo_cpu_ms_per_message = +(1000 * summary.server_cpu_s / Math.max(1, echoes)).toFixed(4);
            if (burst.engine_cpu_s && burst.tx_profiles) {
                summary.engine_cpu_ms_per_tx_profile = +(1000 * burst.engine_cpu_s / burst.tx_profiles).toFixed(4);
                summary.engine_share_of_echo_by_cpu = +(summary.echo_cpu_ms_per_message / summary.engine_cpu_ms_per_tx_profile).toFixed(3);
            }
        }
        console.log(JSON.stringify(summary));
        if (args.json) fs.writeFileSync(args.json, JSON.stringify(summary, null, 2));
    } finally {
        sockets.forEach(ws => ws.terminate());
        server.kill('SIGTERM');
        await new Promise(resolve => server.exitCode !== null ? resolve() : server.on('exit', resolve));
    }
})().catch(err => {
    console.error(err);
    process.exit(1);
});
