// Remotes that misbehave, on 127.0.0.1, started by the test: git's smart HTTP
// (`git http-backend` behind a small Node server, protocol v2 passed on), a
// server that accepts and never answers, one that answers 401 asking for
// credentials, and a smart-HTTP proxy that hangs in the middle of a pack. And
// the processes a test leaves behind: every process whose environment carries
// the test's marker, read from /proc.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket, createServer as tcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Running {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Requests answered (the 401 server: how often it was asked). */
  requests: () => number;
  close: () => Promise<void>;
}

async function listen(server: Server | ReturnType<typeof tcpServer>, held: Set<Socket>) {
  server.on('connection', (socket: Socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of held) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts every connection, reads what comes, never answers a byte. */
export async function silentServer(): Promise<Running> {
  const held = new Set<Socket>();
  let count = 0;
  const server = tcpServer((socket) => {
    count += 1;
    socket.on('data', () => undefined);
  });
  return { ...(await listen(server, held)), requests: () => count };
}

/** Answers every request 401 with `WWW-Authenticate: Basic`: git wants a user name and password. */
export async function authServer(): Promise<Running> {
  const held = new Set<Socket>();
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    req.resume();
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="incidents"' });
    res.end('Authentication required\n');
  });
  return { ...(await listen(server, held)), requests: () => count };
}

/** Runs `git http-backend` for one request (CGI), the protocol version passed on. */
function backend(root: string, req: IncomingMessage, res: ServerResponse, cut?: number) {
  const url = new URL(req.url ?? '/', 'http://x');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    REQUEST_METHOD: req.method,
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_USER: 'oncall',
    REMOTE_ADDR: '127.0.0.1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
    ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
    ...(req.headers['content-encoding']
      ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }
      : {}),
    ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
  };
  const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let body = false;
  let sent = 0;
  const isPack = req.method === 'POST' && url.pathname.endsWith('/git-upload-pack');
  const write = (chunk: Buffer) => {
    if (cut === undefined || !isPack) return res.write(chunk);
    if (sent >= cut) return true; // the rest is swallowed: the client waits forever
    const part = chunk.subarray(0, cut - sent);
    sent += part.length;
    return res.write(part);
  };
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (body) return write(chunk);
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    body = true;
    for (const line of head.subarray(0, end).toString().split('\r\n')) {
      const i = line.indexOf(':');
      const [key, value] = [line.slice(0, i).trim(), line.slice(i + 1).trim()];
      if (key.toLowerCase() === 'status') res.statusCode = Number.parseInt(value, 10);
      else res.setHeader(key, value);
    }
    const rest = head.subarray(end + 4);
    if (rest.length) write(rest);
  });
  cgi.stdout.on('end', () => {
    if (cut === undefined || !isPack || sent < cut) res.end();
  });
}

/**
 * Smart HTTP over the bare repositories in `root` (http://127.0.0.1:<port>/<name>.git).
 * `hangAfterBytes`: a fetch's pack stops there and the answer never ends.
 */
export async function gitHttpServer(root: string, hangAfterBytes?: number): Promise<Running> {
  const held = new Set<Socket>();
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    backend(root, req, res, hangAfterBytes);
  });
  return { ...(await listen(server, held)), requests: () => count };
}

/** A marker for a test's environment: every process started under it carries it. */
export function marker(): { name: string; value: string } {
  return { name: 'ONCALL_TEST_MARK', value: randomUUID() };
}

/** The processes (pid and command) alive now whose environment carries `mark`. */
export function processesMarked(mark: { name: string; value: string }): string[] {
  const needle = `${mark.name}=${mark.value}`;
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (!env.includes(needle)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // A zombie waits for its parent to read it: not running.
      if (/^\d+ \(.*\) Z /.test(stat)) continue;
      found.push(
        `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()}`,
      );
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** Ends every process carrying `mark` (what a failed test left running). */
export function endMarked(mark: { name: string; value: string }): void {
  for (const line of processesMarked(mark)) {
    try {
      process.kill(Number(line.split(' ')[0]), 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}

/** An askpass program that leaves `<file>` behind when it runs (and answers a password). */
function askpassMarker(dir: string): { program: string; ran: string } {
  const ran = `${dir}/askpass-ran`;
  const program = `${dir}/askpass`;
  writeFileSync(program, `#!/bin/sh\necho "$@" >> '${ran}'\necho hunter2\n`, { mode: 0o755 });
  return { program, ran };
}

/**
 * A terminal set up like an IDE's, where git would ask for credentials every
 * way it can: GIT_ASKPASS and SSH_ASKPASS in `env`, core.askPass in the
 * .gitconfig `writeConfig` puts in a home; all name a program that leaves
 * `ran` behind when it runs. `env` carries the test's `mark` too.
 */
function ideAskpass(mark: { name: string; value: string }): {
  env: NodeJS.ProcessEnv;
  writeConfig: (home: string) => void;
  ran: string;
} {
  const askpass = askpassMarker(mkdtempSync(join(tmpdir(), 'oncall-ide-')));
  return {
    env: {
      [mark.name]: mark.value,
      GIT_ASKPASS: askpass.program,
      SSH_ASKPASS: askpass.program,
      SSH_ASKPASS_REQUIRE: 'prefer',
      DISPLAY: ':0',
    },
    writeConfig: (home) =>
      writeFileSync(join(home, '.gitconfig'), `[core]\n\taskPass = ${askpass.program}\n`),
    ran: askpass.ran,
  };
}

/**
 * A laptop (a sandbox `make` builds, in process or for the built bin) whose
 * terminal would ask for credentials every way it can, were git allowed to
 * (ideAskpass), with background syncs off: `askpassRan` is left if any asked.
 */
export function inIdeTerminal<B extends { dir: string }>(
  mark: { name: string; value: string },
  actor: string,
  make: (env: NodeJS.ProcessEnv) => B,
): B & { askpassRan: string } {
  const ide = ideAskpass(mark);
  const box = make({ ONCALL_ACTOR: actor, ONCALL_SYNC: 'off', ...ide.env });
  ide.writeConfig(box.dir);
  return Object.assign(box, { askpassRan: ide.ran });
}
