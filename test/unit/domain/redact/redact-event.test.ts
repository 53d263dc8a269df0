// Before an event leaves the laptop every free text goes through the full
// redactor (a note was redacted with the quick forms only); the fields the
// fold matches on stay as they are.
import { describe, expect, it } from 'vitest';
import type { OncallEvent } from '../../../../src/domain/incident/events.js';
import { redactorFor } from '../../../../src/domain/redact/redact.js';
import { redactForSharing } from '../../../../src/domain/redact/redact-event.js';
import { event } from '../../../helpers/events.js';

const redactor = redactorFor({ redact: ['CORP-[0-9]{6}'] }, {});

describe('redactForSharing', () => {
  it("redacts a note's text with the team's patterns and the gitleaks rules", () => {
    const note = event('note', '2026-03-12T02:10:00.000Z', {
      kind: 'note',
      text: 'ticket CORP-123456, key ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
      lamport: 4,
    });
    const shared = redactForSharing(note, redactor) as Extract<OncallEvent, { type: 'note' }>;
    expect(shared.text).not.toContain('CORP-123456');
    expect(shared.text).not.toContain('ghp_0123456789');
    expect(shared.text).toContain('ticket');
    expect({ ...shared, text: note.type === 'note' ? note.text : '' }).toEqual(note);
  });

  it('redacts command arguments as arguments and leaves ids, kinds and times alone', () => {
    const started = event('command.started', '2026-03-12T02:11:00.000Z', {
      runId: 'run-CORP-654321',
      argv: ['mysql', '--password', 'CORP-654321'],
      cwd: '/srv',
    });
    const shared = redactForSharing(started, redactor) as Extract<
      OncallEvent,
      { type: 'command.started' }
    >;
    expect(shared.argv[2]).not.toContain('CORP-654321');
    expect(shared.runId).toBe('run-CORP-654321');
    expect(shared.ts).toBe(started.ts);
  });
});
