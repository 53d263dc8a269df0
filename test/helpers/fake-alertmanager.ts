// A stand-in for Alertmanager's API v2 (prometheus/alertmanager
// api/v2/openapi.yaml, behaviour from api/v2/api.go and silence/silence.go at
// v0.34; /work/notes/contracts.md A2, A3), on the project's local server
// (http-server.ts): it holds alerts and silences and answers GET
// /api/v2/alerts with `active`, `silenced`, `inhibited` and repeated `filter`
// matchers honoured (and `unprocessed` accepted but ignored, as the real
// handler does), GET /api/v2/alerts/groups, GET and POST /api/v2/silences,
// GET and DELETE /api/v2/silence/{id} (singular), GET /api/v2/status. A silence
// posted here silences the matching alerts (status.silencedBy, state
// "suppressed"). Every request is recorded. Faults: down (connection
// refused), reset (connection dropped), hang, 500, or any scripted answer.
//
// Error bodies: handler errors are JSON strings ("Failed to create silence:
// …"), as the spec's `type: string` responses; request validation errors are
// go-openapi's {code, message} with 422.
import { randomUUID } from 'node:crypto';
import {
  type AlertSeed,
  anchored,
  type FakeAlertmanager,
  type FakeAlertmanagerOptions,
  type Fault,
  fingerprintOf,
  JSON_TYPE,
  type LabelSet,
  type Matcher,
  matches,
  parseBool,
  parseMatcher,
  type Silence,
  UUID,
  webhookPayload,
} from './alertmanager-shapes.js';
import { documentedService, type Received, type Reply, type Step } from './http-server.js';

export type { FakeAlertmanager };
export { webhookPayload };

