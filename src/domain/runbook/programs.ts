// Names of programs that runbooks run, for the places where the reader must
// tell a command from something else without a PATH to look at (it is pure):
// `$terraform plan` is a `$` prompt without its space, while `$mac docker ps`
// is a prompt named `mac`; `kubectl -n web get pods` in a sentence is a
// command, `cf push` in "the cf push step" is a name. Not a list of what is
// allowed to run: anything the author writes in a code block still runs.

const PROGRAMS = new Set(
  `
  kubectl oc k kubectx kubens k9s helm helmfile kustomize kind minikube virtctl velero istioctl linkerd
  argocd flux tkn crictl ctr nerdctl docker docker-compose podman buildah skopeo
  terraform tf tofu terragrunt packer vagrant ansible ansible-playbook ansible-vault pulumi
  aws aws-vault gcloud gsutil bq az doctl hcloud linode-cli ibmcloud exo
  cf bosh uaac credhub knife chef-client chef-solo berks gds gds-cli cloud-platform
  vault consul nomad etcdctl etcdutl
  git gh glab hub svn
  psql pg_dump pg_dumpall pg_restore pg_basebackup pg_ctl pg_ctlcluster pg_isready pg_lsclusters
  patronictl gitlab-psql gitlab-ctl gitlab-rake gitlab-rails gitlab-backup
  mysql mysqldump mysqladmin mariadb redis-cli redis-server mongo mongosh mongodump mongorestore
  sqlite3 cqlsh nodetool clickhouse-client cockroach influx
  curl wget http httpie grpcurl openssl ssh scp sftp rsync ssh-keygen ssh-add mosh
  dig nslookup host ping traceroute tracepath mtr nc ncat telnet tcpdump ss netstat ip ifconfig
  route arp ethtool iptables ip6tables nft ufw firewall-cmd conntrack
  systemctl service journalctl supervisorctl launchctl
  ls cat less more head tail grep egrep fgrep zgrep rg ag awk sed jq yq cut sort uniq wc tr
  column find xargs tee df du free top htop ps pgrep pkill kill killall pstree uptime w who id
  whoami hostname uname date stat file diff cmp md5sum sha256sum base64 echo printf env printenv
  which type dmesg vmstat iostat mpstat sar nproc lscpu lsblk blkid findmnt mount umount lsof
  strace ltrace perf gdb iotop iftop nethogs sleep watch timeout tree realpath readlink
  basename dirname getent ldd pidof cp mv rm rmdir mkdir touch ln chmod chown chgrp dd
  tar gzip gunzip zcat bzip2 xz unzip zip truncate fallocate shred sync
  sudo doas su nohup nice ionice stdbuf time chroot nsenter unshare
  sh bash zsh dash ksh fish source export unset cd pushd popd set alias test true false exit
  make cmake go cargo rustc npm npx yarn pnpm node deno bun python python3 pip pip3 pipenv poetry
  uv ruby gem bundle bundler rake rails irb java javac mvn gradle sbt dotnet php composer
  apt apt-get dpkg yum dnf rpm apk brew snap zypper pacman
  gpg gpg2 ykman ykpersonalize pass op age sops
  reboot shutdown halt poweroff useradd userdel usermod passwd visudo crontab at
  logrotate sysctl modprobe lsmod swapon swapoff mkfs fsck xfs_growfs resize2fs growpart
  lvextend lvs vgs pvs parted fdisk
  vi vim nano emacs code open xdg-open pbcopy pbpaste
  promtool amtool logcli thanos mimirtool cortextool
  heroku fly flyctl vercel netlify wrangler
  `
    .split(/\s+/)
    .filter(Boolean),
);

/** A program runbooks run, by its name (a path to it counts: `/usr/bin/psql`). */
export function isKnownProgram(word: string): boolean {
  const name = word.split('/').pop() ?? word;
  return PROGRAMS.has(name);
}
