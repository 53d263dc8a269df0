// Where data lives: ONCALL_HOME, else ${XDG_DATA_HOME:-~/.local/share}/oncall.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function dataHome(env: NodeJS.ProcessEnv): string {
  if (env.ONCALL_HOME) return resolve(env.ONCALL_HOME);
  const xdg = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(xdg, 'oncall');
}

export function configHome(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(xdg, 'oncall');
}

export const incidentsDir = (home: string) => join(home, 'incidents');
export const incidentDir = (home: string, id: string) => join(incidentsDir(home), id);
export const logFile = (home: string, id: string) => join(incidentDir(home, id), 'events.jsonl');
export const activeFile = (home: string) => join(home, 'active');
export const activeLockFile = (home: string) => join(home, 'active.lock');

// Sharing an incident (src/share/): the peers' logs as last fetched, this
// incident's share settings and sync state, and the local clones of remotes.
export const peersDir = (incidentDir: string) => join(incidentDir, 'peers');
export const shareStateFile = (dir: string) => join(dir, 'share.json');
export const clonesDir = (home: string) => join(home, 'share');
