// `--dry-run`: every step of a runbook with its commands and variables filled
// in as far as they are known. Prints only: nothing runs, nothing is recorded.
import type { Context } from '../../context.js';
import { formatDuration } from '../../domain/incident/time.js';
import { previewCommand } from '../../domain/runbook/command-text.js';
import { commandsOf } from '../../domain/runbook/steps.js';
import type { Runbook } from '../../domain/runbook/types.js';
import { safeBlock, safeStrings } from '../../domain/text/terminal-safe.js';
import { println } from '../../infra/console/output.js';

/** Every step with its commands and variables filled in; nothing runs. */
export async function printDryRun(
  ctx: Context,
  unsafe: Runbook,
  flags: Record<string, string>,
): Promise<void> {
  // Only printed, never run: the runbook's text and the flags are made safe once (bodies keep their lines).
  const runbook = safeStrings(unsafe, safeBlock);
  const known = safeStrings(flags);
  const c = (await import('chalk')).default;
  const say = (line = '') => println(ctx, line);
  say(`${runbook.title} ${c.dim(`(${runbook.id}) · ${runbook.file}`)}`);
  say(c.dim(`Dry run: ${runbook.steps.length} steps, nothing is run and no incident is created.`));
  runbook.steps.forEach((step, i) => {
    say();
    say(`${i + 1}. ${step.title} ${c.dim(`[${step.kind} · ${step.id}]`)}`);
    const body = step.body.trim();
    if (body) for (const line of body.split('\n')) say(`   ${line}`);
    for (const spec of commandsOf(step)) {
      const at = spec.prompt ? c.dim(`  (at ${spec.prompt})`) : '';
      // A command of several lines keeps its lines under the first, never at the margin like text.
      const shown = previewCommand(spec, known).replaceAll('\n', '\n     ');
      say(`   ${c.dim('$')} ${shown}${at}`);
      if (spec.inside) {
        say(c.dim('     then, inside it (typed by you, never run):'));
        for (const line of spec.inside.split('\n')) say(c.dim(`     │ ${line}`));
      }
    }
    switch (step.kind) {
      case 'ask':
        say(
          c.dim(
            `   asks: ${step.prompt} → {{${step.variable}}}${step.secret ? ' (secret, never logged)' : ''}`,
          ),
        );
        break;
      case 'decide':
        for (const choice of step.choices) say(c.dim(`   → ${choice.label}: go to ${choice.goto}`));
        break;
      case 'wait':
        say(
          c.dim(
            `   waits ${formatDuration(step.seconds * 1000)}${step.until ? ' at most, polling the command' : ''}`,
          ),
        );
        break;
      case 'escalate':
        say(c.dim(`   escalates to ${step.to}${step.ask ? `: ${step.ask}` : ''}`));
        break;
      default:
        break;
    }
    if (step.next) say(c.dim(`   then: ${step.next}`));
  });
}
