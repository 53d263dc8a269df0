// One short line per event, for timelines: what happened, in words.
import type { OncallEvent } from './events.js';
import { formatDuration } from './time.js';

const quote = (s: string) => `"${s}"`;

export function describeEvent(e: OncallEvent): string {
  switch (e.type) {
    case 'incident.opened':
      return `Incident opened: ${e.severity} ${quote(e.title)}${e.service ? ` (${e.service})` : ''}${e.impact ? `; impact: ${e.impact}` : ''}`;
    case 'incident.mitigated':
      return `Mitigated${e.summary ? `: ${e.summary}` : ''}`;
    case 'incident.resolved':
      return `Resolved${e.summary ? `: ${e.summary}` : ''}`;
    case 'severity.changed':
      return `Severity ${e.from} → ${e.to}${e.reason ? `: ${e.reason}` : ''}`;
    case 'impact.changed':
      return `Impact: ${e.impact}`;
    case 'note':
      return e.kind === 'note'
        ? e.text
        : `${e.kind[0]?.toUpperCase()}${e.kind.slice(1)}: ${e.text}`;
    case 'update.sent':
      return `Status update sent: ${e.text}`;
    case 'escalation':
      return `Escalated to ${e.toName ?? e.to}${e.ask ? `: ${e.ask}` : ''}`;
    case 'handoff':
      return `Handed off from ${e.from} to ${e.toName ?? e.to}`;
    case 'command.started':
      return `Ran \`${e.argv.join(' ')}\`${e.shell ? ` (${e.shell})` : ''}`;
    case 'command.finished': {
      const outcome = e.interrupted
        ? 'interrupted'
        : e.signal
          ? `killed by ${e.signal}`
          : e.exitCode === null
            ? 'could not start'
            : `exit ${e.exitCode}`;
      return `Command finished: ${outcome} after ${formatDuration(e.durationMs)}`;
    }
    case 'runbook.attached':
      return `Runbook: ${e.runbook.title} (${e.runbook.id})`;
    case 'step.started':
      return `Step ${e.stepId} started`;
    case 'step.completed':
      return `Step ${e.stepId} done${e.note ? `: ${e.note}` : ''}`;
    case 'step.skipped':
      return `Step ${e.stepId} skipped: ${e.reason}`;
    case 'step.answered':
      return `Step ${e.stepId}: ${e.variable} = ${e.secret ? '(secret)' : (e.value ?? '')}`;
    case 'step.decided':
      return `Step ${e.stepId}: decided ${quote(e.choice)} → ${e.next}`;
    case 'step.waited':
      return `Step ${e.stepId}: waited ${formatDuration(e.waitedMs)} (${e.outcome})`;
    case 'walk.moved':
      return `Walk moved ${e.reason === 'back' ? 'back' : 'ahead'} to ${e.to}`;
    case 'walk.paused':
      return `Walk paused${e.stepId ? ` at ${e.stepId}` : ''}`;
    case 'walk.finished':
      return `Runbook finished${e.summary ? `: ${e.summary}` : ''}`;
  }
}
