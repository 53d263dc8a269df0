// A command is quoted in the texts as inline code: one with backticks in it
// (`printf 'a`b'`, a fence typed in a heredoc) must stay one code span, not
// end early and leave the rest of the line (and a `<script>` it printed) read
// as Markdown. Checked on the structure markdown-it reads, in every text that
// quotes commands: escalate --long, handoff, timeline --md, the postmortem.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { oncall, wordsIncident } from '../../../helpers/in-process.js';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
const md = new MarkdownIt({ html: true });

/** Every inline token of the text, flattened. */
function inlineTokens(markdown: string): Token[] {
  return md.parse(markdown, {}).flatMap((t) => t.children ?? []);
}

const FAILING = '"`"; console.log("<script>x</script>"); process.exit(3)';
const FENCE = '"```"';

describe('commands quoted as code in Markdown', () => {
  it('a command with backticks is one code span in every text, whatever it printed', async () => {
    const box = await wordsIncident();
    await oncall(box, ['run', '--', process.execPath, '-e', FAILING]);
    await oncall(box, ['run', '--', process.execPath, '-e', FENCE]);
    const run = async (args: string[]) => {
      const r = await oncall(box, args);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const texts = {
      escalate: await run(['escalate', '--to', 'bob', '--ask', 'Look', '--long', '--no-send']),
      handoff: await run(['handoff', '--to', 'carol', '--no-send']),
      timeline: await run(['timeline', '--md']),
      postmortem: '',
    };
    const out = join(box.cwd, 'pm.md');
    await run(['postmortem', '--out', out]);
    texts.postmortem = readFileSync(out, 'utf8');
    for (const [name, text] of Object.entries(texts)) {
      const tokens = inlineTokens(text);
      const code = tokens.filter((t) => t.type === 'code_inline').map((t) => t.content);
      expect(
        code.some((c) => c.includes('-e') && c.endsWith(`'${FAILING}'`)),
        `${name}: ${code.join(' @@ ')}`,
      ).toBe(true);
      if (name !== 'handoff')
        expect(
          code.some((c) => c.endsWith(`'${FENCE}'`)),
          `${name}: ${code.join(' @@ ')}\n${text}`,
        ).toBe(true);
      expect(
        tokens.filter((t) => t.type === 'html_inline'),
        name,
      ).toEqual([]);
    }
  });
});
