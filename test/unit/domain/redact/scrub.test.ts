// The floor under every command: free-text fields of any event are redacted
// where it is stamped; ids, kinds, names and times are never touched.
import { describe, expect, it } from 'vitest';
import { quickRedactor, scrubInput } from '../../../../src/domain/redact/scrub.js';

const R = '[REDACTED]';
const quick = quickRedactor({ SERVICE_TOKEN: 'tok-value-77' });

describe('scrubInput', () => {
  it('redacts the free text of every kind of event', () => {
    expect(
      scrubInput(
        { type: 'severity.changed', from: 'SEV2', to: 'SEV1', reason: 'password=x1y2z3' },
        quick,
      ),
    ).toEqual({
      type: 'severity.changed',
      from: 'SEV2',
      to: 'SEV1',
      reason: `password=${R}`,
    });
    expect(scrubInput({ type: 'incident.resolved', summary: 'used tok-value-77' }, quick)).toEqual({
      type: 'incident.resolved',
      summary: `used ${R}`,
    });
    expect(
      scrubInput(
        { type: 'escalation', to: 'bob', ask: 'Authorization: Bearer abcdef123456' },
        quick,
      ),
    ).toEqual({
      type: 'escalation',
      to: 'bob',
      ask: `Authorization: Bearer ${R}`,
    });
    expect(
      scrubInput({ type: 'step.skipped', stepId: 's1', reason: 'mysql -pS3cret failed' }, quick),
    ).toEqual({
      type: 'step.skipped',
      stepId: 's1',
      reason: `mysql -p${R} failed`,
    });
  });

  it('redacts the values of a record field, never its keys', () => {
    const opened = scrubInput(
      {
        type: 'incident.opened',
        title: 'DB down',
        severity: 'SEV1',
        labels: { token: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', namespace: 'web' },
        nextUpdateDue: null,
      },
      quick,
    ) as { labels: Record<string, string> };
    expect(opened.labels).toEqual({ token: R, namespace: 'web' });
  });

  it('leaves structural fields alone and returns the input itself when there is no free text', () => {
    const accepted = { type: 'handoff.accepted', handoff: 'password=looks-like-one' } as const;
    expect(scrubInput(accepted, quick)).toBe(accepted);
    const note = {
      type: 'note',
      kind: 'note',
      text: 'token bucket full; password reset email sent',
    } as const;
    expect(scrubInput(note, quick)).toEqual(note);
  });

  it('leaves argv as recorded unless the redactor knows arguments', () => {
    const started = {
      type: 'command.started' as const,
      runId: 'r1',
      argv: ['redis-cli', '-a', 'pw'],
      cwd: '/',
    };
    expect(scrubInput(started, quick)).toEqual(started);
    const full = { text: (t: string) => t, argv: (a: readonly string[]) => a.map(() => R) };
    expect((scrubInput(started, full) as { argv: string[] }).argv).toEqual([R, R, R]);
  });
});