export async function fakeAlertmanager(
  options: FakeAlertmanagerOptions = {},
): Promise<FakeAlertmanager> {
  const now = options.now ?? (() => new Date());
  const started = now().toISOString();
  const alerts = new Map<string, AlertSeed & { fingerprint: string }>();
  const silences = new Map<string, Silence>();

  const addAlert = (seed: AlertSeed): string => {
    const fingerprint = seed.fingerprint ?? fingerprintOf(seed.labels);
    alerts.set(fingerprint, { ...seed, fingerprint });
    return fingerprint;
  };
  for (const seed of options.alerts ?? []) addAlert(seed);
  for (const s of options.silences ?? []) silences.set(s.id, { ...s, updatedAt: started });

  const stateOf = (s: Silence, t: number): 'expired' | 'active' | 'pending' => {
    if (Date.parse(s.endsAt) <= t) return 'expired';
    if (Date.parse(s.startsAt) > t) return 'pending';
    return 'active';
  };
  const gettableSilence = (s: Silence) => ({
    id: s.id,
    status: { state: stateOf(s, now().getTime()) },
    updatedAt: s.updatedAt,
    matchers: s.matchers,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    createdBy: s.createdBy,
    comment: s.comment,
    ...(s.annotations ? { annotations: s.annotations } : {}),
  });

  /** The alert as GET /api/v2/alerts returns it, silences applied; undefined once expired. */
  const gettableAlert = (a: AlertSeed & { fingerprint: string }, t: number) => {
    if (a.endsAt && Date.parse(a.endsAt) < t) return undefined;
    const silencedBy = [...silences.values()]
      .filter((s) => stateOf(s, t) === 'active' && s.matchers.every((m) => matches(m, a.labels)))
      .map((s) => s.id)
      .sort();
    const inhibitedBy = a.inhibitedBy ?? [];
    const state =
      silencedBy.length > 0 || inhibitedBy.length > 0 ? 'suppressed' : (a.state ?? 'active');
    return {
      labels: a.labels,
      annotations: a.annotations ?? {},
      startsAt: a.startsAt ?? started,
      endsAt: a.endsAt ?? new Date(t + 4 * 60_000).toISOString(),
      updatedAt: new Date(t).toISOString(),
      generatorURL: a.generatorURL ?? '',
      fingerprint: a.fingerprint,
      receivers: (a.receivers ?? ['oncall']).map((name) => ({ name })),
      status: { state, silencedBy, inhibitedBy, mutedBy: [] as string[] },
    };
  };

  const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });
  /** go-openapi's ServeError: validation codes >= 600 are sent as 422. */
  const invalid = (code: number, message: string): Reply =>
    json(code >= 600 ? 422 : code, { code, message });

  /** The `active`, `silenced`… query booleans (default true), or the 422 go-swagger sends for a bad one. */
  const flags = (
    query: Record<string, string[]>,
    names: string[],
  ): { on: Record<string, boolean> } | { error: Reply } => {
    const on: Record<string, boolean> = {};
    for (const name of names) {
      const raw = query[name]?.[0];
      const value = raw === undefined ? true : parseBool(raw);
      if (value === undefined) {
        return { error: invalid(601, `${name} in query must be of type bool: "${raw}"`) };
      }
      on[name] = value;
    }
    return { on };
  };

  /** The alerts a GET /alerts or /alerts/groups would list, or an error reply. */
  const selectAlerts = (query: Record<string, string[]>, names: string[]) => {
    const f = flags(query, names);
    if ('error' in f) return f.error;
    const { on } = f;
    const matchers: Matcher[] = [];
    for (const text of query.filter ?? []) {
      const m = parseMatcher(text);
      if (!m) return json(400, `bad matcher format: ${text}`);
      matchers.push(m);
    }
    let receiver: RegExp | undefined;
    const receiverParam = query.receiver?.[0];
    if (receiverParam !== undefined) {
      try {
        receiver = anchored(receiverParam);
      } catch (e) {
        return json(400, `failed to parse receiver param: ${(e as Error).message}`);
      }
    }
    const t = now().getTime();
    return [...alerts.values()]
      .filter((a) => matchers.every((m) => matches(m, a.labels)))
      .filter((a) => !receiver || (a.receivers ?? ['oncall']).some((r) => receiver.test(r)))
      .map((a) => gettableAlert(a, t))
      .filter((a) => a !== undefined)
      .filter((a) => on.active !== false || a.status.state !== 'active')
      .filter((a) => on.silenced !== false || a.status.silencedBy.length === 0)
      .filter((a) => on.inhibited !== false || a.status.inhibitedBy.length === 0)
      .sort((x, y) => (x.fingerprint < y.fingerprint ? -1 : 1));
  };

  const postSilence = (body: unknown): Reply => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return invalid(
        400,
        'parsing silence body from "" failed, because the body is not a JSON object',
      );
    }
    const b = body as Record<string, unknown>;
    for (const field of ['matchers', 'startsAt', 'endsAt', 'createdBy', 'comment']) {
      if (b[field] === undefined || b[field] === null)
        return invalid(602, `${field} in body is required`);
    }
    if (typeof b.createdBy !== 'string' || typeof b.comment !== 'string') {
      return invalid(601, 'createdBy and comment in body must be of type string');
    }
    if (!Array.isArray(b.matchers) || b.matchers.length === 0) {
      return invalid(604, 'matchers in body should have at least 1 items');
    }
    const matchers: Matcher[] = [];
    for (const [i, raw] of b.matchers.entries()) {
      const m = raw as Record<string, unknown>;
      for (const field of ['name', 'value', 'isRegex']) {
        if (m?.[field] === undefined)
          return invalid(602, `matchers.${i}.${field} in body is required`);
      }
      if (
        typeof m.name !== 'string' ||
        typeof m.value !== 'string' ||
        typeof m.isRegex !== 'boolean'
      ) {
        return invalid(601, `matchers.${i} in body has a field of the wrong type`);
      }
      if (m.isEqual !== undefined && typeof m.isEqual !== 'boolean') {
        return invalid(601, `matchers.${i}.isEqual in body must be of type boolean`);
      }
      matchers.push({
        name: m.name,
        value: m.value,
        isRegex: m.isRegex,
        isEqual: (m.isEqual as boolean) ?? true,
      });
    }
    const startsAt = Date.parse(String(b.startsAt));
    const endsAt = Date.parse(String(b.endsAt));
    if (Number.isNaN(startsAt)) return invalid(602, 'startsAt in body must be of type date-time');
    if (Number.isNaN(endsAt)) return invalid(602, 'endsAt in body must be of type date-time');
    if (b.id !== undefined && typeof b.id !== 'string')
      return invalid(601, 'id in body must be of type string');
    const t = now().getTime();
    // postSilencesHandler, in its order.
    if (startsAt >= endsAt) {
      return json(400, 'Failed to create silence: start time must be before end time');
    }
    if (endsAt < t) return json(400, "Failed to create silence: end time can't be in the past");
    // silences.Set → validateSilence.
    for (const [i, m] of matchers.entries()) {
      if (m.name === '')
        return json(
          400,
          `invalid silence: invalid label matcher ${i} in set 0: invalid label name ""`,
        );
      if (m.isRegex) {
        try {
          anchored(m.value);
        } catch (e) {
          return json(
            400,
            `invalid silence: invalid label matcher ${i} in set 0: ${(e as Error).message}`,
          );
        }
      }
    }
    if (matchers.every((m) => matches(m, {}))) {
      return json(
        400,
        'invalid silence: matcher set 0: at least one matcher must not match the empty string',
      );
    }
    const id = b.id as string | undefined;
    const prev = id ? silences.get(id) : undefined;
    if (id && !prev) return json(404, 'silence not found');
    const sil: Silence = {
      id: id ?? '',
      matchers,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      createdBy: b.createdBy,
      comment: b.comment,
      ...(b.annotations && typeof b.annotations === 'object'
        ? { annotations: b.annotations as LabelSet }
        : {}),
      updatedAt: new Date(t).toISOString(),
    };
    if (prev) {
      // canUpdate: same matchers, and for an active silence the same start and an end not past.
      const state = stateOf(prev, t);
      const same = JSON.stringify(prev.matchers) === JSON.stringify(matchers);
      const keep =
        same &&
        ((state === 'active' &&
          Math.floor(Date.parse(prev.startsAt) / 1000) === Math.floor(startsAt / 1000) &&
          endsAt >= t) ||
          (state === 'pending' && startsAt >= t));
      if (keep) {
        silences.set(prev.id, { ...sil, id: prev.id });
        return json(200, { silenceID: prev.id });
      }
      if (state !== 'expired') expire(prev, t);
    }
    if (startsAt < t) sil.startsAt = new Date(t).toISOString();
    sil.id = randomUUID();
    silences.set(sil.id, sil);
    return json(200, { silenceID: sil.id });
  };

  const expire = (s: Silence, t: number) => {
    const at = new Date(t).toISOString();
    const state = stateOf(s, t);
    if (state === 'active') s.endsAt = at;
    if (state === 'pending') {
      s.startsAt = at;
      s.endsAt = at;
    }
    if (state !== 'expired') s.updatedAt = at;
  };

  const route = (req: Received): Reply => {
    const { method, pathname, query } = req;
    if (method === 'GET' && pathname === '/api/v2/status') {
      return json(200, {
        cluster: { status: options.clusterStatus ?? 'disabled', peers: [] },
        versionInfo: {
          version: options.version ?? '0.34.0',
          revision: 'fake',
          branch: 'HEAD',
          buildUser: 'fake@localhost',
          buildDate: '20260816-00:00:00',
          goVersion: 'go1.25.0',
        },
        config: {
          original: options.config ?? 'route:\n  receiver: oncall\nreceivers:\n- name: oncall\n',
        },
        uptime: started,
      });
    }
    if (method === 'GET' && pathname === '/api/v2/alerts') {
      const out = selectAlerts(query, ['active', 'silenced', 'inhibited', 'unprocessed']);
      return Array.isArray(out) ? json(200, out) : out;
    }
    if (method === 'GET' && pathname === '/api/v2/alerts/groups') {
      const out = selectAlerts(query, ['active', 'silenced', 'inhibited', 'muted']);
      if (!Array.isArray(out)) return out;
      type Group = {
        labels: LabelSet;
        routeLabels: LabelSet;
        receiver: { name: string };
        alerts: NonNullable<ReturnType<typeof gettableAlert>>[];
      };
      const groups = new Map<string, Group>();
      for (const a of out) {
        for (const r of a.receivers) {
          const labels = { alertname: a.labels.alertname ?? '' };
          const key = `${r.name}\u00ff${labels.alertname}`;
          const g: Group = groups.get(key) ?? { labels, routeLabels: {}, receiver: r, alerts: [] };
          g.alerts.push(a);
          groups.set(key, g);
        }
      }
      const muted = query.muted?.[0] !== undefined && parseBool(query.muted[0]) === false;
      return json(
        200,
        [...groups.values()].filter(
          (g) => !muted || g.alerts.some((a) => a.status.state !== 'suppressed'),
        ),
      );
    }
    if (method === 'GET' && pathname === '/api/v2/silences') {
      const f = flags(query, ['active', 'expired', 'pending']);
      if ('error' in f) return f.error;
      const { on } = f;
      const t = now().getTime();
      return json(
        200,
        [...silences.values()].filter((s) => on[stateOf(s, t)] !== false).map(gettableSilence),
      );
    }
    if (method === 'POST' && pathname === '/api/v2/silences') return postSilence(req.body);
    const one = /^\/api\/v2\/silence\/([^/]+)$/.exec(pathname);
    if (one?.[1] && (method === 'GET' || method === 'DELETE')) {
      const id = decodeURIComponent(one[1]);
      if (!UUID.test(id)) return invalid(605, `silenceID in path must be of type uuid: "${id}"`);
      const s = silences.get(id);
      if (!s) return { status: 404 };
      if (method === 'GET') return json(200, gettableSilence(s));
      expire(s, now().getTime());
      return { status: 200 };
    }
    const known = ['/api/v2/status', '/api/v2/alerts', '/api/v2/alerts/groups', '/api/v2/silences'];
    if (known.includes(pathname) || one) {
      return invalid(405, `method ${method} is not allowed`);
    }
    return invalid(404, `path ${pathname} was not found`);
  };

  /** A body is JSON (a JSON string for handler errors); an empty one has no type. */
  const typed = (reply: Reply): Reply =>
    reply.body ? { ...reply, headers: { 'Content-Type': JSON_TYPE, ...reply.headers } } : reply;
  const faultStep = (f: Fault): Step =>
    f === 'hang' || f === 'reset'
      ? f
      : f === 'server-error'
        ? typed(json(500, 'internal error'))
        : typed(f);
  const { service, faults } = await documentedService<Fault>(
    (req) => typed(route(req)),
    faultStep,
    (req) =>
      typed(
        invalid(400, `parsing body from "" failed, because ${req.raw.slice(0, 40)} is not JSON`),
      ),
  );
  return {
    ...service,
    silences,
    addAlert,
    removeAlert: (fingerprint) => {
      alerts.delete(fingerprint);
    },
    ...faults,
  };
}
