// Wiring only: commander parses, and each action lazily imports its command, so
// `oncall note` loads neither prompts nor spinners nor templates.
import { Command, CommanderError, Option } from 'commander';
import { type Context, processContext } from './context.js';
import { OncallError, UsageError } from './errors.js';

type Opts = Record<string, unknown>;

/** Global options (`--incident`) merged with the command's own. */
function optionsOf(command: Command): Opts {
  return command.optsWithGlobals();
}

export function buildProgram(ctx: Context): Command {
  const program = new Command('oncall')
    .description('Walks the on-call responder through the runbook and keeps the incident log.')
    .version('0.1.0', '-V, --version')
    .option('--incident <id>', 'work on this incident instead of the active one')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .exitOverride();

  const sevOption = () =>
    new Option('--sev <level>', 'severity').choices(['SEV1', 'SEV2', 'SEV3', 'SEV4']);

  program
    .command('start')
    .description('declare an incident, record the acknowledgement, then walk the runbook')
    .argument('[runbook]', 'runbook id or file (otherwise matched by --service/--alert)')
    .option('--title <text>', 'one line: what is broken')
    .option('--service <name>', 'the affected service')
    .addOption(sevOption())
    .option('--impact <text>', 'who is affected, what they see, how many')
    .option('--started-at <time>', 'when it really began (ISO 8601 or local HH:MM)')
    .option('--detected-at <time>', 'when the alert fired (ISO 8601 or local HH:MM)')
    .option('--alert <name>', 'the alert that fired; also used to find the runbook')
    .option('--runbook <id|file|none>', 'the runbook to walk, or "none"')
    .option('--no-input', 'never prompt; fail naming any missing flag')
    .option('--no-walk', 'record the incident only; walk the runbook later with `oncall resume`')
    .option('--dry-run', 'print every runbook step with its commands and run nothing')
    .action(async (runbook: string | undefined, _o, cmd: Command) => {
      const { start } = await import('./commands/start.js');
      await start(ctx, { ...optionsOf(cmd), runbookArg: runbook });
    });

  program
    .command('note')
    .description('add a timestamped note to the active incident')
    .argument('<text...>', 'what happened, what you found, what you think')
    .addOption(
      new Option('-k, --kind <kind>', 'kind of note')
        .choices(['note', 'action', 'finding', 'hypothesis', 'ruled-out', 'decision'])
        .default('note'),
    )
    .option('--action', 'shorthand for --kind action')
    .option('--finding', 'shorthand for --kind finding')
    .option('--hypothesis', 'shorthand for --kind hypothesis')
    .option('--ruled-out', 'shorthand for --kind ruled-out')
    .option('--decision', 'shorthand for --kind decision')
    .option('--at <time>', 'when it happened (ISO 8601, local HH:MM, or "10m ago")')
    .action(async (text: string[], _o, cmd: Command) => {
      const { note } = await import('./commands/note.js');
      await note(ctx, { ...optionsOf(cmd), text });
    });

  program
    .command('run')
    .description('run a command, recording it, its exit code, duration and output tail')
    .argument('<command...>', 'the command and its arguments, after --')
    .option('--shell <shell>', 'run the command line through this shell (e.g. bash)')
    .action(async (argv: string[], _o, cmd: Command) => {
      const { run } = await import('./commands/run.js');
      await run(ctx, { ...optionsOf(cmd), argv });
    });

  program
    .command('status')
    .description('incident clock, severity, impact, progress, next update due, open hypotheses')
    .option('--json', 'print the incident state as JSON')
    .action(async (_o, cmd: Command) => {
      const { status } = await import('./commands/status.js');
      await status(ctx, optionsOf(cmd));
    });

  program
    .command('sev')
    .description('change severity')
    .argument('<level>', 'SEV1..SEV4 (if unsure, pick the higher one)')
    .option('--reason <text>', 'why the severity changed')
    .action(async (level: string, _o, cmd: Command) => {
      const { sev } = await import('./commands/sev.js');
      await sev(ctx, { ...optionsOf(cmd), level });
    });

  for (const milestone of ['mitigate', 'resolve'] as const) {
    program
      .command(milestone)
      .description(
        milestone === 'mitigate'
          ? 'record that impact has stopped (the fix may not be final)'
          : 'record that the incident is over',
      )
      .argument('[summary...]', 'what stopped the impact / what fixed it')
      .option('--at <time>', 'when it happened (ISO 8601, local HH:MM, or "10m ago")')
      .action(async (summary: string[], _o, cmd: Command) => {
        const { milestoneCommand } = await import('./commands/milestone.js');
        await milestoneCommand(ctx, { ...optionsOf(cmd), milestone, summary });
      });
  }

  program
    .command('timeline')
    .description('the log as a readable timeline')
    .option('--json', 'events as JSON')
    .option('--md', 'Markdown, ready to paste')
    .action(async (_o, cmd: Command) => {
      const { timeline } = await import('./commands/timeline.js');
      await timeline(ctx, optionsOf(cmd));
    });

  program
    .command('export')
    .description('the whole incident as one JSON document { incident, events }')
    .option('--json', 'JSON (the only format, and the default)')
    .action(async (_o, cmd: Command) => {
      const { exportIncident } = await import('./commands/export.js');
      await exportIncident(ctx, optionsOf(cmd));
    });

  program
    .command('list')
    .description('all incidents; the active one is marked')
    .option('--json', 'as JSON')
    .action(async (_o, cmd: Command) => {
      const { list } = await import('./commands/list.js');
      await list(ctx, optionsOf(cmd));
    });

  program
    .command('use')
    .description('make an incident the active one')
    .argument('<id>', 'incident id (or an unambiguous part of it)')
    .action(async (id: string, _o, cmd: Command) => {
      const { use } = await import('./commands/use.js');
      await use(ctx, { ...optionsOf(cmd), id });
    });

  program
    .command('init')
    .description('write a starter config with contacts and a runbook folder')
    .option('--force', 'overwrite an existing config file')
    .option('--user', 'write the user config (~/.config/oncall) instead of ./oncall.config.yaml')
    .action(async (_o, cmd: Command) => {
      const { init } = await import('./commands/init.js');
      await init(ctx, optionsOf(cmd));
    });

  program
    .command('doctor')
    .description('check readiness before a rotation: config, contacts, runbooks, commands on PATH')
    .option('--json', 'as JSON')
    .action(async (_o, cmd: Command) => {
      const { doctor } = await import('./commands/doctor.js');
      await doctor(ctx, optionsOf(cmd));
    });

  program
    .command('config')
    .description('the resolved config and the files it came from')
    .option('--json', 'as JSON')
    .action(async (_o, cmd: Command) => {
      const { showConfig } = await import('./commands/config.js');
      await showConfig(ctx, optionsOf(cmd));
    });

  // ── runbook walk-through (issue 3) ── registered below this line ──
  const runbook = program
    .command('runbook')
    .description('list, show and lint runbooks; write a new one');
  runbook
    .command('list')
    .description('runbooks from the configured folders, then the bundled examples')
    .option('--json', 'as JSON')
    .action(async (_o, cmd: Command) => {
      const { runbookList } = await import('./commands/runbook.js');
      await runbookList(ctx, optionsOf(cmd));
    });
  runbook
    .command('show')
    .description('a runbook as numbered steps with their kinds and commands')
    .argument('<runbook>', 'runbook id or file')
    .action(async (name: string, _o, cmd: Command) => {
      const { runbookShow } = await import('./commands/runbook.js');
      await runbookShow(ctx, { ...optionsOf(cmd), name });
    });
  runbook
    .command('lint')
    .description('check runbooks; file:line for each problem, exit 2 on errors')
    .argument('[files...]', 'runbook files or folders (default: every runbook found)')
    .action(async (files: string[], _o, cmd: Command) => {
      const { runbookLint } = await import('./commands/runbook.js');
      await runbookLint(ctx, { ...optionsOf(cmd), files });
    });
  runbook
    .command('new')
    .description('write a starter runbook <name>.md showing every step kind')
    .argument('<name>', 'file name without .md, e.g. queue-backlog')
    .action(async (name: string, _o, cmd: Command) => {
      const { runbookNew } = await import('./commands/runbook.js');
      await runbookNew(ctx, { ...optionsOf(cmd), name });
    });
  program
    .command('resume')
    .description('continue the runbook walk-through exactly where it stopped')
    .action(async (_o, cmd: Command) => {
      const { resume } = await import('./commands/resume.js');
      await resume(ctx, optionsOf(cmd));
    });

  program
    .command('drill')
    .description('practice a runbook (table-top): nothing is executed, events are marked drill')
    .argument('<runbook>', 'runbook id or file')
    .option('--dry-run', 'print every step with its commands and run nothing')
    .option('--title <text>', 'title of the drill incident')
    .addOption(sevOption())
    .option('--no-input', 'never prompt (a drill then needs --dry-run)')
    .action(async (runbook: string, _o, cmd: Command) => {
      const { drill } = await import('./commands/drill.js');
      await drill(ctx, { ...optionsOf(cmd), runbook });
    });
  // ── words from the log (issue 4) ── registered below this line ──
  program
    .command('contacts')
    .description('who can be escalated to or handed the incident, and how to reach them')
    .option('--json', 'as JSON')
    .action(async (_o, cmd: Command) => {
      const { contacts } = await import('./commands/contacts.js');
      await contacts(ctx, optionsOf(cmd));
    });

  program
    .command('update')
    .description('record a stakeholder status update and print it, ready to paste')
    .argument('<text...>', 'what is being done now, in one or two short sentences')
    .option('--channel <name>', 'where it was posted (e.g. #incidents)')
    .action(async (text: string[], _o, cmd: Command) => {
      const { update } = await import('./commands/update.js');
      await update(ctx, { ...optionsOf(cmd), text });
    });

  program
    .command('escalate')
    .description('escalation summary for one named person, with the ask; recorded and printed')
    .option('--to <who>', 'contact key or name from config (see `oncall contacts`)')
    .option('--ask <text>', 'what exactly you need from them')
    .option('--by <time>', 'by when you need it')
    .option('--long', 'everything, not just one phone screen')
    .option('--out <file>', 'also write the summary to this file')
    .option('--template <file>', 'render with this template instead')
    .action(async (_o, cmd: Command) => {
      const { escalate } = await import('./commands/escalate.js');
      await escalate(ctx, optionsOf(cmd));
    });

  program
    .command('handoff')
    .description(
      'hand the incident to the next commander: the summary, what is unresolved, open tasks',
    )
    .option('--to <who>', 'contact key or name from config (see `oncall contacts`)')
    .option('--note <text>', 'anything the next commander should hear from you')
    .option('--out <file>', 'also write the handoff to this file')
    .option('--template <file>', 'render with this template instead')
    .action(async (_o, cmd: Command) => {
      const { handoff } = await import('./commands/handoff.js');
      await handoff(ctx, optionsOf(cmd));
    });

  program
    .command('postmortem')
    .description('write a blameless postmortem draft from the log')
    .option('--out <file>', 'where to write it (default: the incident folder)')
    .option('--template <file>', 'render with this template instead')
    .option('--force', 'overwrite a draft that was edited since it was generated')
    .action(async (_o, cmd: Command) => {
      const { postmortem } = await import('./commands/postmortem.js');
      await postmortem(ctx, optionsOf(cmd));
    });

  // Bare `oncall`: the active incident's status, or how to begin.
  program
    .usage('[options] [command]')
    .argument('[command]')
    .action(async (unknown: string | undefined) => {
      if (unknown !== undefined) {
        const { editDistance } = await import('./services/contacts.js');
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
      if (error.message) ctx.stderr.write(`oncall: ${error.message}\n`);
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
