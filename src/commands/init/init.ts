// `oncall init`: a starter config (contacts, a runbook folder) to edit before a rotation.
// YAML, never JavaScript: a config that is data cannot run code, and it is written
// 0600 so that the trust check (config/trust.ts) accepts it.
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { println } from '../../infra/console/output.js';
import { writeFileAtomic } from '../../infra/store/atomic.js';
import { configHome } from '../../infra/store/paths.js';
import type { OptionsOf } from '../definition/program.js';
import type { initCommand } from './definition.js';

const STARTER_CONFIG = `# oncall configuration. \`oncall config\` shows what is in force.
# Runbook folders, relative to this file. The bundled examples are always available too.
runbooks:
  - ./runbooks

# Who can be escalated to or handed the incident: \`oncall escalate --to alice\`.
# \`reach\` in words is shown to the reader; as a list it names channels (below)
# that escalations and handoffs are delivered through, e.g. reach: [pager, chat].
contacts:
  alice:
    name: Alice Example
    role: Primary on-call, platform
    phone: "+1 555 0100"
    email: alice@example.com
    chat: "@alice"
    # slack: U0123ABCD   # Slack member id (profile → ⋮ → Copy member ID): posts for alice mention her
    reach: page, then phone
    # reach: [pager, chat]
  bob:
    name: Bob Example
    role: Database owner
    email: bob@example.com
    chat: "@bob"
    reach: chat, then phone

# Channels: how oncall reaches people through the tools you already run.
# Secrets never go in this file: each channel names the environment variable
# that holds its key or URL (or <NAME>_FILE, a file holding it).
# \`oncall doctor\` checks them; \`oncall doctor --send-test pager\` sends a test.
# channels:
#   pager: { type: pagerduty, routingKeyEnv: PD_ROUTING_KEY }   # Events API v2 integration key
#   chat:  { type: slack, urlEnv: SLACK_WEBHOOK_URL }            # Slack incoming webhook
#   teams: { type: teams, urlEnv: TEAMS_WEBHOOK_URL }            # Teams Workflows webhook
#   hook:  { type: webhook, urlEnv: INCIDENT_HOOK_URL, headersEnv: { Authorization: HOOK_AUTH } }
#   sms:   { type: command, argv: [./bin/send-sms, "+15550100"] } # text on stdin, facts in ONCALL_* env
# Where \`oncall update\` and \`oncall start --announce\` post:
# updates: [chat]
# A severity change, mitigate and resolve post a short update there too; turn any off:
# autoUpdates: { sev: true, mitigate: true, resolve: true }

# Status-update cadence in minutes per severity (null: none). Defaults shown.
severities:
  SEV1: { updateEveryMinutes: 15 }
  SEV2: { updateEveryMinutes: 30 }
  SEV3: { updateEveryMinutes: 60 }
  SEV4: { updateEveryMinutes: null }

# Links every escalation should carry.
links:
  dashboard: https://grafana.example.com/d/service-overview
  status page: https://status.example.com

# Extra patterns to redact from what is recorded, on top of the built-in ones
# (JavaScript regular expressions; a named group \`secret\` redacts just that part,
# e.g. 'pin=(?<secret>\\d+)'). Each runs with a time limit; \`oncall doctor\` flags
# one that backtracks.
redact: []
`;

type InitOptions = OptionsOf<typeof initCommand>;

export async function init(ctx: Context, options: InitOptions): Promise<void> {
  const dir = options.user ? configHome(ctx.env) : ctx.cwd;
  const file = join(dir, options.user ? 'config.yaml' : 'oncall.config.yaml');
  if (existsSync(file) && !options.force) {
    throw new UsageError(`${file} already exists. Edit it, or pass --force to replace it.`);
  }
  mkdirSync(dir, { recursive: true });
  // Written beside and renamed over: a full disk leaves no empty config behind
  // (the next `oncall init` would call it existing), and --force gets a new
  // file with the user-only mode rather than the old file's.
  writeFileAtomic(file, STARTER_CONFIG, 0o600);
  const runbooks = join(dir, 'runbooks');
  mkdirSync(runbooks, { recursive: true });
  println(ctx, `Wrote ${file}`);
  println(
    ctx,
    `Runbook folder: ${relative(ctx.cwd, runbooks) || '.'}/ (add Markdown runbooks there; \`oncall runbook new <name>\` writes a starter)`,
  );
  println(ctx, 'Next: put your real contacts in it, then `oncall config` to check.');
}
