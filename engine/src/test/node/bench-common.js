// What the load scripts (load-test.js, grid-load-test.js, reconnect-storm.js, echo-bench.js) share: their command
// line, seeded randomness, percentiles, and what a process on Linux has used so far (/proc; NaN elsewhere).
'use strict';
const fs = require('fs');

/** `--name value` pairs of the command line; a flag's "value" is whatever follows it (test flags with `in`). */
function parseArgs(argv) {
    return Object.fromEntries(argv.slice(2).reduce((pairs, arg, i, all) =>
        arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** A small seeded PRNG (mulberry32): the same seed gives the same arrivals. */
function random(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6D2B79F5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The p-th percentile of an ascending array (nearest rank). */
function percentile(sorted, p) {
    return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
}

/** User and system CPU seconds in a /proc stat line (the fields after the command name, which may hold spaces). */
function statCpuSeconds(stat) {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid) {
    try {
        return statCpuSeconds(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch (e) {
        return NaN;
    }
}

/**
 * CPU seconds of a JVM's threads so far, by kind: its just-in-time compilers (jit), its garbage collector and VM
 * threads (gc), the rest (other: the program's own work). Threads that ended are left out.
 */
function cpuByThread(pid) {
    const kinds = { jit: 0, gc: 0, other: 0 };
    let tids;
    try { tids = fs.readdirSync(`/proc/${pid}/task`); } catch (e) { return { jit: NaN, gc: NaN, other: NaN }; }
    for (const tid of tids) {
        try {
            const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
            const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            const kind = /CompilerThre/.test(name) ? 'jit' : /^(GC |G1 |VM Thread|VM Periodic)/.test(name) ? 'gc' : 'other';
            kinds[kind] += statCpuSeconds(stat);
        } catch (e) { /* the thread ended */ }
    }
    return kinds;
}

/**
 * Voluntary context switches of a process's threads so far (a thread waits: every hand-off of work between threads
 * costs one or two). Involuntary ones (preemption by other processes) are left out; so are threads that ended.
 */
function voluntarySwitches(pid) {
    let tids;
    try { tids = fs.readdirSync(`/proc/${pid}/task`); } catch (e) { return NaN; }
    let sum = 0;
    for (const tid of tids) {
        try {
            const m = /^voluntary_ctxt_switches:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'));
            if (m) sum += Number(m[1]);
        } catch (e) { /* the thread ended */ }
    }
    return sum;
}

module.exports = { parseArgs, sleep, random, percentile, cpuSeconds, cpuByThread, voluntarySwitches };
