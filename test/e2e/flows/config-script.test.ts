// A JavaScript config is run by Node's own import(): only the built bin shows
// what Node says of one that does not load (in process, Vite's module runner
// answers the import instead). A syntax error is named as one, with its line
// when Node gives it, never as what a require() after the import made of it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oncall, sandbox } from '../../helpers/cli.js';

describe('a JavaScript config that does not load', () => {
  it('says what is wrong in the file, with its line where Node has one, on one line, exit 2', () => {
    const esm = 'const team = "sre";\nexport default {{ contacts: {} };\n';
    const cases: [string, string, RegExp][] = [
      ['oncall.config.mjs', esm, /mjs: cannot be loaded: SyntaxError: Unexpected token '\{'$/],
      ['oncall.config.js', esm, /js: cannot be loaded: SyntaxError: Unexpected token '\{'$/],
      [
        'oncall.config.cjs',
        'const team = "sre";\nmodule.exports = {{ contacts: {} };\n',
        /cjs:2: cannot be loaded: SyntaxError: Unexpected token '\{'$/,
      ],
      [
        '.oncallrc.js',
        'const team = "sre";\nmodule.exports = { contacts: team.nope.deeper };\n',
        /\.oncallrc\.js:2: cannot be loaded: TypeError: Cannot read properties of undefined/,
      ],
    ];
    for (const [name, text, problem] of cases) {
      const box = sandbox();
      writeFileSync(join(box.cwd, name), text, { mode: 0o600 });
      const r = oncall(box, ['config']);
      expect(r.code, name).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines, name).toHaveLength(1);
      expect(lines[0], name).toContain(join(box.cwd, name));
      expect(lines[0], name).toMatch(problem);
      expect(lines[0], name).not.toMatch(/require\(\)|race condition|node_modules/);
    }
  });

  it('one that loads is read, ES module or CommonJS', () => {
    for (const [name, text] of [
      ['oncall.config.mjs', 'export default { links: { wiki: "https://w" } };\n'],
      ['oncall.config.js', 'export default { links: { wiki: "https://w" } };\n'],
      ['oncall.config.cjs', 'module.exports = { links: { wiki: "https://w" } };\n'],
    ] as const) {
      const box = sandbox();
      writeFileSync(join(box.cwd, name), text, { mode: 0o600 });
      const r = oncall(box, ['config', '--json']);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).links, name).toEqual({ wiki: 'https://w' });
    }
  });
});
