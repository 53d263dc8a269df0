// What a line of an untagged block is when it is not a command. The rule
// (documented in examples/runbooks/README.md): every statement of a block
// offered to run starts with a command name, as the shell parser reads it: a
// shell keyword or builtin, an assignment, a path (`./x`, `/x`, `~/x`), a
// variable (`$KUBECTL`), a known program, or a lower-case program-like word
// without a `:`. Before that, the shapes teams paste into untagged blocks are
// named, so lint can say what the block was read as: ssh_config, HCL, ini,
// `key = value` settings, a Dockerfile, SQL, PromQL, a console request
// (`GET /_cat/indices`), a key map, a URL, prose.

import { withoutHeredocBodies } from './heredocs.js';
import { isKnownProgram } from './programs.js';
import { hasError, parseShell, type ShNode, statementsOf } from './shell.js';

const SHAPES: [RegExp, string][] = [
  [
    /^(?:<[\w-]+>|(?:ctrl|control|alt|option|opt|shift|cmd|command|meta|super|win)[-+]\S+|\^[A-Z\]\\[]|[\u2318\u2325\u21E7\u2303]\S*|[CM]-\S)(?: \S{1,5})?(?:\s{2,}\S.*)?$/i,
    'a key map',
  ],
  [/^(?:GET|PUT|POST|DELETE|HEAD|PATCH)\s+\/\S*/, 'a console request (HTTP, not a shell command)'],
  [/^(?:Host|Match)\s+\S/, 'ssh_config'],
  [
    /^(?:resource|data|module|variable|provider|output|locals|terraform|backend)\b[^\n]*\{\s*(?:\n|$)/,
    'HCL (Terraform)',
  ],
  [/^\[[\w"'][\w .:"'/-]*\]\s*(?:\n|$)/, 'an ini or TOML section'],
  [/^[\w.-]+\s+[:+]?=\s/, 'a setting (key = value)'],
  [
    /^(?:select|insert|update|delete|drop|alter|create|grant|revoke|truncate|begin|commit|rollback|with|explain|vacuum|analyze|reindex|set|show|use|describe|copy|call)\s+[^-\s][\s\S]*;\s*$/i,
    'SQL',
  ],
  [
    /^(?:sum|avg|min|max|count|rate|irate|increase|delta|deriv|topk|bottomk|absent|histogram_quantile|label_replace|predict_linear|quantile_over_time|avg_over_time|max_over_time)\s*(?:by|without)?\s*\(/,
    'PromQL',
  ],
  [/^[a-z_][\w:]*(?:\{[^}\n]*=[^}\n]*\}|\[\d+[smhdw]\])/, 'PromQL or LogQL'],
  [/^[a-z][\w+.-]*:\/\//i, 'a URL'],
  [
    /^(?:fields|filter|stats|parse|sort|display)\s[^\n]*@(?:timestamp|message|logStream|log)\b/,
    'a log search (CloudWatch Logs Insights)',
  ],
  [/^(?:FROM|RUN|ENV|COPY|ADD|CMD|ENTRYPOINT|WORKDIR|EXPOSE|ARG|LABEL|VOLUME)\s/, 'a Dockerfile'],
];

/** Nodes whose first word is not a command name to check: keywords, groups, assignments. */
const SHELL_SYNTAX = new Set([
  'subshell',
  'compound_statement',
  'if_statement',
  'while_statement',
  'for_statement',
  'c_style_for_statement',
  'case_statement',
  'function_definition',
  'variable_assignment',
  'variable_assignments',
  'declaration_command',
  'unset_command',
  'test_command',
]);

/** The first command name of a statement, or undefined when it starts with shell syntax. */
function firstCommandName(node: ShNode, text: string): string | undefined {
  if (SHELL_SYNTAX.has(node.type)) return undefined;
  if (node.type === 'command') {
    const name = node.children.find((c) => c.field === 'name');
    return name ? text.slice(name.start, name.end) : undefined;
  }
  const first = node.children.find((c) => c.named && c.type !== 'comment');
  return first ? firstCommandName(first, text) : undefined;
}

const PROGRAM_LIKE = /^[a-z_][\w.+@-]*$/;

function nameProblem(name: string, whole: string): string | undefined {
  const path = /^(?:~|\.{1,2})?\/[\w.+-][\w./+-]*$/.test(name);
  if (path || /^[$"']/.test(name) || /^\[\[?$/.test(name) || isKnownProgram(name)) return undefined;
  // A program by a relative path: bin/setup, script/deploy.
  if (PROGRAM_LIKE.test(name) || /^[\w.-]+(?:\/[\w.+-]+)+$/.test(name)) return undefined;
  if (/^[A-Z]/.test(name)) {
    return /[.:,;!?]\s|[.!?]$/.test(whole) || whole.split(/\s+/).length > 3
      ? 'prose'
      : 'text (a capitalised word, not a program)';
  }
  if (name.includes(':')) return '`key: value` lines';
  return `text (\`${name}\` is not a command name)`;
}

/**
 * A log search (`index=prod sourcetype=nginx status>=500 | stats count by
 * host`): lower-case `key=value` terms, then no program but a comparison or a
 * pipe into a word no shell has. `ns=web ./deploy.sh` and `ns=web pod=api`
 * stay shell.
 */
function isLogSearch(t: string): boolean {
  const m = /^(?:[a-z_][\w.]*!?=(?!["'])\S+\s+)+(\S+)(.*)$/.exec(t);
  if (!m) return false;
  const [, word = '', rest = ''] = m;
  if (/^[a-z_]\w*=/.test(word) || /^[./~$"']/.test(word) || isKnownProgram(word)) return false;
  const piped = /\|\s*([a-z]\w*)/.exec(rest)?.[1];
  return /[<>!]=?|=/.test(word) || (piped !== undefined && !isKnownProgram(piped));
}

/**
 * What the statement is instead of a command ("SQL", "a key map"…), or
 * undefined when it reads as a command. `masked` is the same text with its
 * placeholders masked (placeholders.ts), so the parser sees plain words.
 */
export function notACommand(text: string, masked: string): string | undefined {
  const t = text.trim();
  for (const [pattern, what] of SHAPES) if (pattern.test(t)) return what;
  if (isLogSearch(masked.trim())) return 'a log search (Splunk, not a shell command)';
  const m = masked.trim();
  // `> x` or `< x` first (a placeholder like `<cli> …` is masked by then): a quote or a prompt.
  if (/^[<>]/.test(m)) return 'a quoted line or the prompt of another program (`> `)';
  const root = parseShell(withoutHeredocBodies(m));
  if (hasError(root)) return 'a line the shell cannot read';
  for (const statement of statementsOf(root)) {
    const name = firstCommandName(statement, m);
    const problem = name === undefined ? undefined : nameProblem(name, m);
    if (problem) return problem;
  }
  return undefined;
}
