// Each value asked once per walk, the alert's labels offered by the words of
// the placeholder's name; a value changed only through "Edit values"; the
// command shown filled in before it is confirmed, and the confirming word never
// taken as a value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../../helpers/context.js';
import { walk, walkedBox } from '../../../helpers/walked.js';

const answered = (events: Record<string, unknown>[]) =>
  events.filter((e) => e.type === 'step.answered').map((e) => [e.variable, e.value]);

describe('values in a walk', () => {
  it('asks each once (the label `namespace` offered for <my-namespace>), and never takes "delete" as one', async () => {
    const box = walkedBox([
      { ask: 'Next?', answer: 'cmd:0' },
      // Enter takes the offered label.
      { ask: 'Value for <my-namespace>:', answer: '' },
      { ask: 'Next?', answer: 'do' },
      { ask: 'Next?', answer: 'cmd:0' },
      // The responder expects the confirmation and types its word: refused, asked again.
      { ask: 'Value for <pod-name>:', answer: 'delete' },
      { ask: 'Value for <pod-name>:', answer: 'api-1' },
      { ask: /^Confirm: type "delete" or yes to run the command above/, answer: 'delete' },
      { ask: 'Next?', answer: 'cmd:1' },
      { ask: 'Next?', answer: 'do' },
    ]);
    const result = await walk(box, 'values-once', ['--label', 'namespace=web']);
    expect(result.code, result.stdout).toBe(0);
    expect(box.prompter.unanswered).toEqual([]);
    expect(readFileSync(join(box.dir, 'kubectl.log'), 'utf8').split('\n')).toEqual([
      'kubectl get pods -n web',
      'kubectl -n web delete pod api-1',
      'kubectl -n web get pod api-1',
      '',
    ]);
    expect(answered(eventsOf(box))).toEqual([
      ['my-namespace', 'web'],
      ['pod-name', 'api-1'],
    ]);
    // Between the last value and the confirmation: the command in full, filled in.
    const out = result.stdout;
    const refused = out.indexOf('"delete" confirms a command; it is not taken as a value.');
    const filled = out.indexOf('  $ kubectl -n web delete pod api-1', refused);
    expect(refused).toBeGreaterThan(0);
    expect(filled).toBeGreaterThan(refused);
    expect(out.indexOf('This changes state (delete).', filled)).toBeGreaterThan(filled);
  });

  it('"Edit values" changes one on purpose: the later commands use the new value', async () => {
    const box = walkedBox([
      { ask: 'Next?', answer: 'cmd:0' },
      { ask: 'Value for <my-namespace>:', answer: 'web' },
      { ask: 'Next?', answer: 'values' },
      { ask: 'Which value?', answer: 'value:my-namespace' },
      { ask: 'New value for my-namespace:', answer: 'db' },
      { ask: 'Next?', answer: 'do' },
      // The second command of the step, the read-only one.
      { ask: 'Next?', answer: 'pick' },
      { ask: 'Which command?', answer: '1' },
      { ask: 'Value for <pod-name>:', answer: 'db-0' },
      { ask: 'Next?', answer: 'do' },
    ]);
    const result = await walk(box, 'values-once');
    expect(result.code, result.stdout).toBe(0);
    expect(box.prompter.unanswered).toEqual([]);
    expect(result.stdout).toContain(
      'my-namespace changed: the commands from now on use the new value.',
    );
    expect(readFileSync(join(box.dir, 'kubectl.log'), 'utf8')).toBe(
      'kubectl get pods -n web\nkubectl -n db get pod db-0\n',
    );
    expect(answered(eventsOf(box))).toEqual([
      ['my-namespace', 'web'],
      ['my-namespace', 'db'],
      ['pod-name', 'db-0'],
    ]);
  });
});
