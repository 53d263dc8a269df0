// `oncall start --from alertmanager` on a terminal with several alerts firing:
// a pick list, in Alertmanager's groups, most severe and newest first. Every
// word of it comes from the alerts (untrusted): shown safe by the prompt.
import type { Context } from '../../context.js';
import { localClock } from '../../domain/incident/time.js';
import { type AlertGroup, alertLine, type FiringAlert } from '../../domain/intake/alertmanager.js';
import { askChoice } from '../ui/prompts.js';

/** The alert picked; undefined without a terminal (or with --no-input): the caller names the flag. */
export async function pickAlert(
  ctx: Context,
  groups: AlertGroup[],
  options: { input?: boolean },
): Promise<FiringAlert | undefined> {
  if (!ctx.interactive || options.input === false) return undefined;
  const clock = (iso: string) => localClock(iso, ctx.env.TZ);
  const byFingerprint = new Map<string, FiringAlert>();
  const choices = groups.flatMap((group) =>
    group.alerts.map((alert) => {
      byFingerprint.set(alert.fingerprint, alert);
      return {
        value: alert.fingerprint,
        name: `${group.label} │ ${alertLine(alert, clock)}`,
        description: `fingerprint ${alert.fingerprint}`,
      };
    }),
  );
  const count = byFingerprint.size;
  const fingerprint = await askChoice(ctx, {
    flag: '--from alertmanager:<fingerprint|alertname>',
    message: `${count} alerts fire. Which one are you on?`,
    choices,
  });
  return byFingerprint.get(fingerprint);
}
