// Runs `npm ci` when node_modules is missing or older than package-lock.json. The Maven build calls it
// before the tests (engine/pom.xml, execution npm-ci), so the OCPP interop tests need no separate step.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const lock = path.join(__dirname, 'package-lock.json');
const installed = path.join(__dirname, 'node_modules', '.package-lock.json');
if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) {
  console.log('[npm-ci] node_modules is current');
  process.exit(0);
}
console.log('[npm-ci] installing the interop tests\' packages (npm ci) in ' + __dirname);
const windows = process.platform === 'win32';
const result = spawnSync(windows ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'],
  { cwd: __dirname, stdio: 'inherit', shell: windows });
if (result.error) console.error('[npm-ci] cannot run npm: ' + result.error.message);
process.exit(result.status === null ? 1 : result.status);
