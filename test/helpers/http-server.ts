// A stand-in for PagerDuty, Slack, Alertmanager or any webhook: a real HTTP
// server on 127.0.0.1, started by the test, that records every request
// (method, path, query, headers, JSON body) and answers from a script: a
// status, a Retry-After, no answer at all (a hang, to prove the timeout), or a
// dropped connection. Past the script it answers with its default, or as the
// service documents it would (documented.ts, fake-pagerduty.ts,
// fake-alertmanager.ts). It can go down (connections refused) and come back
// on the same URL.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Answer only after this long (a slow service; two senders overlapping). */
  delayMs?: number;
}
/** hang: never answered; reset: the connection is dropped with no answer. */
export type Step = Reply | 'hang' | 'reset';
/** An answer decided from the request, as a real service decides (helpers/documented.ts). */
export type Responder = (request: Received) => Step;

export interface Received {
  method: string;
  /** The request target as sent, query included. */
  path: string;
  pathname: string;
  /** Each query parameter's values, in order (`filter` may repeat). */
  query: Record<string, string[]>;
  headers: IncomingMessage['headers'];
  raw: string;
  body: unknown;
}

export interface FakeService {
  /** http://127.0.0.1:<port> */
  url: string;
  received: Received[];
  /** Queues answers for the next requests, in order. */
  script(...steps: Step[]): void;
  /** What to answer once the script is used up: always the same, or decided from the request. */
  fallback(reply: Reply | Responder): void;
  /** Resolves when `count` requests have arrived; fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  /** Stops listening (connections refused) until `up()`; the URL stays the same. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function fakeService(
  fallback: Reply | Responder = { status: 200, body: 'ok' },
): Promise<FakeService> {
  const received: Received[] = [];
  const steps: Step[] = [];
  const sockets = new Set<Socket>();
  const waiters: { count: number; done: () => void }[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // not JSON: kept as text
      }
      const target = new URL(req.url ?? '/', 'http://fake');
      const query: Record<string, string[]> = {};
      for (const [k, v] of target.searchParams) query[k] = [...(query[k] ?? []), v];
      const request: Received = {
        method: req.method ?? '',
        path: req.url ?? '',
        pathname: target.pathname,
        query,
        headers: req.headers,
        raw,
        body,
      };
      received.push(request);
      for (const w of waiters.filter((w) => received.length >= w.count)) w.done();
      const step = steps.shift() ?? (typeof fallback === 'function' ? fallback(request) : fallback);
      if (step === 'hang') {
        hanging.push(res);
        return;
      }
      if (step === 'reset') {
        req.socket.destroy();
        return;
      }
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(step.status, { 'Content-Type': 'text/plain', ...step.headers });
        res.end(step.body ?? '');
      };
      if (step.delayMs) setTimeout(answer, step.delayMs);
      else answer();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging.splice(0)) res.destroy();
      for (const socket of sockets) socket.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (...more) => {
      steps.push(...more);
    },
    fallback: (reply) => {
      fallback = reply;
    },
    waitFor: (count, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        if (received.length >= count) return resolve(received);
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} requests, got ${received.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          done: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      }),
    down: stop,
    up: () =>
      new Promise<void>((resolve, reject) => {
        if (server.listening) return resolve();
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      }),
    close: stop,
  };
}

/** A documented stand-in's controls: a standing fault, a script of them, or a fault for the requests a rule picks. */
export interface Faults<F> {
  fault(f: F | null): void;
  script(...faults: F[]): void;
  /** Answer the requests `match` picks with `fault` (the next `times` of them), the others normally. */
  when(match: (request: Received) => boolean, fault: F, times?: number): void;
}

/**
 * A service that answers as `route` documents, unless a fault was asked for
 * (what `step` turns it into); a body that is not JSON gets `badJson`.
 */
export async function documentedService<F>(
  route: (req: Received) => Reply,
  step: (f: F) => Step,
  badJson: (req: Received) => Reply,
): Promise<{ service: FakeService; faults: Faults<F> }> {
  let standing: F | null = null;
  const rules: { match: (r: Received) => boolean; fault: F; left: number }[] = [];
  const service = await fakeService((req) => {
    const rule = rules.find((r) => r.left > 0 && r.match(req));
    if (rule) {
      rule.left--;
      return step(rule.fault);
    }
    if (standing !== null) return step(standing);
    if (req.raw !== '' && typeof req.body === 'string') return badJson(req);
    return route(req);
  });
  return {
    service,
    faults: {
      fault: (f) => {
        standing = f;
      },
      script: (...faults) => service.script(...faults.map(step)),
      when: (match, fault, times = Number.POSITIVE_INFINITY) => {
        rules.push({ match, fault, left: times });
      },
    },
  };
}
