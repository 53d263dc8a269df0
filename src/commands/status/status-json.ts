// The status model (domain/status/status.ts) as JSON, for tools: the folded
// state as it is, and what status computes from it.
import { commandText } from '../../domain/incident/command-line.js';
import type { StatusModel } from '../../domain/status/status.js';

export function statusJson(m: StatusModel): object {
  const now = m.now.getTime();
  return {
    ...m.incident,
    elapsedMs: m.elapsedMs,
    updateOverdue: m.overdue !== undefined,
    stepsHandled: m.stepsHandled,
    unfinishedCommands: m.unfinished.map((run) => ({
      runId: run.runId,
      command: commandText(run),
      startedAt: run.startedAt,
      runningForMs: Math.max(0, now - Date.parse(run.startedAt)),
      actor: run.actor,
      ...(run.stepId ? { stepId: run.stepId } : {}),
    })),
    outbox: {
      waiting: m.outbox.waiting,
      failed: m.outbox.failed.map((item) => ({
        delivery: item.delivery,
        channel: item.channel,
        kind: item.kind,
        error: item.last?.error,
      })),
      held: m.outbox.held,
    },
    silences: m.silences,
    ...(m.walk !== undefined ? { walk: m.walk } : {}),
    ...(m.share ? { share: m.share } : {}),
    ...(m.unverified.count ? { unverified: m.unverified } : {}),
  };
}
