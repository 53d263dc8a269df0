// `oncall doctor`: readiness before a rotation, checked now rather than found
// out at 2am. Each check is one line: ok, a warning, or a problem with its fix.
// Exit 1 when anything would break a walk, an escalation or a delivery
// (not ready); warnings exit 0; bad usage (an unknown --send-test channel) 2.
import { accessSync, constants, existsSync, readFileSync, statfsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { actorOf, type Context } from '../../context.js';
import type { ChannelConfig, ResolvedConfig } from '../../domain/config/schema.js';
import { reachChannels } from '../../domain/contacts/contacts.js';
import { safeLine } from '../../domain/text/terminal-safe.js';
import { OncallError, UsageError } from '../../errors.js';
import { loadConfig } from '../../infra/config/load.js';
import { printJson, println, warn } from '../../infra/console/output.js';
import { diskError, isErrno } from '../../infra/store/disk-error.js';
import { ensureDir } from '../../infra/store/incidents.js';
import { activeFile, dataHome, incidentsDir } from '../../infra/store/paths.js';
import { askConfirm } from '../../terminal/ui/prompts.js';
import { deliveryFailures } from '../../use-cases/delivery/failures.js';
import {
  deliveryFindings,
  type Finding,
  type FindingLevel,
  failFinding,
  isExecutable,
  okFinding,
  warnFinding,
} from '../../use-cases/delivery/readiness.js';
import { intakeFindings } from '../../use-cases/intake/readiness.js';
import type { OptionsOf } from '../definition/program.js';
import type { doctorCommand } from './definition.js';

/** What every command trips over inside the data folder: a file where a folder should be, or the reverse. */
function misplacedInHome(home: string): string | undefined {
  const expected: [string, boolean][] = [
    [incidentsDir(home), true],
    [activeFile(home), false],
  ];
  for (const [path, folder] of expected) {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      continue; // not there yet: made when needed
    }
    if (isFolder !== folder) {
      const [what, should] = folder ? ['a file', 'a folder'] : ['a folder', 'a file'];
      return `${path} is ${what} where ${should} should be. Move it away, or set ONCALL_HOME to another folder.`;
    }
  }
  return undefined;
}

function checkData(env: NodeJS.ProcessEnv): Finding[] {
  const home = dataHome(env);
  try {
    ensureDir(home);
    accessSync(home, constants.W_OK);
  } catch (error) {
    // ensureDir words its own failure (a file in the way, a read-only disk...).
    if (error instanceof OncallError) return [failFinding(`data folder: ${error.message}`)];
    if (isErrno(error)) return [failFinding(`data folder: ${diskError(home, error).message}`)];
    throw error;
  }
  const misplaced = misplacedInHome(home);
  if (misplaced) return [failFinding(`data folder: ${misplaced}`)];
  const { bavail, bsize } = statfsSync(home);
  const freeMb = Math.floor((bavail * bsize) / 1024 / 1024);
  return [
    freeMb < 100
      ? warnFinding(`data folder ${home}: only ${freeMb} MB free; a full disk stops the log`)
      : okFinding(`data folder ${home} is writable (${freeMb} MB free)`),
  ];
}

function checkContacts(config: ResolvedConfig): Finding[] {
  const contacts = Object.entries(config.contacts);
  if (contacts.length === 0) {
    return [
      failFinding(
        'no contacts: add the people you escalate to under `contacts:` (`oncall init` writes a starter)',
      ),
    ];
  }
  const unreachable = contacts.filter(
    ([, c]) => !c.phone && !c.email && !c.chat && !reachChannels(c).length,
  );
  return [
    okFinding(`${contacts.length} contacts: ${contacts.map(([key]) => key).join(', ')}`),
    ...unreachable.map(([key]) =>
      warnFinding(
        `contact ${key} has no channel, phone, email or chat: how would you reach them at 2am?`,
      ),
    ),
  ];
}

