// The floor the readers are measured against: the least any reader of a log
// must do, read the file and JSON.parse every line, keeping the events.
import { readFileSync } from 'node:fs';

const events = [];
for (const line of readFileSync(process.argv[2], 'utf8').split('\n'))
  if (line) events.push(JSON.parse(line));
if (events.length === 0) process.exitCode = 1;
