// A responder's name on the share remote: the same for every spelling of one
// actor, different for different actors, and safe as a file name on every
// filesystem and as a ref component (git never quotes it).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isIncidentId, parseRef, responderRef } from '../../../../src/domain/share/refs.js';
import { branchFileBase, responderName } from '../../../../src/domain/share/responder.js';

describe('responderName', () => {
  it('is a readable ASCII slug and 8 hex, whatever the actor holds', () => {
    expect(responderName('josé@laptop')).toMatch(/^jose-laptop-[0-9a-f]{8}$/);
    expect(responderName('王伟@笔记本')).toMatch(/^responder-[0-9a-f]{8}$/);
    expect(responderName('con')).toMatch(/^con-[0-9a-f]{8}$/);
    expect(responderName('x'.repeat(300)).length).toBeLessThanOrEqual(49);
    for (const actor of ['josé@laptop', '../../etc/x y', 'tab\tand "quote"', 'a\nb', '.hidden']) {
      expect(responderName(actor)).toMatch(/^[a-z0-9][a-z0-9-]{0,48}$/);
    }
  });

  it('spells one actor one way (NFC and NFD), and tells apart what a case-insensitive disk would not', () => {
    expect(responderName('jose\u0301@laptop')).toBe(responderName('josé@laptop'));
    const names = ['josé@laptop', 'José@Laptop', 'jos?@laptop', 'jos*@laptop', 'Bob@x', 'bob@x'];
    const made = names.map(responderName);
    expect(new Set(made.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('makes a ref git accepts as it is', () => {
    const ref = responderRef('oncall', '2026-03-12-0210-checkout', responderName('josé@laptop'));
    expect(() => execFileSync('git', ['check-ref-format', ref])).not.toThrow();
    expect(parseRef(ref)).toEqual({
      root: 'oncall',
      id: '2026-03-12-0210-checkout',
      name: responderName('josé@laptop'),
    });
    expect(parseRef('refs/remotes/origin/branches/x/y')).toEqual({
      root: 'branches',
      id: 'x',
      name: 'y',
    });
    expect(parseRef('refs/heads/main')).toBeUndefined();
  });

  it('knows the file name older shares gave an actor on the branch', () => {
    expect(branchFileBase('alice@laptop.local')).toBe('alice@laptop.local');
    expect(branchFileBase('josé@laptop')).toBe('jos_@laptop');
  });

  it('takes an incident id only when it can name a folder and a ref', () => {
    expect(isIncidentId('2026-03-12-0210-checkout-returns-500')).toBe(true);
    for (const bad of ['../x', 'a..b', 'x.lock', '-x', 'a/b', ''])
      expect(isIncidentId(bad)).toBe(false);
  });
});
