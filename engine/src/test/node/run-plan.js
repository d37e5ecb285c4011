// Plays a charge point scenario against the engine with ocpp-rpc in strict mode (every message,
// both ways, checked against the official OCPP 1.6 JSON schemas) and prints one JSON event a line.
// Usage: node run-plan.js plan.json
'use strict';
const fs = require('fs');
const { RPCClient } = require('ocpp-rpc');

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const clients = {};
const profiles = {};
const inbox = {};
const startedAt = Date.now();
// The JUnit side answers each checkpoint with one line on stdin once it has checked or changed the engine.
const stdinLines = [];
let stdinWaiter = null;
require('readline').createInterface({ input: process.stdin }).on('line', line => {
    stdinLines.push(line);
    if (stdinWaiter) stdinWaiter();
});
async function nextStdinLine() {
    while (!stdinLines.length) await new Promise(resolve => { stdinWaiter = resolve; });
    stdinWaiter = null;
    return stdinLines.shift();
}

function emit(event) {
    process.stdout.write(JSON.stringify({ ms: Date.now() - startedAt, at: new Date().toISOString(), ...event }) + '\n');
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function until(condition, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
        await sleep(10);
    }
}

async function connect(step) {
    const cp = step.connect;
    const cli = new RPCClient({
        endpoint: plan.url,
        identity: cp,
        password: step.password,
        protocols: step.protocols || ['ocpp1.6'],
        strictMode: true,
        reconnect: false,
        callTimeoutMs: 10000,
        wsOpts: plan.insecureTls ? { rejectUnauthorized: false } : {},
    });
    profiles[cp] = profiles[cp] || [];
    inbox[cp] = [];
    cli.on('strictValidationFailure', e => emit({ cp, event: 'violation', detail: String(e.error && e.error.message), method: e.method, outbound: e.outbound }));
    cli.on('badMessage', e => emit({ cp, event: 'badMessage', detail: String(e.error && e.error.message) }));
    cli.on('message', ({ message, outbound }) => {
        if (!outbound) {
            const frame = JSON.parse(message);
            if (frame[0] !== 2) inbox[cp].push(frame);
        }
    });
    cli.on('close', ({ code }) => emit({ cp, event: 'closed', code }));
    cli.handle('SetChargingProfile', ({ params }) => {
        profiles[cp].push(params);
        // rejectOnce: {"CP-1": 8000} rejects the first TxProfile of that limit sent to CP-1.
        const rejectLimit = (plan.rejectOnce || {})[cp];
        const limit = params.csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit;
        // holdOnce: {"CP-1": 22000} never answers the first TxProfile of that limit sent to CP-1 (it stays on its way).
        const holdLimit = (plan.holdOnce || {})[cp];
        if (holdLimit !== undefined && limit === holdLimit
                && params.csChargingProfiles.chargingProfilePurpose === 'TxProfile') {
            delete plan.holdOnce[cp];
            emit({ cp, event: 'profile', params, answer: 'held' });
            return new Promise(() => {});
        }
        let status = 'Accepted';
        if (rejectLimit !== undefined && limit === rejectLimit
                && params.csChargingProfiles.chargingProfilePurpose === 'TxProfile') {
            delete plan.rejectOnce[cp];
            status = 'Rejected';
        }
        emit({ cp, event: 'profile', params, answer: status });
        return { status };
    });
    cli.handle(({ method }) => {
        emit({ cp, event: 'unexpectedCall', method });
        return {};
    });
    try {
        await cli.connect();
        clients[cp] = cli;
        emit({ cp, event: 'connected', protocol: cli.protocol });
    } catch (err) {
        emit({ cp, event: 'refused', status: err.code || null, detail: err.message });
    }
}

async function runStep(step) {
    if (step.connect) return connect(step);
    if (step.wait) return sleep(step.wait);
    if (step.checkpoint) {
        emit({ event: 'checkpoint', name: step.checkpoint });
        await nextStdinLine();
        return;
    }
    const cp = step.cp;
    const cli = clients[cp];
    if (step.call) {
        emit({ cp, event: 'calling', action: step.call });
        try {
            const result = await cli.call(step.call, step.params || {});
            emit({ cp, event: 'result', action: step.call, result });
        } catch (err) {
            emit({ cp, event: 'error', action: step.call, code: err.rpcErrorCode || null, detail: err.message });
        }
    } else if (step.raw !== undefined) {
        const before = inbox[cp].length;
        cli.sendRaw(step.raw);
        await until(() => inbox[cp].length > before, 5000, 'an answer to raw text');
        emit({ cp, event: 'rawAnswer', sent: step.raw, answer: inbox[cp][before] });
    } else if (step.waitProfiles !== undefined) {
        await until(() => profiles[cp].length >= step.waitProfiles, step.timeoutMs || 10000,
            step.waitProfiles + ' profiles on ' + cp);
    } else if (step.close) {
        await clients[step.close].close({ code: step.code || 1000, force: true });
        delete clients[step.close];
    } else {
        throw new Error('unknown step ' + JSON.stringify(step));
    }
}

(async () => {
    for (const step of plan.steps) {
        await runStep(step);
    }
    for (const cli of Object.values(clients)) {
        await cli.close({ force: true });
    }
    emit({ event: 'done' });
    process.exit(0);
})().catch(err => {
    emit({ event: 'failed', detail: String(err && err.stack || err) });
    process.exit(1);
});
