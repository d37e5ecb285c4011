// Seeded fuzzing of the engine's OCPP-J endpoint: sends mutated frames (valid frames with fields removed,
// wrong types, huge numbers, unknown actions, broken JSON, oversized text) on one connection and checks
// that every CALL gets an answer with its message id and that the connection stays open.
// Usage: node fuzz.js URL CHARGE_POINT_ID FRAMES SEED   — prints one JSON summary line at the end.
'use strict';
const WebSocket = require('ws');

const [url, cp, framesArg, seedArg] = process.argv.slice(2);
const frames = parseInt(framesArg || '10000', 10);
let seed = parseInt(seedArg || '1', 10) >>> 0;

// mulberry32: a small seeded generator, so a failing run can be replayed with its seed
function random() {
    seed = (seed + 0x6D2B79F5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = list => list[Math.floor(random() * list.length)];
const int = n => Math.floor(random() * n);

const now = () => new Date().toISOString();
function templates() {
    const tx = int(5) === 0 ? int(1000000) : 1 + int(20);
    return [
        ['BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Volt', firmwareVersion: '1.0' }],
        ['Heartbeat', {}],
        ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: pick(['Available', 'Charging', 'Faulted']) }],
        ['Authorize', { idTag: 'TAG-1' }],
        ['StartTransaction', { connectorId: 1, idTag: 'TAG-1', meterStart: 0, timestamp: now() }],
        ['StopTransaction', { meterStop: 10, timestamp: now(), transactionId: tx, idTag: 'TAG-1' }],
        ['MeterValues', { connectorId: 1, transactionId: tx, meterValue: [{ timestamp: now(), sampledValue: [
            { value: String(random() * 30000), measurand: 'Power.Active.Import', unit: 'W' },
            { value: String(random() * 40), measurand: 'Current.Import', unit: 'A', phase: pick(['L1', 'L2', 'L3']) }] }] }],
        ['DataTransfer', { vendorId: 'com.acme', messageId: 'x', data: 'y' }],
    ];
}

const hugeNumbers = [1e308, -1e308, 1.7976931348623157e308, 9007199254740993, -9007199254740993, 2147483648, -2147483649, 1e-320, 0.1];
const wrongValues = () => [null, true, false, 'text', 42, -1, 3.5, [], [1, 2], {}, { a: 1 }, pick(hugeNumbers), 'x'.repeat(1 + int(3000)),
    'line\nbreak\r\n', '\u0000\u001b[31m', '\ud83d\ude00'.repeat(50)];

function mutatePayload(value, depth) {
    if (Array.isArray(value)) {
        if (value.length && random() < 0.5) value[int(value.length)] = mutatePayload(value[int(value.length)], depth + 1);
        else if (random() < 0.3) value.push(pick(wrongValues()));
        else if (random() < 0.3) value.length = 0;
        return value;
    }
    if (value && typeof value === 'object') {
        const keys = Object.keys(value);
        const what = random();
        if (keys.length && what < 0.3) delete value[pick(keys)];
        else if (keys.length && what < 0.8) {
            const key = pick(keys);
            value[key] = random() < 0.5 && depth < 4 ? mutatePayload(value[key], depth + 1) : pick(wrongValues());
        } else value['unknown' + int(5)] = pick(wrongValues());
        return value;
    }
    return pick(wrongValues());
}

let messageCounter = 0;
/** One frame as text, and the message id to wait for when it is a CALL that must be answered. */
function nextFrame() {
    const [action, payload] = pick(templates());
    const id = 'f' + (++messageCounter);
    const kind = random();
    if (kind < 0.15) return { text: JSON.stringify([2, id, action, payload]), expect: id };            // valid
    if (kind < 0.55) {
        let mutated = mutatePayload(payload, 0);
        for (let i = int(3); i > 0; i--) mutated = mutatePayload(mutated, 0);
        return { text: JSON.stringify([2, id, action, mutated]), expect: id };                          // bad fields
    }
    if (kind < 0.62) return { text: JSON.stringify([2, id, pick(['Teleport', 'SetChargingProfile', 'Reset', '', 'x'.repeat(500)]), payload]), expect: id };
    if (kind < 0.70) return { text: JSON.stringify([2, id, action, 'x'.repeat(20000 + int(30000))]), expect: id }; // oversized text
    if (kind < 0.76) return { text: JSON.stringify([2, id, action, payload, 'extra']), expect: id };
    const text = JSON.stringify([2, id, action, payload]);
    if (kind < 0.84) return { text: text.slice(0, int(text.length)), expect: null };                    // truncated JSON
    if (kind < 0.90) {
        const at = int(text.length);
        return { text: text.slice(0, at) + pick(['}', ']', ',', '"', '\\', '{{', 'NaN', '\u0000']) + text.slice(at), expect: null };
    }
    if (kind < 0.94) return { text: pick(['', ' ', 'null', '[]', '{}', '[2]', '[2,"a"]', '[9,"a","b",{}]', '[3,"zz",{}]',
        '[4,"zz","GenericError","",{}]', '"just a string"', '12345', '[2,' + 'x'.repeat(1000)]), expect: null };
    return { text: JSON.stringify([2, { id }, action, payload]), expect: null };                         // id of the wrong type
}

const ws = new WebSocket(url + '/' + cp, ['ocpp1.6']);
const waiting = new Map();
const counts = { sent: 0, calls: 0, answered: 0, callResults: 0, callErrors: 0, unanswered: 0, profilesAnswered: 0, closed: false };
ws.on('message', data => {
    let frame;
    try { frame = JSON.parse(data.toString()); } catch (e) { return; }
    if (frame[0] === 2) { // the engine's own CALL (SetChargingProfile): accept it
        ws.send(JSON.stringify([3, frame[1], { status: 'Accepted' }]));
        counts.profilesAnswered++;
        return;
    }
    if (frame[0] === 3) counts.callResults++;
    if (frame[0] === 4) counts.callErrors++;
    const resolve = waiting.get(frame[1]);
    if (resolve) { waiting.delete(frame[1]); resolve(true); }
});
ws.on('close', () => { counts.closed = true; });

function send(frame) {
    counts.sent++;
    if (!frame.expect) { ws.send(frame.text); return Promise.resolve(true); }
    counts.calls++;
    return new Promise(resolve => {
        const timer = setTimeout(() => { waiting.delete(frame.expect); resolve(false); }, 5000);
        waiting.set(frame.expect, ok => { clearTimeout(timer); resolve(ok); });
        ws.send(frame.text);
    });
}

ws.on('open', async () => {
    const started = Date.now();
    for (let i = 0; i < frames && !counts.closed; i++) {
        const answered = await send(nextFrame());
        if (answered) { if (i >= 0) counts.answered += 0; } else counts.unanswered++;
    }
    // a last plain Heartbeat: the connection still works
    const alive = !counts.closed && await send({ text: JSON.stringify([2, 'last', 'Heartbeat', {}]), expect: 'last' });
    counts.answered = counts.calls - counts.unanswered;
    process.stdout.write(JSON.stringify({ event: 'fuzzed', frames, seed: parseInt(seedArg || '1', 10), ...counts,
        stillOpen: !counts.closed && alive, ms: Date.now() - started }) + '\n');
    ws.close();
    process.exit(0);
});
ws.on('error', err => {
    process.stdout.write(JSON.stringify({ event: 'failed', detail: String(err) }) + '\n');
    process.exit(1);
});
