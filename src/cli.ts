// Wiring only: each command's definition (commands/definitions/) is registered
// with commander, and its action lazily imports the command, so `oncall
// --help` loads neither prompts nor spinners nor templates.

import { Command, CommanderError, Option } from 'commander';
import {
  addFlags,
  group,
  register,
  registerGroup,
  type Wired,
  type WiredGroup,
  wire,
} from './commands/definitions/commander.js';
import { configCommand } from './commands/definitions/config.js';
import { contactsCommand } from './commands/definitions/contacts.js';
import { doctorCommand } from './commands/definitions/doctor.js';
import { drillCommand } from './commands/definitions/drill.js';
import { escalateCommand } from './commands/definitions/escalate.js';
import { exportCommand } from './commands/definitions/export.js';
import { handoffCommand } from './commands/definitions/handoff.js';
import { initCommand } from './commands/definitions/init.js';
import { listCommand } from './commands/definitions/list.js';
import { mitigateCommand, resolveCommand } from './commands/definitions/milestone.js';
import { noteCommand } from './commands/definitions/note.js';
import {
  outboxFlushCommand,
  outboxGroup,
  outboxListCommand,
} from './commands/definitions/outbox.js';
import { postmortemCommand } from './commands/definitions/postmortem.js';
import type { GlobalOptions } from './commands/definitions/program.js';
import { programDefinition } from './commands/definitions/program.js';
import { resumeCommand } from './commands/definitions/resume.js';
import { runCommand } from './commands/definitions/run.js';
import {
  runbookGroup,
  runbookLintCommand,
  runbookListCommand,
  runbookNewCommand,
  runbookShowCommand,
} from './commands/definitions/runbook.js';
import { sevCommand } from './commands/definitions/sev.js';
import { joinCommand, shareCommand, syncCommand } from './commands/definitions/share.js';
import { startCommand } from './commands/definitions/start.js';
import { statusCommand } from './commands/definitions/status.js';
import { timelineCommand } from './commands/definitions/timeline.js';
import { updateCommand } from './commands/definitions/update.js';
import { useCommand } from './commands/definitions/use.js';
import { type Context, processContext } from './context.js';
import { OncallError, UsageError } from './errors.js';
import { safeBlock, safeLine } from './text/terminal-safe.js';
import { packageVersion } from './version.js';

/**
 * A command on the incident, preceded (on a terminal, for a shared incident)
 * by the offer to accept a handoff made to this responder.
 */
function offering<O extends GlobalOptions>(
  run: (ctx: Context, options: O) => Promise<void>,
): (ctx: Context, options: O) => Promise<void> {
  return async (ctx, options) => {
    if (ctx.interactive)
      await (await import('./commands/handoff-accept.js')).offerHandoff(ctx, options);
    await run(ctx, options);
  };
}

/** Every command, in the order `oncall --help` lists them; each import is lazy. */
export const COMMANDS: readonly (Wired | WiredGroup)[] = [
  wire(startCommand, async (ctx, o) => (await import('./commands/start.js')).start(ctx, o)),
  wire(noteCommand, async (ctx, o) => (await import('./commands/note.js')).note(ctx, o)),
  wire(
    runCommand,
    offering(async (ctx, o) => (await import('./commands/run.js')).run(ctx, o)),
  ),
  wire(
    statusCommand,
    offering(async (ctx, o) => (await import('./commands/status.js')).status(ctx, o)),
  ),
  wire(
    sevCommand,
    offering(async (ctx, o) => (await import('./commands/sev.js')).sev(ctx, o)),
  ),
  wire(mitigateCommand, async (ctx, o) =>
    (await import('./commands/milestone.js')).milestoneCommand(ctx, {
      ...o,
      milestone: 'mitigate',
    }),
  ),
  wire(resolveCommand, async (ctx, o) =>
    (await import('./commands/milestone.js')).milestoneCommand(ctx, { ...o, milestone: 'resolve' }),
  ),
  wire(
    timelineCommand,
    offering(async (ctx, o) => (await import('./commands/timeline.js')).timeline(ctx, o)),
  ),
  wire(exportCommand, async (ctx, o) =>
    (await import('./commands/export.js')).exportIncident(ctx, o),
  ),
  wire(listCommand, async (ctx, o) => (await import('./commands/list.js')).list(ctx, o)),
  wire(useCommand, async (ctx, o) => (await import('./commands/use.js')).use(ctx, o)),
  wire(shareCommand, async (ctx, o) => (await import('./commands/share.js')).share(ctx, o)),
  wire(joinCommand, async (ctx, o) => (await import('./commands/join.js')).join(ctx, o)),
  wire(syncCommand, async (ctx, o) => (await import('./commands/sync.js')).sync(ctx, o)),
  wire(initCommand, async (ctx, o) => (await import('./commands/init.js')).init(ctx, o)),
  wire(doctorCommand, async (ctx, o) => (await import('./commands/doctor.js')).doctor(ctx, o)),
  wire(configCommand, async (ctx, o) => (await import('./commands/config.js')).showConfig(ctx, o)),
  group(runbookGroup, [
    wire(runbookListCommand, async (ctx, o) =>
      (await import('./commands/runbook.js')).runbookList(ctx, o),
    ),
    wire(runbookShowCommand, async (ctx, o) =>
      (await import('./commands/runbook.js')).runbookShow(ctx, o),
    ),
    wire(runbookLintCommand, async (ctx, o) =>
      (await import('./commands/runbook.js')).runbookLint(ctx, o),
    ),
    wire(runbookNewCommand, async (ctx, o) =>
      (await import('./commands/runbook.js')).runbookNew(ctx, o),
    ),
  ]),
  wire(
    resumeCommand,
    offering(async (ctx, o) => (await import('./commands/resume.js')).resume(ctx, o)),
  ),
  wire(drillCommand, async (ctx, o) => (await import('./commands/drill.js')).drill(ctx, o)),
  wire(contactsCommand, async (ctx, o) =>
    (await import('./commands/contacts.js')).contacts(ctx, o),
  ),
  wire(
    updateCommand,
    offering(async (ctx, o) => (await import('./commands/update.js')).update(ctx, o)),
  ),
  wire(
    escalateCommand,
    offering(async (ctx, o) => (await import('./commands/escalate.js')).escalate(ctx, o)),
  ),
  wire(handoffCommand, async (ctx, o) => (await import('./commands/handoff.js')).handoff(ctx, o)),
  wire(
    postmortemCommand,
    offering(async (ctx, o) => (await import('./commands/postmortem.js')).postmortem(ctx, o)),
  ),
  group(outboxGroup, [
    wire(outboxListCommand, async (ctx, o) =>
      (await import('./commands/outbox.js')).outboxList(ctx, o),
    ),
    wire(outboxFlushCommand, async (ctx, o) =>
      (await import('./commands/outbox.js')).outboxFlush(ctx, o),
    ),
  ]),
];

