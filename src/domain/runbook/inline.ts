// Commands written inline in a step's text: "Check the events with
// `kubectl -n $NAMESPACE describe pod $POD`". The rule (documented in
// examples/runbooks/README.md): an inline code span is offered as a command
// when it reads as a command line (the first word a program runbooks run or a
// path to one, then its arguments: `oc logs` alone names a command, `oc logs
// web-1` or `top -H` is one; complete, nothing elided with `...`, and nothing
// else by the rules of not-command.ts) and it stands where an instruction does: in a list item, or
// in a sentence that says to run, check, use, try… it (or right after a colon).
// Never from a heading, a table or a link's text; a span the step also has in a
// code block is offered once, from the block.
import { notACommand } from './not-command.js';
import { maskPlaceholders } from './placeholders.js';
import { isKnownProgram } from './programs.js';
import type { Token } from './sections.js';
import { wantsMore } from './shell.js';

export interface InlineCommand {
  script: string;
  /** 0-based line the span is on. */
  line: number;
  /** 0-based line after the paragraph it is in: its lead-in ends there. */
  end: number;
}

const CUE =
  /\b(?:run|running|execute|executing|check|checking|use|using|via|with|type|try|enter|issue|invoke|call|command|see|view|look|inspect|confirm|verify|list|restart|delete|scale|drain|describe|watch|find|query|then|do)\b|:\s*$/i;

/** Right after "run" or "execute": a span there is to be run, whatever its program ("link type `x`" is a name). */
const RUN_CUE = /\b(?:run|running|execute|executing)(?: the(?: following)?(?: command)?)?:?\s*$/i;

/**
 * A span that reads as a command line someone would type. `named`: right after
 * "run" a program oncall does not know counts too (`Run \`rabbitmqctl
 * list_queues name\``), when it is written like one (lower-case, no `:`), and
 * so does a program and one word; `alone`: the span is its paragraph or list
 * item (`4. \`terraform init\``), which says to run it too.
 */
function readsAsCommandLine(text: string, named: boolean, alone: boolean): boolean {
  const t = text.trim();
  const words = t.split(/\s+/);
  const [first = '', second = ''] = words;
  if (words.length < 2 || t.includes('\n') || /\.\.\.|\u2026/.test(t)) return false;
  // `oc logs`, `kubectl apply/create/delete`: naming a command, not one to run,
  // unless it is what to run ("Run `bundle install`", a list item `terraform init` alone).
  if (
    words.length === 2 &&
    (/^[a-z]+(?:\/[a-z]+)+$/.test(second) || (!named && !alone && !/[-/.=$<:{\d]/.test(second)))
  )
    return false;
  const program =
    isKnownProgram(first) ||
    // A path to a program: `./x`, `~/x`, `/usr/bin/x`; not `/feed`, a chat's command.
    /^(?:\.{1,2}\/|~\/|\/[\w.-]+\/)[\w./-]+$/.test(first) ||
    (named && /^[a-z][a-z0-9_.-]*[a-z0-9]$/.test(first));
  if (!program) return false;
  const { masked } = maskPlaceholders(t);
  return !wantsMore(masked) && notACommand(t, masked) === undefined;
}

/** The text of an inline token up to the code span at `index`, as plain words. */
function textBefore(children: Token[], index: number): string {
  return children
    .slice(0, index)
    .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : ' '))
    .join('');
}

function lineOf(script: string, map: [number, number], lines: string[]): number {
  for (let i = map[0]; i < map[1]; i++) if (lines[i]?.includes(`\`${script}`)) return i;
  return map[0];
}

/** The commands written inline in a section's paragraphs and list items, in order. */
export function inlineCommandsOf(tokens: Token[], lines: string[]): InlineCommand[] {
  const found: InlineCommand[] = [];
  let tables = 0;
  let lists = 0;
  tokens.forEach((t, i) => {
    if (t.type === 'table_open') tables++;
    if (t.type === 'table_close') tables--;
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') lists++;
    if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') lists--;
    const paragraph = tokens[i - 1];
    if (t.type !== 'inline' || tables || paragraph?.type !== 'paragraph_open' || !paragraph.map)
      return;
    const map = paragraph.map as [number, number];
    const children = t.children ?? [];
    let links = 0;
    children.forEach((c, k) => {
      if (c.type === 'link_open') links++;
      if (c.type === 'link_close') links--;
      if (c.type !== 'code_inline' || links) return;
      const before = textBefore(children, k);
      const alone = children.every((o) => o === c || (o.type === 'text' && !o.content.trim()));
      if (!readsAsCommandLine(c.content, RUN_CUE.test(before), alone)) return;
      if (!lists && !alone && !CUE.test(before)) return;
      found.push({ script: c.content.trim(), line: lineOf(c.content, map, lines), end: map[1] });
    });
  });
  return found;
}
