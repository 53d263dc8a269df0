// `timeline --md` keeps every event and, after its table, the evidence: what
// each command printed, each output once, redacted when it was recorded, in a
// fence no line of it can close. An escalation recorded with --no-send says so.
import { describe, expect, it } from 'vitest';
import { oncall, wordsIncident } from '../../../helpers/in-process.js';

// The secret is made as it runs: only the output holds it, as a real command's would.
const PRINTS = [
  'const secret = "API_" + "TOKEN=abc123" + "secretvalue";',
  'console.log(["HTTP/2 503", "```", secret, JSON.stringify({ db: "timeout" })].join("\\n"));',
  'process.exit(22);',
].join(' ');

describe('timeline --md', () => {
  it('ends with the evidence: each output once, in a fence it cannot close, secrets redacted', async () => {
    const box = await wordsIncident();
    for (let i = 0; i < 3; i++) await oncall(box, ['run', '--', process.execPath, '-e', PRINTS]);
    const md = (await oncall(box, ['timeline', '--md'])).stdout;
    expect(md.match(/failed, exit 22/g)).toHaveLength(4); // three rows, one evidence heading
    const evidence = md.split('### Evidence (what the commands printed)\n')[1] ?? '';
    expect(evidence).toMatch(/→ failed, exit 22 \(\d+s\) \(×3, /);
    expect(evidence).toContain(
      '````text\nHTTP/2 503\n```\nAPI_TOKEN=[REDACTED]\n{"db":"timeout"}\n````',
    );
    expect(md).not.toContain('abc123secretvalue');
  });

  it('an escalation recorded with --no-send reads as recorded, not sent', async () => {
    const box = await wordsIncident();
    await oncall(box, ['escalate', '--to', 'bob', '--ask', 'Is db-1 healthy?', '--no-send']);
    for (const flags of [[], ['--md']]) {
      const out = (await oncall(box, ['timeline', ...flags])).stdout;
      expect(out).toContain('escalation to Bob Stone (recorded, not sent): Is db-1 healthy?');
      expect(out).not.toMatch(/escalated to/);
    }
  });
});
