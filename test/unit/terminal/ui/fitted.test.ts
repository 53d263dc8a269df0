// What the walk and status fit to: a terminal's width (80 when it does not
// say, never under 20); piped or written to a file, lines are left whole.
import { describe, expect, it } from 'vitest';
import type { Context, Output } from '../../../../src/context.js';
import { printFitted, screenWidth } from '../../../../src/terminal/ui/fitted.js';

function ctxWith(stdout: Omit<Output, 'write'>): Context & { printed: string[] } {
  const printed: string[] = [];
  const out: Output = {
    ...stdout,
    write: (chunk: string) => printed.push(chunk),
  };
  return { stdout: out, printed } as unknown as Context & { printed: string[] };
}

const LINE =
  'Runbook: Site down right after a deploy (site-down-after-deploy): at step 1 of 12, Acknowledge and say you are on it';

describe('screenWidth', () => {
  it("is a terminal's column count, 80 when it does not say, at least 20", () => {
    expect(screenWidth(ctxWith({ isTTY: true, columns: 40 }))).toBe(40);
    expect(screenWidth(ctxWith({ isTTY: true }))).toBe(80);
    expect(screenWidth(ctxWith({ isTTY: true, columns: 10 }))).toBe(20);
  });

  it('has no limit when the output is not a terminal (a pipe, a file)', () => {
    expect(screenWidth(ctxWith({}))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('printFitted', () => {
  it('wraps between words on a 40-column terminal', () => {
    const ctx = ctxWith({ isTTY: true, columns: 40 });
    printFitted(ctx, LINE);
    const rows = ctx.printed.join('').trimEnd().split('\n');
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(40);
    expect(rows.join(' ')).toBe(LINE);
  });

  it('prints the line whole into a pipe', () => {
    const ctx = ctxWith({});
    printFitted(ctx, LINE);
    expect(ctx.printed).toEqual([`${LINE}\n`]);
  });
});
