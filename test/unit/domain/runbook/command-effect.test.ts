// The classifier: which commands change state (typed confirmation), which only
// read (one key), and which it does not know (a yes/no). Decided from parsed
// words, through wrappers, never from a substring of the text.
import { describe, expect, it } from 'vitest';
import { effectOf } from '../../../../src/domain/runbook/script.js';

const changes = (script: string) => effectOf(script);

describe('state-changing commands', () => {
  it.each([
    ['kubectl delete pod web-1', 'delete'],
    ['oc adm drain node-1 --ignore-daemonsets', 'drain'],
    ['oc adm cordon <node>', 'cordon'],
    ['kubectl -n web scale deploy/web --replicas=0', 'scale'],
    ['kubectl rollout undo deploy/web', 'undo'],
    ['kubectl rollout restart deploy/web', 'restart'],
    ['kubectl apply -f x.yaml', 'apply'],
    ['kubectl patch svc web -p "{}"', 'patch'],
    ['kubectl label node n1 role=x --overwrite', 'label'],
    ['helm uninstall web', 'uninstall'],
    ['helm rollback web 3', 'rollback'],
    ['terraform apply -auto-approve', 'apply'],
    ['terraform destroy', 'destroy'],
    ['systemctl restart chronyd', 'restart'],
    ['sudo systemctl stop kubelet', 'stop'],
    ['service nginx reload', 'reload'],
    ['rm -rf /var/tmp/x', 'rm'],
    ['kill -9 1234', 'kill'],
    ['git push --force origin main', 'push'],
    ['docker system prune -af', 'prune'],
    ['crictl rmi --prune', 'rmi'],
    ['oc debug node/n1 -- chroot /host crictl rmi --prune', 'rmi'],
    ['kubectl get pods -o name | xargs kubectl delete', 'delete'],
    ['ssh db1 sudo systemctl restart postgresql', 'restart'],
    ['psql -c "DROP TABLE sessions"', 'drop'],
    ['redis-cli FLUSHALL', 'flushall'],
    ['etcdctl defrag', 'defrag'],
    ['curl -X POST https://api/restart', 'post'],
    ['curl -d @body.json https://api/restart', 'post'],
    ['aws ec2 terminate-instances --instance-ids i-1', 'terminate-instances'],
    ['journalctl --vacuum-time=1d', 'journalctl'],
    ["sed -i 's/a/b/' /etc/x.conf", 'sed'],
    ['echo 1 > /proc/sys/vm/drop_caches', 'yes'],
  ])('%s changes state (type "%s")', (script, verb) => {
    expect(changes(script)).toEqual({ changesState: true, verb });
  });
});

describe('read-only commands', () => {
  it.each([
    'kubectl get pods -n web',
    'oc describe node n1',
    'kubectl logs web-1 --tail=50',
    'kubectl top pods',
    'kubectl rollout status deploy/web',
    'oc adm node-logs --role=master -u kubelet',
    'cat /etc/hostname | grep node',
    'curl -fsS https://api/healthz',
    'curl -I https://api/healthz',
    'curl -X GET https://api/items',
    'dig example.com',
    'ping -c 3 10.0.0.1',
    'systemctl status chronyd',
    'helm list -A',
    'terraform plan',
    'etcdctl endpoint health -w table',
    'df -h /var 2>/dev/null',
    'journalctl -u kubelet --since "1 hour ago"',
    'oc debug node/n1 -- chroot /host df -h',
  ])('%s only reads', (script) => {
    expect(changes(script)).toEqual({ changesState: false, readOnly: true });
  });

  it('does not mistake a word for a command: "delete" as an argument of grep', () => {
    expect(changes('kubectl get events | grep delete')).toEqual({
      changesState: false,
      readOnly: true,
    });
  });

  it('knows what it does not know: neither read-only nor state-changing', () => {
    expect(changes('./scripts/failover.sh --now')).toEqual({ changesState: false });
  });
});
