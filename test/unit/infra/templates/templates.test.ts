import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/errors.js';
import {
  defaultTemplatePath,
  loadTemplate,
  packageRoot,
  renderNamed,
  renderPieces,
  renderTemplate,
  templatePath,
} from '../../../../src/infra/templates/templates.js';
import { ROOT } from '../../../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'oncall-templates-'));
function templateFile(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

async function failure(promise: Promise<unknown>): Promise<UsageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe('template loading', () => {
  it('finds the default templates in the package root', () => {
    expect(packageRoot()).toBe(ROOT);
    expect(defaultTemplatePath('postmortem')).toBe(
      join(packageRoot(), 'templates', 'postmortem.md.hbs'),
    );
  });

  it('prefers --template over config over the default', () => {
    const config = { templates: { handoff: '/team/handoff.hbs' } };
    expect(templatePath('handoff', config, '/tmp/mine.hbs')).toBe('/tmp/mine.hbs');
    expect(templatePath('handoff', config)).toBe('/team/handoff.hbs');
    expect(templatePath('update', config)).toBe(defaultTemplatePath('update'));
  });

  it('a missing template file is a usage error naming the file and where it was set', () => {
    const error = (() => {
      try {
        loadTemplate('/nope/postmortem.hbs', 'templates.postmortem in config');
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toContain('/nope/postmortem.hbs');
    expect(error?.message).toContain('templates.postmortem in config');
  });
});

describe('renderTemplate', () => {
  it('renders Markdown, not HTML-escaped: a field only has what would be a tag escaped; time helpers in the given zone', async () => {
    const t = loadTemplate(
      templateFile(
        'ok.hbs',
        '**{{title}}** <{{url}}>\n{{fmtTime at}} / {{fmtUtc at}} / {{fmtDuration ms}}\n',
      ),
    );
    const text = await renderTemplate(
      t,
      {
        title: 'R&D <down>',
        url: 'https://x.example/?a=1&b=2',
        at: '2026-11-22T02:14:00.000Z',
        ms: 3_900_000,
      },
      'Europe/Berlin',
    );
    // `<down>` would be an HTML tag (hidden where Markdown is shown): escaped, it reads `<down>`.
    expect(text).toBe('**R&D \\<down>** <https://x.example/?a=1&b=2>\n03:14 / 02:14Z / 1h 05m\n');
  });

  it('shows control and bidi characters of any field as codes, in {{ }} and {{{ }}} alike, one line per field', async () => {
    const t = loadTemplate(
      templateFile(
        'fields.hbs',
        '# {{title}}\n{{#each rows}}\n| {{at}} | {{{text}}} |\n{{/each}}\n',
      ),
    );
    const text = await renderTemplate(
      t,
      {
        title: 'Web\x1b]52;c;ZXZpbA==\x07 down',
        rows: [
          { at: '02:14', text: 'note\nforged | row\u202e' },
          { at: '02:15', text: '\u009b2J\rok' },
        ],
      },
      'UTC',
    );
    expect(text).toBe(
      [
        '# Web\\x1b]52;c;ZXZpbA==\\x07 down',
        '| 02:14 | note ⏎ forged | row\\u202e |',
        '| 02:15 | \\x9b2J\\x0dok |',
        '',
      ].join('\n'),
    );
  });

  it('a syntax error names file and line (exit 2)', async () => {
    const file = templateFile('broken.hbs', '# Title\n\n{{#each actions}}\n- {{text}}\n{{/if}}\n');
    const error = await failure(renderTemplate(loadTemplate(file), {}, 'UTC'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(new RegExp(`^${file}:3: broken template`));
    expect(error.message).not.toContain('\n');
  });

  it('a parse error (a block closed that was never opened) names file and line', async () => {
    const file = templateFile('unopened.hbs', 'line one\nline two\n{{/each}}\n');
    const error = await failure(renderTemplate(loadTemplate(file), {}, 'UTC'));
    expect(error.message).toMatch(new RegExp(`^${file}:3: broken template: Parse error`));
  });

  it('an unknown helper is a usage error naming the file', async () => {
    const file = templateFile('helper.hbs', 'ok\n{{shout title}}\n');
    const error = await failure(renderTemplate(loadTemplate(file), { title: 'x' }, 'UTC'));
    expect(error.message).toContain(file);
    expect(error.message).toContain('no helper "shout": use fmtTime, fmtDateTime');
    expect(error.exitCode).toBe(2);
  });

  it('renderNamed uses the config template when set', async () => {
    const file = templateFile('team-update.hbs', 'TEAM {{severity}}: {{text}}\n');
    const { text, file: used } = await renderNamed(
      'update',
      { severity: 'SEV2', text: 'on it' },
      { config: { templates: { update: file } }, tz: 'UTC' },
    );
    expect(used).toBe(file);
    expect(text).toBe('TEAM SEV2: on it\n');
  });
});

describe('renderPieces (a long draft, written a piece at a time)', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      at: `0${i % 10}:00`,
      text: i % 7 === 0 ? `row ${i}\nwith\x00a NUL` : `row ${i}`,
      tags: Array.from({ length: 300 }, (_, k) => `t${k}`).slice(0, i % 2 ? 300 : 2),
    }));
  const cases: [string, string][] = [
    [
      'rows between blank runs',
      '# {{title}}\n\n\n\n{{#each rows}}\n| {{at}} | {{text}} |\n{{/each}}\n\n\n\nend\n',
    ],
    ['blank lines inside each row', '{{#each rows}}\n\n\n- {{text}}\n\n\n\n{{/each}}'],
    ['nested long lists', '{{#each rows}}{{@index}}:{{#each tags}}{{this}},{{/each}}\n{{/each}}'],
    ['trailing whitespace only', '{{title}}\n{{#each rows}}{{#if @last}}   \n\n\t{{/if}}{{/each}}'],
    ['nothing at all', '{{#each none}}x{{/each}}'],
    ['an else branch', '{{#each none}}x{{else}}\n\n\n\nempty\n\n\n{{/each}}'],
  ];
  it.each(cases)(
    '%s: the pieces join to exactly what renderTemplate returns',
    async (name, source) => {
      const t = loadTemplate(templateFile(`${name.replace(/\W/g, '-')}.hbs`, source));
      for (const n of [0, 3, 255, 256, 1000]) {
        const model = { title: 'T\x1b[2J', rows: many(n), none: [] };
        const whole = await renderTemplate(t, model, 'UTC');
        const pieces = [...(await renderPieces(t, model, 'UTC'))];
        expect(pieces.join('')).toBe(whole);
        expect(whole).not.toContain('\x00');
        // A long list's rows come as several pieces, never joined into one string.
        if (n === 1000 && /text|tags/.test(source)) expect(pieces.length).toBeGreaterThan(2);
      }
    },
  );
});
