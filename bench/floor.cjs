// The floor the readers are measured against: the plainest reading of a log,
// read the file, split it into lines, JSON.parse each. CommonJS, so Node's
// ESM loader is not part of the floor either. With --keep it also keeps the
// events, as any reader must: the floor of the readers' memory.
const { readFileSync } = require('node:fs');

const keep = process.argv[3] === '--keep';
const events = [];
let count = 0;
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (line) {
    const event = JSON.parse(line);
    if (keep) events.push(event);
    count++;
  }
}
if (count === 0) process.exitCode = 1;
