// `oncall list`: every incident on this machine, newest first; the active one marked.
import type { Context } from '../../context.js';
import type { IncidentState } from '../../domain/incident/fold.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError } from '../../errors.js';
import { printJson, println } from '../../infra/console/output.js';
import { listIncidentIds, readActiveId, refOf } from '../../infra/store/incidents.js';
import { homeOf, loadIncidentAt } from '../../use-cases/journal/load.js';
import type { OptionsOf } from '../definition/program.js';
import type { listCommand } from './definition.js';

type ListOptions = OptionsOf<typeof listCommand>;

interface Row {
  id: string;
  active: boolean;
  state?: IncidentState;
  problem?: string;
  /** The exit code the problem calls for (2: a bad file; 1: the disk refused). */
  code?: number;
}

export async function list(ctx: Context, options: ListOptions): Promise<void> {
  const home = homeOf(ctx);
  const active = readActiveId(home);
  const rows: Row[] = listIncidentIds(home)
    .reverse()
    .map((id): Row => {
      const ref = refOf(home, id);
      try {
        return { id, active: id === active, state: loadIncidentAt(ctx, ref).state };
      } catch (error) {
        const code = error instanceof OncallError ? error.exitCode : 1;
        return { id, active: id === active, problem: (error as Error).message, code };
      }
    })
    .sort(newestOpenedFirst);
  if (options.json) {
    printJson(
      ctx,
      rows.map((r) => ({
        id: r.id,
        active: r.active,
        ...(r.state
          ? {
              title: r.state.title,
              severity: r.state.severity,
              status: r.state.status,
              startedAt: r.state.startedAt,
              commander: r.state.commander,
              drill: r.state.drill,
            }
          : { problem: r.problem }),
      })),
    );
    refuseUnreadable(ctx, rows);
    return;
  }
  if (rows.length === 0) {
    println(ctx, 'No incidents yet. Start one with `oncall start`.');
    return;
  }
  for (const r of rows) {
    const mark = r.active ? '*' : ' ';
    if (!r.state) {
      println(ctx, `${mark} ${safeLine(r.id)}  (unreadable: see below)`);
      continue;
    }
    const s = r.state;
    println(
      ctx,
      `${mark} ${safeLine(r.id)}  ${s.severity} ${s.status.padEnd(9)} ${safeLine(s.title)}${s.drill ? ' [drill]' : ''}`,
    );
  }
  if (active) println(ctx, '* active: `oncall note` writes here. Switch with `oncall use <id>`.');
  refuseUnreadable(ctx, rows);
}

/**
 * Newest first by when each was opened, not by id: an id holds the local time
 * (`2026-11-01-0110-…`), and on the night clocks go back 01:10 EST comes after
 * 01:40 EDT. A log that cannot be read keeps its place by id, after the rest.
 */
function newestOpenedFirst(a: Row, b: Row): number {
  const at = (r: Row) => (r.state ? Date.parse(r.state.acknowledgedAt) : Number.NEGATIVE_INFINITY);
  return at(b) - at(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Every incident is listed; one whose log cannot be read is a bad file, as
 * for every reading command: its one line (file:line, why, the fix) on
 * stderr, and exit 2 once the list is out.
 */
function refuseUnreadable(ctx: Context, rows: readonly Row[]): void {
  const problems = rows.filter((r) => r.problem !== undefined);
  const last = problems.pop();
  for (const r of problems) ctx.stderr.write(`oncall: ${safeLine(r.problem ?? '')}\n`);
  const code = Math.max(...rows.map((r) => r.code ?? 0));
  if (last) throw new OncallError(last.problem ?? '', code);
}
