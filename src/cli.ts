// Wiring only: each command's definition (commands/definitions/) is registered
// with commander, and its action lazily imports the command, so `oncall
// --help` loads neither prompts nor spinners nor templates.

import { Command, CommanderError, Option } from 'commander';
import {
  captureGroup,
  captureOffCommand,
  captureOnCommand,
  captureRecordCommand,
} from './commands/capture/definition.js';
import { configCommand } from './commands/config/definition.js';
import { contactsCommand } from './commands/contacts/definition.js';
import {
  addFlags,
  group,
  register,
  registerGroup,
  type Wired,
  type WiredGroup,
  wire,
} from './commands/definition/commander.js';
import { programDefinition } from './commands/definition/program.js';
import {
  commandHint,
  missingHint,
  type TypedCommand,
  typoHint,
} from './commands/definition/typos.js';
import { doctorCommand } from './commands/doctor/definition.js';
import { drillCommand } from './commands/drill/definition.js';
import { escalateCommand } from './commands/escalate/definition.js';
import { exportCommand } from './commands/export/definition.js';
import { handoffCommand } from './commands/handoff/definition.js';
import { hookCommand } from './commands/hook/definition.js';
import { impactCommand } from './commands/impact/definition.js';
import { initCommand } from './commands/init/definition.js';
import { listCommand } from './commands/list/definition.js';
import { mitigateCommand, resolveCommand } from './commands/milestone/definition.js';
import { noteCommand } from './commands/note/definition.js';
import {
  outboxFlushCommand,
  outboxGroup,
  outboxListCommand,
} from './commands/outbox/definition.js';
import { postmortemCommand } from './commands/postmortem/definition.js';
import { resumeCommand } from './commands/resume/definition.js';
import { runCommand } from './commands/run/definition.js';
import {
  runbookGroup,
  runbookLintCommand,
  runbookListCommand,
  runbookNewCommand,
  runbookShowCommand,
  runbookSuggestCommand,
} from './commands/runbook/definition.js';
import { sevCommand } from './commands/sev/definition.js';
import { joinCommand, shareCommand, syncCommand } from './commands/share/definition.js';
import { shellCommand } from './commands/shell/definition.js';
import { silenceCommand } from './commands/silence/definition.js';
import { startCommand } from './commands/start/definition.js';
import { statusCommand } from './commands/status/definition.js';
import { timelineCommand } from './commands/timeline/definition.js';
import { updateCommand } from './commands/update/definition.js';
import { useCommand } from './commands/use/definition.js';
import { type Context, processContext } from './context.js';
import { safeBlock, safeLine } from './domain/text/terminal-safe.js';
import { OncallError, UsageError } from './errors.js';
import { nudgeOutboxBefore, offeringHandoff } from './hooks.js';
import { packageVersion } from './version.js';

