// `oncall runbook show --json` on plain-Markdown runbooks written for the test
// (test/fixtures/runbooks/plain-shapes/): every command exactly as its author
// wrote it, its expected output, its placeholders and whether it changes state,
// for each shape found in public runbook collections.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runbookShowCommand } from '../../../../src/commands/runbook/definition.js';
import { runbookShow } from '../../../../src/commands/runbook/runbook.js';
import { testContext } from '../../../helpers/context.js';
import { invoke } from '../../../helpers/invoke.js';
import { FIXTURES } from '../../../helpers/paths.js';

/** `${NAMESPACE}` as the runbook writes it. */
const BRACED = `${'$'}{NAMESPACE}`;

interface Shown {
  line: number;
  script: string;
  expectedOutput: string | null;
  placeholders: string[];
  changesState: boolean;
}

async function show(file: string): Promise<Record<string, Shown[]>> {
  const ctx = testContext();
  const path = join(FIXTURES, 'runbooks', 'plain-shapes', file);
  await invoke(ctx, runbookShow, runbookShowCommand, { name: path, json: true });
  const parsed = JSON.parse(ctx.stdout.take()) as {
    steps: {
      id: string;
      commands: (Omit<Shown, 'placeholders'> & { placeholders: { text: string }[] })[];
    }[];
  };
  return Object.fromEntries(
    parsed.steps.map((s) => [
      s.id,
      s.commands.map((c) => ({
        line: c.line,
        script: c.script,
        expectedOutput: c.expectedOutput,
        placeholders: c.placeholders.map((p) => p.text),
        changesState: c.changesState,
      })),
    ]),
  );
}

/** A command as the test expects it: output, placeholders and state change default to none. */
function cmd(
  line: number,
  script: string,
  more: { output?: string; placeholders?: string[]; changes?: boolean } = {},
): Shown {
  return {
    line,
    script,
    expectedOutput: more.output ?? null,
    placeholders: more.placeholders ?? [],
    changesState: more.changes ?? false,
  };
}

describe('runbook show --json: console transcripts', () => {
  it('reads prompts, continuations, output and root prompts as a shell user would', async () => {
    expect(await show('transcripts.md')).toEqual({
      // The text under the title is the step `intro` (it holds no command here).
      intro: [],
      'drain-the-node': [
        cmd(10, 'oc adm drain node-1 --ignore-daemonsets \\\n  --delete-emptydir-data', {
          changes: true,
        }),
        cmd(12, 'oc adm uncordon node-1', { changes: true }),
      ],
      'read-the-kubelet-log': [
        cmd(20, 'oc adm node-logs node-1 -u kubelet | tail -n 2', {
          output:
            'I0428 02:23:13.123456    1234 kubelet.go:2100] "SyncLoop ADD" source="api"\nE0428 02:23:14.000001    1234 kubelet.go:2200] "Error syncing pod"',
        }),
      ],
      'as-root-on-the-node': [
        cmd(28, 'systemctl status kubelet', {
          output: '● kubelet.service - Kubernetes Kubelet\n   Active: active (running)',
        }),
        cmd(31, 'cat /etc/hostname', { output: 'node-1' }),
        cmd(33, 'journalctl -u crio --since "10 min ago"', { output: '-- No entries --' }),
      ],
      'a-here-document-typed-at-the-prompt': [
        cmd(40, 'cat <<EOF | oc apply -f -\napiVersion: v1\nkind: ConfigMap\nEOF', {
          output: 'configmap/x created',
          changes: true,
        }),
      ],
      'a-transcript-tagged-as-sh': [
        cmd(51, 'kubectl get pods -n web', {
          output:
            'NAME                   READY   STATUS    RESTARTS   AGE\nweb-6d4cf56db6-abcde   1/1     Running   0          5d',
        }),
        cmd(54, 'kubectl logs web-6d4cf56db6-abcde -n web --tail=20'),
      ],
      'a-placeholder-at-the-end-of-a-prompted-line': [
        cmd(60, 'oc get node <node-name>', {
          placeholders: ['<node-name>'],
          output:
            'NAME     STATUS     ROLES    AGE   VERSION\nnode-1   NotReady   worker   12d   v1.29.1',
        }),
      ],
      'output-only': [],
      'not-a-shell': [],
    });
  });
});