async function checkRunbooks(config: ResolvedConfig, env: NodeJS.ProcessEnv): Promise<Finding[]> {
  const { discoverRunbooks } = await import('../../infra/runbooks/find.js');
  const { parseRunbook } = await import('../../domain/runbook/parse.js');
  const checks: Finding[] = [];
  for (const dir of config.runbookDirs) {
    if (!existsSync(dir)) checks.push(warnFinding(`runbook folder ${dir} does not exist`));
  }
  const { entries } = discoverRunbooks(config);
  const missingCommands = new Map<string, string[]>();
  for (const entry of entries) {
    const { runbook, problems } = parseRunbook(readFileSync(entry.file, 'utf8'), entry.file);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) {
      const first = errors[0];
      checks.push(
        failFinding(
          `runbook ${entry.id}: ${errors.length} error(s), first ${first?.file}:${first?.line}: ${first?.message}; see \`oncall runbook lint\``,
        ),
      );
      continue;
    }
    const named = [
      ...runbook.contacts,
      ...runbook.steps.flatMap((s) => (s.kind === 'escalate' ? [s.to] : [])),
    ];
    for (const key of new Set(named)) {
      if (config.contacts[key]) continue;
      // The bundled examples name example people: worth knowing, not a blocker.
      const say = entry.source === 'bundled' ? warnFinding : failFinding;
      checks.push(say(`runbook ${entry.id} names contact "${key}", who is not in your contacts`));
    }
    for (const step of runbook.steps) {
      const specs =
        step.kind === 'check' || step.kind === 'run'
          ? [step.command]
          : step.kind === 'manual'
            ? step.commands
            : step.kind === 'wait' && step.until
              ? [step.until]
              : [];
      for (const spec of specs) {
        const program = spec.shell ?? spec.argv[0];
        if (!program || program.includes('{{') || (isAbsolute(program) && existsSync(program)))
          continue;
        if (!isExecutable(program, env))
          missingCommands.set(program, [
            ...(missingCommands.get(program) ?? []),
            `${entry.id}#${step.id}`,
          ]);
      }
    }
  }
  checks.unshift(
    okFinding(
      `${entries.length} runbooks found (${config.runbookDirs.length} configured folders, plus the bundled examples)`,
    ),
  );
  for (const [program, where] of missingCommands) {
    checks.push(
      warnFinding(
        `\`${program}\` is not on PATH (used by ${where.slice(0, 3).join(', ')}${where.length > 3 ? ', …' : ''})`,
      ),
    );
  }
  return checks;
}

async function checkTemplates(config: ResolvedConfig): Promise<Finding[]> {
  const configured = Object.entries(config.templates).filter(([, file]) => file);
  if (configured.length === 0) return [okFinding('templates: the bundled defaults')];
  const { default: Handlebars } = await import('handlebars');
  const { templateOptions } = await import('../../infra/templates/templates.js');
  return configured.map(([name, file]) => {
    try {
      // Compiled as a render compiles it: a helper that does not exist is caught here.
      Handlebars.precompile(readFileSync(file as string, 'utf8'), templateOptions());
      return okFinding(`template ${name}: ${file}`);
    } catch (error) {
      const first = (error as Error).message.split('\n')[0];
      return failFinding(`template ${name}: ${file}: ${first}`);
    }
  });
}

/** Config patterns compile (load checked that) and do not backtrack catastrophically. */
async function checkRedaction(config: ResolvedConfig): Promise<Finding[]> {
  const { GITLEAKS_RULE_COUNT } = await import('../../domain/redact/gitleaks.js');
  const { slowProbe } = await import('../../domain/redact/timed-patterns.js');
  const checks = [
    okFinding(
      `redaction: built-in forms, ${GITLEAKS_RULE_COUNT} gitleaks rules, ${config.redact.length} pattern(s) from config`,
    ),
  ];
  for (const pattern of config.redact) {
    const probe = slowProbe(pattern);
    if (probe) {
      checks.push(
        failFinding(
          `redact pattern ${JSON.stringify(pattern)} backtracks: it ran over 100 ms on ${probe}; \`oncall run\` would withhold the output it should redact. Rewrite it without nested repetition like (a+)+`,
        ),
      );
    }
  }
  return checks;
}

/** git is needed to share incidents; with `share:` set, the remote must answer. */
async function checkShare(config: ResolvedConfig, ctx: Context): Promise<Finding[]> {
  const { gitVersion } = await import('../../infra/share/git.js');
  const version = await gitVersion(ctx.env);
  if (!config.share) {
    return [
      version
        ? okFinding(`git ${version} (used only to share incidents: set share.remote to share them)`)
        : warnFinding('git not found: needed only to share incidents with the team (share.remote)'),
    ];
  }
  if (!version) {
    return [failFinding('git not found: share.remote is set, and sharing runs git. Install git.')];
  }
  const { checkRemote } = await import('../../infra/share/remote.js');
  const { probeRemote } = await import('../../infra/share/listing.js');
  let remote: string;
  try {
    remote = checkRemote(config.share.remote, config.share.baseDir);
  } catch (error) {
    return [okFinding(`git ${version}`), failFinding((error as Error).message)];
  }
  const problem = await probeRemote(remote, ctx.env, ctx.cwd);
  return [
    okFinding(`git ${version}`),
    problem ? failFinding(`share: ${problem}`) : okFinding(`share: ${remote} is reachable`),
    ...(await checkSigning(config, ctx)),
  ];
}