/** Every command, in the order `oncall --help` lists them; each import is lazy. */
export const COMMANDS: readonly (Wired | WiredGroup)[] = [
  wire(startCommand, async (ctx, o) => (await import('./commands/start/start.js')).start(ctx, o)),
  wire(noteCommand, async (ctx, o) => (await import('./commands/note/note.js')).note(ctx, o)),
  wire(runCommand, async (ctx, o) => (await import('./commands/run/run.js')).run(ctx, o)),
  wire(statusCommand, async (ctx, o) =>
    (await import('./commands/status/status.js')).status(ctx, o),
  ),
  wire(sevCommand, async (ctx, o) => (await import('./commands/sev/sev.js')).sev(ctx, o)),
  wire(silenceCommand, async (ctx, o) =>
    (await import('./commands/silence/silence.js')).silence(ctx, o),
  ),
  wire(impactCommand, async (ctx, o) =>
    (await import('./commands/impact/impact.js')).impact(ctx, o),
  ),
  wire(mitigateCommand, async (ctx, o) =>
    (await import('./commands/milestone/milestone.js')).milestoneCommand(ctx, {
      ...o,
      milestone: 'mitigate',
    }),
  ),
  wire(resolveCommand, async (ctx, o) =>
    (await import('./commands/milestone/milestone.js')).milestoneCommand(ctx, {
      ...o,
      milestone: 'resolve',
    }),
  ),
  wire(timelineCommand, async (ctx, o) =>
    (await import('./commands/timeline/timeline.js')).timeline(ctx, o),
  ),
  wire(exportCommand, async (ctx, o) =>
    (await import('./commands/export/export.js')).exportIncident(ctx, o),
  ),
  wire(listCommand, async (ctx, o) => (await import('./commands/list/list.js')).list(ctx, o)),
  wire(useCommand, async (ctx, o) => (await import('./commands/use/use.js')).use(ctx, o)),
  wire(shareCommand, async (ctx, o) => (await import('./commands/share/share.js')).share(ctx, o)),
  wire(joinCommand, async (ctx, o) => (await import('./commands/share/join.js')).join(ctx, o)),
  wire(syncCommand, async (ctx, o) => (await import('./commands/share/sync.js')).sync(ctx, o)),
  wire(shellCommand, async (ctx, o) => (await import('./commands/shell/shell.js')).shell(ctx, o)),
  wire(hookCommand, async (ctx, o) => (await import('./commands/hook/hook.js')).hook(ctx, o)),
  group(captureGroup, [
    wire(captureOnCommand, async (ctx, o) =>
      (await import('./commands/capture/capture.js')).captureOnAction(ctx, o),
    ),
    wire(captureOffCommand, async (ctx, o) =>
      (await import('./commands/capture/capture.js')).captureOffAction(ctx, o),
    ),
    wire(captureRecordCommand, async (ctx, o) =>
      (await import('./commands/capture/capture.js')).captureRecordAction(ctx, o),
    ),
  ]),
  wire(initCommand, async (ctx, o) => (await import('./commands/init/init.js')).init(ctx, o)),
  wire(doctorCommand, async (ctx, o) =>
    (await import('./commands/doctor/doctor.js')).doctor(ctx, o),
  ),
  wire(configCommand, async (ctx, o) =>
    (await import('./commands/config/config.js')).showConfig(ctx, o),
  ),
  group(runbookGroup, [
    wire(runbookListCommand, async (ctx, o) =>
      (await import('./commands/runbook/runbook.js')).runbookList(ctx, o),
    ),
    wire(runbookShowCommand, async (ctx, o) =>
      (await import('./commands/runbook/runbook.js')).runbookShow(ctx, o),
    ),
    wire(runbookLintCommand, async (ctx, o) =>
      (await import('./commands/runbook/runbook.js')).runbookLint(ctx, o),
    ),
    wire(runbookNewCommand, async (ctx, o) =>
      (await import('./commands/runbook/runbook.js')).runbookNew(ctx, o),
    ),
    wire(runbookSuggestCommand, async (ctx, o) =>
      (await import('./commands/runbook/suggest.js')).runbookSuggest(ctx, o),
    ),
  ]),
  wire(resumeCommand, async (ctx, o) =>
    (await import('./commands/resume/resume.js')).resume(ctx, o),
  ),
  wire(drillCommand, async (ctx, o) => (await import('./commands/drill/drill.js')).drill(ctx, o)),
  wire(contactsCommand, async (ctx, o) =>
    (await import('./commands/contacts/contacts.js')).contacts(ctx, o),
  ),
  wire(updateCommand, async (ctx, o) =>
    (await import('./commands/update/update.js')).update(ctx, o),
  ),
  wire(escalateCommand, async (ctx, o) =>
    (await import('./commands/escalate/escalate.js')).escalate(ctx, o),
  ),
  wire(handoffCommand, async (ctx, o) =>
    (await import('./commands/handoff/handoff.js')).handoff(ctx, o),
  ),
  wire(postmortemCommand, async (ctx, o) =>
    (await import('./commands/postmortem/postmortem.js')).postmortem(ctx, o),
  ),
  group(outboxGroup, [
    wire(outboxListCommand, async (ctx, o) =>
      (await import('./commands/outbox/outbox.js')).outboxList(ctx, o),
    ),
    wire(outboxFlushCommand, async (ctx, o) =>
      (await import('./commands/outbox/outbox.js')).outboxFlush(ctx, o),
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

/** Every command as typed after `oncall`, for the hints a mistyped one gets. */
function typedCommands(): TypedCommand[] {
  return COMMANDS.map((entry) =>
    'group' in entry
      ? {
          name: entry.group.name,
          ...(entry.group.default ? { default: entry.group.default } : {}),
          subcommands: entry.commands.map((c) => ({
            name: c.definition.name,
            definition: c.definition,
          })),
        }
      : { name: entry.definition.name, definition: entry.definition },
  );
}

/** Bare `oncall`: the active incident's status, or how to begin; else the command meant. */
function addHome(program: Command, ctx: Context): void {
  program
    .usage('[options] [command]')
    .argument('[command]')
    .action(async (unknown: string | undefined) => {
      if (unknown !== undefined) {
        throw new UsageError(commandHint(unknown, typedCommands(), [], [], []));
      }
      const { home } = await import('./commands/home/home.js');
      await home(ctx, () => program.helpInformation());
    });
}

/** Before a command: its outbox nudged (hooks.ts). */
function addOutboxNudge(program: Command, ctx: Context): void {
  program.hook('preAction', async (_program, action) => {
    const path = action.parent?.parent ? [action.parent.name(), action.name()] : [action.name()];
    const incident = action.optsWithGlobals().incident as string | undefined;
    await nudgeOutboxBefore(ctx, path, incident);
  });
}

/** A top-level command, run after the handoff offer when it makes one (hooks.ts). */
const withOffer = ({ definition, run }: Wired): Wired => ({
  definition,
  run: offeringHandoff(definition.name, run),
});

/** Commander's usage errors that a mistyped command or flag causes: said our way (typos.ts). */
const TYPO_CODES = new Set([
  'commander.unknownOption',
  'commander.unknownCommand',
  'commander.excessArguments',
]);

/** Commander's usage errors for a command typed without what it needs: said with the line to type. */
const MISSING_CODES = new Set(['commander.missingArgument', 'commander.optionMissingArgument']);

/**
 * `held`: where commander's usage errors wait instead of being printed, for
 * runCli to say better (a typo's hint) or let through.
 */
export function buildProgram(ctx: Context, held?: string[]): Command {
  const program = new Command(programDefinition.name)
    .description(programDefinition.description)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      // commander's errors quote what was typed: shown safe, like our own errors.
      writeErr: (s) => ctx.stderr.write(safeBlock(s)),
      ...(held ? { outputError: (s: string) => void held.push(s) } : {}),
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
    else register(program, withOffer(entry), ctx);
  }
  addHome(program, ctx);
  return program;
}

export async function runCli(argv: string[], ctx: Context): Promise<number> {
  const held: string[] = [];
  const program = buildProgram(ctx, held);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      const hint = TYPO_CODES.has(error.code)
        ? typoHint(argv.slice(2), typedCommands())
        : MISSING_CODES.has(error.code)
          ? missingHint(argv.slice(2), typedCommands())
          : undefined;
      if (hint) ctx.stderr.write(`oncall: ${safeLine(hint)}\n`);
      else for (const text of held) ctx.stderr.write(safeBlock(text));
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