/** `-V, --version`, as commander's .version() does it, without reading the version up front. */
function addVersion(program: Command, ctx: Context): void {
  program.addOption(new Option('-V, --version', 'output the version number'));
  program.on('option:version', () => {
    const version = packageVersion();
    ctx.stdout.write(`${version}\n`);
    throw new CommanderError(0, 'commander.version', version);
  });
}

/** Bare `oncall`: the active incident's status, or how to begin; else a near-miss hint. */
function addHome(program: Command, ctx: Context): void {
  program
    .usage('[options] [command]')
    .argument('[command]')
    .action(async (unknown: string | undefined) => {
      if (unknown !== undefined) {
        const { editDistance } = await import('./text/edit-distance.js');
        const names = program.commands.map((c) => c.name());
        const near = names.filter((name) => editDistance(unknown, name) <= 2).slice(0, 2);
        const hint = near.length
          ? ` Did you mean ${near.map((n) => `\`oncall ${n}\``).join(' or ')}?`
          : '';
        throw new UsageError(`unknown command '${unknown}'.${hint} See \`oncall --help\`.`);
      }
      const { home } = await import('./commands/home.js');
      await home(ctx, program.helpInformation());
    });
}

/**
 * Before any command but the outbox's own: retry what is due in the incident's
 * outbox, in the background. Never fails the command (no incident yet is fine).
 */
function addOutboxNudge(program: Command, ctx: Context): void {
  program.hook('preAction', async (_program, action) => {
    if (action.parent?.name() === 'outbox' || action.name() === 'note') return;
    try {
      const { resolveIncident } = await import('./store/incidents.js');
      const { dataHome } = await import('./store/paths.js');
      const { nudgeOutbox } = await import('./services/nudge.js');
      const wanted = action.optsWithGlobals().incident as string | undefined;
      const ref = resolveIncident(dataHome(ctx.env), wanted);
      // `oncall status` shows failed deliveries itself.
      nudgeOutbox(ctx, ref, { showFailed: action.name() !== 'status' });
    } catch {
      // No incident to nudge: nothing waits.
    }
  });
}

export function buildProgram(ctx: Context): Command {
  const program = new Command(programDefinition.name)
    .description(programDefinition.description)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      // commander's errors quote what was typed: shown safe, like our own errors.
      writeErr: (s) => ctx.stderr.write(safeBlock(s)),
    })
    .exitOverride()
    // `oncall help start`, as git and npm take it: commander adds it only to a
    // program without an action of its own, and bare `oncall` has one (addHome).
    .helpCommand(true);
  addVersion(program, ctx);
  addFlags(program, programDefinition.flags);
  addOutboxNudge(program, ctx);
  for (const entry of COMMANDS) {
    if ('group' in entry) registerGroup(program, entry, ctx);
    else register(program, entry, ctx);
  }
  addHome(program, ctx);
  return program;
}

export async function runCli(argv: string[], ctx: Context): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander already printed its usage error.
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed') return 0;
      if (error.code === 'commander.version') return 0;
      return 2;
    }
    if (error instanceof OncallError) {
      if (error.message) ctx.stderr.write(`oncall: ${safeLine(error.message)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

export async function main(argv: string[]): Promise<void> {
  const ctx = processContext();
  const code = await runCli(argv, ctx);
  process.exitCode = code;
}
