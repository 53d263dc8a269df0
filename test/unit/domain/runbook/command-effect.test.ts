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
    expect(changes('./scripts/rotate-report.py --now')).toEqual({
      changesState: true,
      verb: 'rotate',
    });
    expect(changes('./scripts/weekly.sh --now')).toEqual({ changesState: false });
  });
});

type Expected = 'changes' | 'reads' | 'unknown';

/** What the walk does with it: type the verb, one key, or a yes/no. */
function effectName(script: string): [Expected, string?] {
  const e = effectOf(script);
  if (e.changesState) return ['changes', e.verb];
  return e.readOnly ? ['reads'] : ['unknown'];
}

describe('the verbs of the word path decide, whatever the program (table)', () => {
  it.each<[string, Expected, string?]>([
    // Programs no table knows: their verbs decide.
    ['virtctl stop vm-a -n ns1', 'changes', 'stop'],
    ['virtctl restart vm-a', 'changes', 'restart'],
    ['virtctl migrate vm-a', 'changes', 'migrate'],
    ['velero restore create --from-backup nightly', 'changes', 'restore'],
    ['velero backup get', 'reads'],
    ['cf push shop', 'changes', 'push'],
    ['cf delete-service-key db key1', 'changes', 'delete-service-key'],
    ['cf create-service aws-rds small db', 'changes', 'create-service'],
    ['tf apply', 'changes', 'apply'],
    ['gitlab-ctl restart', 'changes', 'restart'],
    ['gitlab-rake db:migrate', 'changes', 'db:migrate'],
    ['heroku ps:restart web', 'changes', 'ps:restart'],
    ['rake cache:clear', 'changes', 'cache:clear'],
    ['gitlab-rake gitlab:check', 'reads'],
    ['bosh -d cf restart router/0', 'changes', 'restart'],
    ['knife node delete web-1', 'changes', 'delete'],
    ['ykman piv reset', 'changes', 'reset'],
    ['docker-compose down', 'changes', 'down'],
    ['vault kv put secret/app token=x', 'changes', 'put'],
    ['vault kv get secret/app', 'reads'],
    ['argocd app sync shop', 'changes', 'sync'],
    ['patronictl switchover --force', 'changes', 'switchover'],
    ['terraform force-unlock 1234', 'changes', 'force-unlock'],
    ['gcloud container clusters upgrade c1 --master', 'changes', 'upgrade'],
    ['gcloud compute instances delete vm-1 --zone europe-west1-b', 'changes', 'delete'],
    ['gcloud container clusters get-credentials c1', 'reads'],
    ['aws rds describe-db-instances', 'reads'],
    ['aws s3 ls s3://bucket/', 'reads'],
    ['aws s3 cp a.txt s3://bucket/a.txt', 'changes', 'cp'],
    ['az vm deallocate -g rg -n vm1', 'changes', 'deallocate'],
    ['apt-get update', 'changes', 'update'],
    ['git remote set-url origin git@example.test:x.git', 'changes', 'set-url'],
    ['git status', 'reads'],
    // A verb the table did not list is still seen: never weaker than a changing word.
    ['ip link set eth0 down', 'changes', 'set'],
    ['ip addr show', 'reads'],
    ['ip route', 'reads'],
    ['redis-cli -h 10.0.0.1 failover', 'changes', 'failover'],
    ['vault operator unseal', 'changes', 'unseal'],
    ['consul leave', 'changes', 'leave'],
    ['launchctl unload ~/Library/LaunchAgents/x.plist', 'changes', 'unload'],
    ['consul members', 'reads'],
    // The verb in a question is its argument: `can-i` only asks.
    ['kubectl auth can-i delete pods', 'reads'],
    // Read-only words stay one key.
    ['mytool get widgets', 'reads'],
    ['mytool describe widget w1', 'reads'],
    ['mytool list', 'reads'],
    ['mytool logs w1', 'reads'],
    ['mytool show config', 'reads'],
    ['mytool status', 'reads'],
    ['mytool top', 'reads'],
    ['mytool inspect w1', 'reads'],
    // The first verb decides; a value is no verb.
    ['kubectl get pod restart-worker-1', 'reads'],
    ['mytool describe stop', 'reads'],
    ['mytool widgets', 'unknown'],
    ['make test', 'unknown'],
    // Wrappers hand on what they run, quoted scripts included.
    [
      'aws-vault exec prod -- aws rds delete-db-instance --db-instance-identifier x',
      'changes',
      'delete-db-instance',
    ],
    ['aws-vault exec prod aws s3 rm s3://b/k', 'changes', 'rm'],
    ['gds aws acct-admin -- aws s3 rm s3://b/k', 'changes', 'rm'],
    [
      'gds-cli aws shop-prod-admin aws rds restore-db-instance-from-db-snapshot --x y',
      'changes',
      'restore-db-instance-from-db-snapshot',
    ],
    ["ssh web1 'sudo systemctl restart nginx'", 'changes', 'restart'],
    ["ssh -i key.pem web1 'df -h && uptime'", 'reads'],
    ["knife ssh 'role:db' 'sudo rm -rf /var/lib/data'", 'changes', 'rm'],
    ["cf ssh shop -c 'rm -rf /tmp/cache'", 'changes', 'rm'],
    ["gcloud compute ssh vm-1 --command 'sudo systemctl stop app'", 'changes', 'stop'],
    ['find /var/log -mtime +7 -exec rm {} \\;', 'changes', 'rm'],
    ['find /var/log -name "*.gz" -exec ls -l {} +', 'reads'],
    ['oc rsh pod-0 rm -rf /tmp/x', 'changes', 'rm'],
    ['bundle exec uaac member delete admins alice', 'changes', 'delete'],
    ['sudo -u postgres -H psql -c "DROP DATABASE old"', 'changes', 'drop'],
    ["sh -c 'kubectl delete pod web-1'", 'changes', 'delete'],
    ['(set -o pipefail && kubectl get pods -o name | xargs kubectl delete)', 'changes', 'delete'],
    ['watch -n 5 kubectl get pods', 'reads'],
    // Data is no verb: grep, echo and cat read whatever their arguments say.
    ['grep -r delete /etc/app', 'reads'],
    ['echo restart now', 'reads'],
  ])('%s -> %s %s', (script, effect, verb) => {
    expect(effectName(script)).toEqual(verb ? [effect, verb] : [effect]);
  });
});
