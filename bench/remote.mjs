// A share remote holding many incidents, as oncall lays them out: one ref per
// responder per incident (refs/oncall/incidents/<id>/<responder>), each a
// history of commits appending to that responder's file. Made in one
// `git fast-import`, so 300 incidents take seconds. For the bench's join and
// sync figures, and for the tests of what a join fetches.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';

/** The responder's name on the remote (src/domain/share/responder.ts, for ASCII actors). */
export function responderName(actor) {
  const slug = actor
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  const hash = createHash('sha256').update(actor.normalize('NFC')).digest('hex').slice(0, 8);
  return `${slug || 'responder'}-${hash}`;
}

const T0 = Date.parse('2026-01-05T02:00:00.000Z');

/** The id of incident `i`: a date and a title, as oncall makes them. */
function incidentId(i) {
  const at = new Date(T0 + i * 86_400_000 * 0.37);
  const stamp = at
    .toISOString()
    .slice(0, 16)
    .replace(/[-T:]/g, '-')
    .replace(/-(\d\d)-(\d\d)$/, '-$1$2');
  return `${stamp}-service-${i}-returns-errors`;
}

function event(id, actor, n, lamport, fields) {
  const ts = new Date(T0 + n * 37_000).toISOString();
  return JSON.stringify({
    v: 1,
    id: `${id}-${actor}-${n}`,
    incident: id,
    ts,
    actor,
    lamport,
    hlc: ts,
    ...fields,
  });
}

/** One responder's events of an incident, as lines. */
function linesOf(id, actor, first, count) {
  const lines = [];
  if (first)
    lines.push(
      event(id, actor, 0, 1, {
        type: 'incident.opened',
        title: `Service returns errors (${id})`,
        severity: 'SEV2',
        nextUpdateDue: null,
      }),
    );
  for (let n = 1; lines.length < count; n++) {
    lines.push(
      event(id, actor, n, n + 1, {
        type: 'note',
        kind: n % 5 === 0 ? 'finding' : 'note',
        text: `${actor} looked at shard ${n % 17} of ${id}: latency p99 ${(n * 37) % 900} ms, error rate ${(n * 13) % 100}%`,
      }),
    );
  }
  return lines;
}

/**
 * Makes a bare repository at `dir` holding `incidents` incidents, each of
 * `responders` responders writing `events` events over `commits` commits.
 * Returns the incidents' ids, oldest first.
 */
export function makeRemote(dir, { incidents, responders = 4, events = 60, commits = 10 }) {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '--quiet', '--bare', dir]);
  const chunks = [];
  const ids = [];
  let mark = 0;
  for (let i = 0; i < incidents; i++) {
    const id = incidentId(i);
    ids.push(id);
    for (let r = 0; r < responders; r++) {
      const actor = `responder${r}@laptop-${r}`;
      const name = responderName(actor);
      const lines = linesOf(id, actor, r === 0, events);
      const path = `incidents/${id}/events/${name}.jsonl`;
      for (let c = 1; c <= commits; c++) {
        const text = `${lines.slice(0, Math.ceil((lines.length * c) / commits)).join('\n')}\n`;
        const message = `${id}: events from ${actor}`;
        mark += 1;
        chunks.push(
          `commit refs/oncall/incidents/${id}/${name}\nmark :${mark}\ncommitter ${actor} <${actor}> ${Math.floor(T0 / 1000) + mark} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`,
          `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`,
        );
      }
    }
  }
  chunks.push('done\n');
  execFileSync('git', ['--git-dir', dir, 'fast-import', '--quiet', '--done'], {
    input: chunks.join(''),
    maxBuffer: 1 << 30,
  });
  execFileSync('git', ['--git-dir', dir, 'repack', '-a', '-d', '-q']);
  return ids;
}

/** `du`: the bytes of every file under `dir`. */
export function sizeOf(dir) {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}
