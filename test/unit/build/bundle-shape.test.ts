// The fast bundles take each of Node's modules as an ES module of the bundle
// (scripts/bundle-shape.mjs builtinAsModule): its names listed on the Node that
// builds, its values read on the Node that runs. A name that is a plain value
// on the one may be a getter on the other: Node 24 made fs.F_OK & co. getters
// that warn they are deprecated (DEP0176), and a dist built on Node 20 printed
// that warning on every command run on Node 24.
import { describe, expect, it } from 'vitest';
import { builtinAsModule } from '../../../scripts/bundle-shape.mjs';

/** Runs the module's source (as CommonJS) against `fake` as what require() gives. */
function load(source: string, fake: object): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  const body = source
    .replace('export default m;', '')
    .replace(/^export const (\w+) = /gm, 'exports.$1 = ');
  new Function('require', 'exports', body)(() => fake, exports);
  return exports;
}

describe("Node's modules in the fast bundles", () => {
  it('read a value the Node running them has made a getter without running it', () => {
    const fake = {
      readFileSync: () => 'read',
      constants: { F_OK: 0 },
      get F_OK(): number {
        throw new Error('DEP0176: fs.F_OK is deprecated');
      },
    };
    const fs = load(builtinAsModule('node:fs'), fake);
    expect(fs.readFileSync).toBe(fake.readFileSync);
    expect(fs.constants).toBe(fake.constants);
    expect(fs.F_OK).toBeUndefined();
  });

  it('take the values of the Node that runs them', () => {
    const path = load(builtinAsModule('node:path'), { join: 'joined', sep: '/' });
    expect([path.join, path.sep]).toEqual(['joined', '/']);
  });
});
