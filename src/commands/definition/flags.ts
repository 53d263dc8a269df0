// Flags several commands take, worded once: the same flag reads the same in
// every command's help, and parses the same way.
import { parseSeverity, SEVERITIES } from '../../domain/incident/severity.js';
import type { BooleanFlag, StringFlag } from './define.js';

/** `--sev <level>`: SEV1..SEV4, however it is typed (`2`, `sev2`). */
export const SEV_FLAG = {
  type: 'string',
  value: 'level',
  description: 'severity',
  choices: SEVERITIES,
  parse: parseSeverity,
} as const satisfies StringFlag;

/** `--to <who>`: a person from the config's contacts. */
export const CONTACT_FLAG = {
  type: 'string',
  value: 'who',
  description: 'contact key or name from config (see `oncall contacts`)',
} as const satisfies StringFlag;

/** `--template <file>`: a text rendered with the team's own template. */
export const TEMPLATE_FLAG = {
  type: 'string',
  value: 'file',
  description: 'render with this template instead',
} as const satisfies StringFlag;

/** `--dry-run` of a command that delivers: the requests shown, nothing recorded or sent. */
export const DELIVERY_DRY_RUN_FLAG = {
  type: 'boolean',
  description: 'print each request it would make (secrets masked); record and send nothing',
} as const satisfies BooleanFlag;
