import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { joinedEach } from '../../../../src/domain/render/each.js';

/** Renders `source` with handlebars' own `each` and with the joined one. */
function both(source: string, model: object): { theirs: string; ours: string } {
  const theirs = Handlebars.create();
  const ours = Handlebars.create();
  ours.registerHelper('each', joinedEach(ours.helpers.each as never, ours.Utils as never));
  const options = { noEscape: true };
  return {
    theirs: theirs.compile(source, options)(model),
    ours: ours.compile(source, options)(model),
  };
}

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    at: `03:${String(i % 60).padStart(2, '0')}`,
    text: `row ${i}`,
  }));

describe('the joined each', () => {
  it.each([0, 1, 255, 256, 257, 1000, 5000])('renders %i rows exactly as handlebars does', (n) => {
    const source =
      '{{#each rows}}{{#if @first}}first {{/if}}{{@index}}/{{@key}} {{at}} {{text}}{{#if @last}} last{{/if}}\n{{else}}none\n{{/each}}';
    const { theirs, ours } = both(source, { rows: rows(n) });
    expect(ours).toBe(theirs);
    expect(ours.split('\n').length).toBe(Math.max(n, 1) + 1);
  });

  it('keeps block params, nested eaches and the parent context', () => {
    const source =
      '{{#each rows as |row i|}}{{i}}:{{row.text}}:{{../title}}{{#each ../tags}}[{{this}}]{{/each}}\n{{/each}}';
    const model = { title: 'T', tags: ['a', 'b'], rows: rows(600) };
    const { theirs, ours } = both(source, model);
    expect(ours).toBe(theirs);
    expect(ours).toContain('599:row 599:T[a][b]');
  });

  it('leaves objects, sparse arrays and iterables to handlebars', () => {
    const sparse = new Array(300);
    sparse[3] = 'x';
    sparse[299] = 'y';
    for (const value of [{ a: 1, b: 2 }, sparse, new Set(['p', 'q'])]) {
      const { theirs, ours } = both('{{#each v}}{{@key}}={{this}};{{else}}none{{/each}}', {
        v: value,
      });
      expect(ours).toBe(theirs);
    }
  });
});
