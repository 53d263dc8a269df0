// Ten minutes before a silence of the incident ends, while the incident is
// open, the next command says so once on stderr (the alert pages again if it
// still fires). `oncall status` and the walk's header say it every time.
import type { Context } from '../../context.js';
import { endingSoonText, SILENCE_WARNING_MS } from '../../domain/silence/silences.js';
import { warn } from '../../infra/console/output.js';
import { readSilenceMarks, writeSilenceMarks } from '../../infra/silence/marker.js';
import type { IncidentRef } from '../../infra/store/incidents.js';

export function warnSilencesEnding(ctx: Context, ref: IncidentRef): void {
  const marks = readSilenceMarks(ref.dir);
  if (!marks.length) return;
  const now = ctx.now();
  const iso = now.toISOString();
  let changed = false;
  for (const mark of marks) {
    const left = Date.parse(mark.endsAt) - now.getTime();
    if (mark.warned || left <= 0 || left > SILENCE_WARNING_MS) continue;
    warn(ctx, endingSoonText(mark.endsAt, mark.alert, now, ctx.env.TZ));
    mark.warned = true;
    changed = true;
  }
  const holding = marks.filter((m) => m.endsAt > iso);
  if (changed || holding.length !== marks.length) writeSilenceMarks(ref.dir, holding);
}
