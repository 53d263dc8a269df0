// The walked runbooks (test/fixtures/runbooks/walked/) and the tools their
// commands call, faked so a walk runs anywhere: `kubectl` prints its words and
// appends them to kubectl.log in the folder it runs in; `curl` answers 503
// (`-f`: exit 22). For walks in process (walked.ts) and through the bin alike.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { FIXTURES } from './paths.js';

export const WALKED = join(FIXTURES, 'runbooks', 'walked');

/** Writes the fakes into `<dir>/bin`; returns the PATH that finds them first. */
export function fakeTools(dir: string, path = process.env.PATH ?? ''): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const fake = (name: string, script: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  fake('kubectl', 'echo "kubectl $*"\necho "kubectl $*" >> kubectl.log');
  fake('curl', 'echo "HTTP/1.1 503 Service Unavailable" >&2\nexit 22');
  return `${bin}${delimiter}${path}`;
}
