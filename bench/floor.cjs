// The floor the readers are measured against: the plainest reading of a log,
// read the file, split it into lines, JSON.parse each. CommonJS, so Node's
// ESM loader is not part of the floor either.
const { readFileSync } = require('node:fs');

let events = 0;
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (line) {
    JSON.parse(line);
    events++;
  }
}
if (events === 0) process.exitCode = 1;