/**
 * With share.signing set: the allowed signers list you, your key is there, and
 * a test signature of yours verifies as a peer would check it.
 */
async function checkSigning(config: ResolvedConfig, ctx: Context): Promise<Finding[]> {
  const { signingOf, signingProblems, signingRoundTrip } = await import(
    '../../infra/share/signing.js'
  );
  const signing = signingOf(config);
  if (!signing) {
    return [
      okFinding(
        "share: events are not signed (a peer's file can claim any name; set share.signing to have authorship checked)",
      ),
    ];
  }
  const actor = actorOf(ctx.env);
  const problems = signingProblems(signing, actor);
  const failed = problems.length ? undefined : await signingRoundTrip(signing, actor, ctx.env);
  if (failed) problems.push(failed);
  if (problems.length) return problems.map((p) => failFinding(`share signing: ${p}`));
  return [
    okFinding(
      `share signing (${signing.format}): your commits are signed and verify as ${actor}${signing.allowedSigners ? ` against ${signing.allowedSigners}` : ''}`,
    ),
  ];
}

type DoctorOptions = OptionsOf<typeof doctorCommand>;

export async function doctor(ctx: Context, options: DoctorOptions): Promise<void> {
  let config: ResolvedConfig;
  const checks: Finding[] = [];
  try {
    config = await loadConfig(ctx.cwd, ctx.env);
    checks.push(
      okFinding(
        config.sources.length
          ? `config: ${config.sources.join(', ')}`
          : 'config: none found, zero-config defaults (`oncall init` writes one)',
      ),
    );
  } catch (error) {
    throw error instanceof OncallError ? error : new OncallError(String(error));
  }
  // Asked first: a refusal is said before the checks, not after them.
  const sendTest =
    options.sendTest === undefined ? undefined : await sendTestChannel(ctx, config, options);
  checks.push(...checkData(ctx.env));
  checks.push(...checkContacts(config));
  checks.push(...(await checkRunbooks(config, ctx.env)));
  checks.push(...(await checkTemplates(config)));
  checks.push(...(await checkRedaction(config)));
  checks.push(...(await checkShare(config, ctx)));
  checks.push(...deliveryFindings(config, ctx.env));
  checks.push(...(await intakeFindings(ctx, config)));
  checks.push(...deliveryFailures(ctx));
  if (sendTest) checks.push(await sendTestCheck(ctx, sendTest));
  else if (options.sendTest !== undefined)
    checks.push(warnFinding(`send-test ${options.sendTest}: not sent (you said no)`));

  const failed = checks.filter((c) => c.verdict === 'fail').length;
  if (options.json) printJson(ctx, { ready: failed === 0, checks });
  else {
    const mark: Record<FindingLevel, string> = { ok: '✓', warn: '!', fail: '✗' };
    for (const c of checks) println(ctx, `${mark[c.verdict]} ${safeLine(c.what)}`);
    println(
      ctx,
      failed ? `${failed} problem(s) to fix before your rotation.` : 'Ready for the rotation.',
    );
  }
  if (failed) throw new OncallError('', 1);
}

/**
 * The channel `--send-test` names. A PagerDuty test is a real alert: said
 * before it is sent, and confirmed on a terminal (`--yes` to skip the
 * question; without a terminal it is required). Undefined: declined.
 */
async function sendTestChannel(
  ctx: Context,
  config: ResolvedConfig,
  options: DoctorOptions,
): Promise<{ name: string; channel: ChannelConfig } | undefined> {
  const name = options.sendTest as string;
  const channel = config.channels[name];
  if (!channel) {
    const known = Object.keys(config.channels);
    throw new UsageError(
      `--send-test ${name}: no such channel.${known.length ? ` Known: ${known.join(', ')}.` : ' No channels in config yet.'}`,
    );
  }
  if (channel.type !== 'pagerduty') return { name, channel };
  warn(
    ctx,
    `--send-test ${name} triggers a real PagerDuty alert (severity info) on the service behind ${channel.routingKeyEnv}, resolved at once; on a high-urgency service it can still notify whoever is on call.`,
  );
  if (options.yes) return { name, channel };
  if (!ctx.interactive) {
    throw new UsageError(
      `--send-test ${name} pages for real; no terminal to confirm on. Pass --yes to send it anyway.`,
    );
  }
  const go = await askConfirm(ctx, { flag: '--yes', message: 'Trigger the test alert now?' });
  return go ? { name, channel } : undefined;
}

async function sendTestCheck(
  ctx: Context,
  test: { name: string; channel: ChannelConfig },
): Promise<Finding> {
  const { sendTest } = await import('../../use-cases/delivery/send-test.js');
  return sendTest(test.name, test.channel, ctx, actorOf(ctx.env));
}
