// Prompts (console.ts): which lines of a block are typed at a shell's prompt,
// at another program's, or at none; and a fence's language.
import { describe, expect, it } from 'vitest';
import { blockLanguage, promptOf } from '../../../../src/domain/runbook/console.js';

describe('a shell prompt is never part of the command', () => {
  it.each([
    ['$ kubectl get pods', '', 'kubectl get pods', undefined],
    ['% ls', '', 'ls', undefined],
    ['(venv) $ pip install -r req.txt', '', 'pip install -r req.txt', '(venv) $'],
    ['(base) admin@db1:~$ df -h', '', 'df -h', '(base) admin@db1:~$'],
    ['user@host:~$ uptime', '', 'uptime', 'user@host:~$'],
    ['[root@db1 ~]# id', '', 'id', '[root@db1 ~]#'],
    ['sh-5.1# cat /etc/hostname', '', 'cat /etc/hostname', 'sh-5.1#'],
    ['chef-repo $ knife status', '', 'knife status', 'chef-repo $'],
    ['worker$ redis-cli -h 10.0.0.1', '', 'redis-cli -h 10.0.0.1', 'worker$'],
    ['/prometheus $ ls wal', '', 'ls wal', '/prometheus $'],
    ['~/src ❯ git status', '', 'git status', '~/src ❯'],
    ['➜  app git:(main) ✗ bundle install', '', 'bundle install', '➜  app git:(main) ✗'],
    ['alex@mbp ~ % brew list', '', 'brew list', 'alex@mbp ~ %'],
    ['MacBook-Pro:~ alex$ ls', '', 'ls', 'MacBook-Pro:~ alex$'],
    [
      '[ec2-user@ip-10-0-0-1 ~]$ sudo yum update',
      '',
      'sudo yum update',
      '[ec2-user@ip-10-0-0-1 ~]$',
    ],
    ['root@web-1:/var/log# tail syslog', '', 'tail syslog', 'root@web-1:/var/log#'],
    ['$mac docker ps', '', 'docker ps', '$mac'],
    ['$dev make test', '', 'make test', '$dev'],
    ['$prod rabbitmqctl list_queues', '', 'rabbitmqctl list_queues', '$prod'],
    ['broker:~# rc-service nginx restart', '', 'rc-service nginx restart', 'broker:~#'],
    ['web-1:/srv# ls', '', 'ls', 'web-1:/srv#'],
    ['$terraform plan', '', 'terraform plan', undefined],
    ['> cf services', '', 'cf services', undefined],
    ['$sudo lsblk', '', 'sudo lsblk', undefined],
    ['# systemctl status kubelet', 'console', 'systemctl status kubelet', undefined],
    ['/ # ls', 'console', 'ls', '/ #'],
  ])('%s (%s)', (line, lang, command, shown) => {
    const prompted = promptOf(line, lang);
    expect(prompted?.command).toBe(command);
    expect(prompted?.shown).toBe(shown);
    expect(prompted?.program).toBeUndefined();
  });

  it.each([
    ['kubectl get pods', ''],
    ['# a comment', 'sh'],
    ['/usr/local/bin/tool # a comment', 'sh'],
    ['$KUBECTL get pods', ''],
    ['$cmd --help', ''],
    ['$cmd get pods', ''],
    ['$tool status', ''],
    ['$name-suffix', ''],
    ['echo "$ 5"', ''],
    ['> flushall', ''],
  ])('no prompt: %s (%s)', (line, lang) => {
    expect(promptOf(line, lang)).toBeUndefined();
  });

  it('reads `$name x` as a command when the block sets the name', () => {
    expect(promptOf('$tool get pods', '', new Set(['tool']))).toBeUndefined();
  });
});

describe("another program's prompt", () => {
  it.each([
    ['mysql> SHOW PROCESSLIST;', 'mysql'],
    ['MariaDB [shop]> select 1;', 'mysql'],
    ['postgres=# select 1;', 'psql'],
    ['orders=> \\dt', 'psql'],
    ['10.1.2.3:6379> info', 'redis-cli'],
    ['gpg/card> admin', 'gpg'],
    ['PS C:\\> Get-Service', 'PowerShell'],
    ['>>> import os', 'Python'],
    ['irb(main):001:0> User.count', 'a Ruby console'],
    ['username> <enter your username>', 'a login prompt'],
    ['redis 127.0.0.1:6379> keys *', 'redis-cli'],
    ['In [1]: import os', 'IPython'],
    ['PS /home/alex> Get-Process', 'PowerShell'],
    ['C:\\Users\\alex> dir', 'cmd.exe'],
  ])('%s is %s', (line, program) => {
    expect(promptOf(line, '')?.program).toBe(program);
  });
});

describe("a fence's language", () => {
  it.each([
    ['', ''],
    ['bash', 'bash'],
    ['shell=bash', 'shell'],
    ['sh {.copy}', 'sh'],
    ['shell-script', 'sh'],
    ['bash-session', 'console'],
    ['yaml', 'yaml'],
  ])('%j -> %j', (info, lang) => {
    expect(blockLanguage(info)).toEqual({ lang });
  });

  it.each([
    ['shel', 'shell'],
    ['bahs', 'bash'],
    ['!bash', 'bash'],
  ])('%j is one slip from %j: a hint, not a command', (info, typo) => {
    expect(blockLanguage(info).typo).toBe(typo);
  });
});
