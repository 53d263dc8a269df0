// What an untagged line is when it is not a command (not-command.ts).
import { describe, expect, it } from 'vitest';
import { notACommand } from '../../../../src/domain/runbook/not-command.js';
import { maskPlaceholders } from '../../../../src/domain/runbook/placeholders.js';

const what = (text: string) => notACommand(text, maskPlaceholders(text).masked);

describe('lines that are not commands', () => {
  it.each([
    ['Host bastion\n  User deploy', 'ssh_config'],
    ['resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}', 'HCL (Terraform)'],
    ['[user]', 'an ini or TOML section'],
    ['skip_final_snapshot = true', 'a setting (key = value)'],
    ['FROM alpine:3.20', 'a Dockerfile'],
    ['select * from jobs;', 'SQL'],
    ['DROP TABLE jobs_old;', 'SQL'],
    ['set statement_timeout = 0;', 'SQL'],
    ['GET /_cat/indices?v', 'a console request (HTTP, not a shell command)'],
    ['sum by (job) (rate(x[5m]))', 'PromQL'],
    ['up{job="api"} == 0', 'PromQL or LogQL'],
    ['<shift-a>   Sort by age', 'a key map'],
    ['Ctrl-b d    detach', 'a key map'],
    ['ctrl+c', 'a key map'],
    ['https://grafana.example.test/d/abc', 'a URL'],
    ['role:master', '`key: value` lines'],
    ['I am declaring an incident because [reason].', 'prose'],
    ['Alex Doe', 'text (a capitalised word, not a program)'],
    ['- restart the pod', 'text (`-` is not a command name)'],
    ['> flushall', 'a quoted line or the prompt of another program (`> `)'],
    ['// Top 5 containers by CPU', 'text (`//` is not a command name)'],
    [
      'index=prod sourcetype=nginx status>=500 | stats count by host',
      'a log search (Splunk, not a shell command)',
    ],
    ['index=main host=web-* error | timechart count', 'a log search (Splunk, not a shell command)'],
    [
      'fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc',
      'a log search (CloudWatch Logs Insights)',
    ],
  ])('%j is %s', (text, shape) => {
    expect(what(text)).toBe(shape);
  });

  it.each([
    'kubectl -n web get pods',
    'sudo systemctl restart nginx',
    '[ -f /etc/app.conf ] && echo present',
    '[[ -n "$HOME" ]] && echo home',
    'NS=web kubectl get pods',
    'ns=web pod=api-1',
    'ns=web ./deploy.sh | tee out.log',
    'env=prod make deploy',
    'export KUBECONFIG=~/.kube/prod',
    '$KUBECTL get pods',
    './scripts/failover.sh --dry-run',
    'for n in 1 2; do echo $n; done',
    '(cd /srv && ls)',
    'if true; then echo y; fi',
    'my-tool --flag',
    'cat > notes.txt',
    'echo and more',
    'kubectl get pods <pod-name>',
    '<psql-command> -c "select 1"',
    'set -euo pipefail',
    'cat <<EOF | kubectl apply -f -\nspec: {}\nEOF',
  ])('%j is a command', (text) => {
    expect(what(text)).toBeUndefined();
  });
});