describe('runbook show --json: blocks without prompts', () => {
  it('ends each command where the shell would, and keeps output out of the commands', async () => {
    expect(await show('scripts.md')).toEqual({
      // The text under the title is the step `intro` (it holds no command here).
      intro: [],
      'chains-pipes-and-comments': [
        cmd(9, 'du -h --max-depth=1 /var | sort -hr | head -n 5'),
        cmd(10, 'df -h /var && df -i /var'),
      ],
      'a-continued-command': [
        cmd(
          16,
          'oc debug node/node-1 -- \\\n  chroot /host du -h --max-depth=1 \\\n  /var/lib/containers /var/lib/kubelet | sort -hr',
        ),
      ],
      'a-here-document-and-a-quote-over-several-lines': [
        cmd(
          24,
          "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\nEOF",
          {
            changes: true,
          },
        ),
        cmd(30, 'echo "first line\nsecond line" | wc -l'),
      ],
      'a-command-and-its-output-no-prompt': [
        cmd(36, 'oc get lease -n openshift-ovn-kubernetes', {
          output: 'holderIdentity: ovn-control-plane\nleaseDurationSeconds: 60',
        }),
      ],
      'log-lines-are-output': [],
      // A command it knows, then lines that are not commands: shown after it, never run.
      'could-be-either': [
        cmd(51, 'kubectl top pods', {
          output: 'this line is prose, not a command: are we sure?\nx: 1',
        }),
      ],
      'commands-in-a-list': [
        cmd(61, 'crictl images'),
        cmd(69, 'crictl rmi --prune', { changes: true }),
      ],
    });
  });
});

describe('runbook show --json: placeholders', () => {
  it('finds each kind where the shell would see it, and leaves templates alone', async () => {
    expect(await show('placeholders.md')).toEqual({
      'angle-brackets': [
        cmd(6, 'oc get nodes <node-name> -o wide', { placeholders: ['<node-name>'] }),
        cmd(7, 'oc debug node/<node-name> -- chroot /host df -h <mount point>', {
          placeholders: ['<node-name>', '<mount point>'],
        }),
      ],
      'variables-and-markers': [
        cmd(13, 'kubectl -n $NAMESPACE get pods', { placeholders: ['$NAMESPACE'] }),
        cmd(14, `kubectl -n "${BRACED}" logs "$POD" --tail=50`, {
          placeholders: [BRACED, '$POD'],
        }),
        cmd(15, 'gcloud container clusters get-credentials YOUR_CLUSTER --project CHANGEME', {
          placeholders: ['YOUR_CLUSTER', 'CHANGEME'],
        }),
      ],
      braces: [cmd(21, 'curl -fsS https://{{host}}/healthz', { placeholders: ['{{host}}'] })],
      'quoting-contexts': [
        cmd(27, `curl -d '{"node": "<node-name>"}' https://api.example.com/cordon`, {
          placeholders: ['<node-name>'],
          changes: true,
        }),
        cmd(28, 'echo "draining <node-name> in $NAMESPACE"', {
          placeholders: ['<node-name>', '$NAMESPACE'],
        }),
        cmd(29, 'cat <<EOF\nnode: <node-name>\nEOF', { placeholders: ['<node-name>'] }),
      ],
      'left-alone': [
        cmd(
          37,
          `kubectl get nodes -o template --template='{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`,
        ),
        cmd(38, "helm template web ./chart --set image.tag='{{ .Values.tag }}'"),
        cmd(39, `kubectl -n ${'$'}{NAMESPACE:-default} get pods`),
        cmd(40, 'for pod in $(kubectl get pods -o name); do echo $pod; done'),
        cmd(41, 'echo $HOME # <not-a-placeholder> in a comment'),
        cmd(47, 'NS=web\nkubectl -n $NS get pods'),
      ],
    });
  });
});
