// Signed events, for teams that want authorship promised. Anyone who can push
// to the share remote can write any ref, so without signatures a name on an
// event is only a claim (merge.ts keeps a claim out of its claimed author's
// decisions unless it comes from their own file). With `share.signing` set,
// every commit this laptop makes is signed with git's own commit signing (SSH
// by default, or OpenPGP), and a peer's file is vouched for only when every
// commit of its ref carries a good signature, checked against the team's
// allowed-signers list, by a signer whose name is the responder's actor
// (`alice@laptop-a`): the principal in the allowed-signers file, or the email
// of an OpenPGP key's user id. Commits already checked are remembered in the
// clone, so each is checked once.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import { responderName } from '../../domain/share/responder.js';
import type { FetchedRef } from './clone.js';
import { type Clone, gitIn } from './clone-git.js';

export interface Signing {
  format: 'ssh' | 'openpgp';
  /** The signing key (a key file for ssh, a key id for OpenPGP); else git's user.signingkey. */
  key?: string;
  /** The allowed-signers file (ssh): who may sign, by actor. */
  allowedSigners?: string;
}

/** The team's signing (share.signing), its paths made absolute (relative to the config file). */
export function signingOf(config: ResolvedConfig): Signing | undefined {
  const share = config.share;
  const signing = share?.signing;
  if (!share || !signing) return undefined;
  const at = (path: string | undefined) => (path ? resolve(share.baseDir, path) : undefined);
  const format = signing.format ?? 'ssh';
  const key = format === 'ssh' ? at(signing.key) : signing.key;
  const allowedSigners = at(signing.allowedSigners);
  return { format, ...(key ? { key } : {}), ...(allowedSigners ? { allowedSigners } : {}) };
}

/** The `-c` settings git signs and checks with. */
export function signingSettings(signing: Signing): string[] {
  return [
    `gpg.format=${signing.format}`,
    ...(signing.key ? [`user.signingkey=${signing.key}`] : []),
    ...(signing.allowedSigners ? [`gpg.ssh.allowedSignersFile=${signing.allowedSigners}`] : []),
  ];
}

/** Who signed, as an actor: the ssh principal, or the email in an OpenPGP user id. */
function signerOf(signer: string): string {
  return /<([^>]+)>/.exec(signer)?.[1] ?? signer;
}

const verifiedFile = (clone: Clone) => join(clone.dir, 'oncall-verified.json');

/** Commits checked before, with their signer (empty when any of them failed). */
function known(clone: Clone): Record<string, string> {
  try {
    return JSON.parse(readFileSync(verifiedFile(clone), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Whether every commit of `ref` is signed well by the responder it is named after. */
async function refSigned(
  clone: Clone,
  ref: FetchedRef,
  settings: readonly string[],
  checked: Record<string, string>,
): Promise<boolean> {
  const done = Object.keys(checked).filter((oid) => checked[oid] === ref.name);
  const listed = await gitIn(
    clone,
    ['log', '-z', '--format=%H%x1f%G?%x1f%GS', ref.oid, ...(done.length ? ['--not', ...done] : [])],
    { config: settings },
  );
  if (listed.exitCode !== 0) return false;
  for (const record of listed.stdout.split('\0').filter(Boolean)) {
    const [oid, verdict, signer] = record.replace(/^\n/, '').split('\x1f');
    if (verdict !== 'G' || !signer || responderName(signerOf(signer)) !== ref.name) return false;
    if (oid) checked[oid] = ref.name;
  }
  return true;
}

/** The refs (by name) whose every commit is signed by their responder. */
export async function signedRefs(
  clone: Clone,
  refs: readonly FetchedRef[],
  signing: Signing,
): Promise<Set<string>> {
  const settings = signingSettings(signing);
  const checked = known(clone);
  const signed = new Set<string>();
  for (const ref of refs) {
    if (await refSigned(clone, ref, settings, checked)) signed.add(`${ref.root}/${ref.name}`);
  }
  writeFileSync(verifiedFile(clone), JSON.stringify(checked), { mode: 0o600 });
  return signed;
}

/** What is wrong with the signing set-up, before anything is signed (for `oncall doctor`). */
export function signingProblems(signing: Signing, actor: string): string[] {
  const problems: string[] = [];
  if (signing.format === 'ssh') {
    const file = signing.allowedSigners;
    if (!file || !existsSync(file)) {
      problems.push(
        `share.signing.allowedSigners ${file ?? '(not set)'} is not a file: list each responder as "<actor> <ssh public key>", one a line`,
      );
    } else {
      const principals = readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
        .flatMap((l) => (l.split(/\s+/)[0] ?? '').split(','));
      if (!principals.includes(actor)) {
        problems.push(
          `${file} does not list you (${actor}): your events will be flagged as unverified on every laptop; add "${actor} <your ssh public key>"`,
        );
      }
    }
    if (signing.key && !existsSync(signing.key)) {
      problems.push(
        `share.signing.key ${signing.key} is not a file: point it at your ssh private key`,
      );
    }
  }
  return problems;
}

/**
 * Signs a commit in a scratch repository and checks it as a peer would: what
 * went wrong in one line, or undefined when a signature of yours verifies.
 */
export async function signingRoundTrip(
  signing: Signing,
  actor: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { git } = await import('./git.js');
  const dir = mkdtempSync(join(tmpdir(), 'oncall-signing-'));
  try {
    const config = signingSettings(signing);
    const step = async (args: string[], input?: string) => {
      const r = await git(dir, args, {
        env,
        config,
        actor,
        ...(input === undefined ? {} : { input }),
      });
      if (r.exitCode !== 0)
        throw new Error(r.stderr.trim().split('\n').at(-1) ?? `exit ${r.exitCode}`);
      return r.stdout.trim();
    };
    await step(['init', '--quiet', '--bare', dir]);
    const tree = await step(['mktree'], '');
    const commit = await step(['commit-tree', '-S', tree, '-m', 'oncall doctor: a test signature']);
    const [verdict, signer] = (await step(['log', '-1', '--format=%G?%x1f%GS', commit])).split(
      '\x1f',
    );
    if (verdict !== 'G')
      return `a test signature did not verify (git says ${verdict}); check the key and the allowed signers`;
    if (signerOf(signer ?? '') !== actor) {
      return `a test signature verified as ${signer}, not as you (${actor}): the allowed signers must name you by your actor`;
    }
    return undefined;
  } catch (error) {
    return `cannot sign: ${(error as Error).message}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
