// A stand-in for PagerDuty's REST API v2 (api-schema reference/REST/openapiv3.json,
// developer-docs REST-API/*.md; /work/notes/contracts.md A1), on the project's
// local server (http-server.ts): it holds incidents and their alerts, answers
// GET /incidents/{id|number}, GET /incidents/{id}/alerts, PUT /incidents/{id}
// (acknowledge, resolve, reopen), POST /incidents/{id}/notes and GET
// /users/me, checks `Authorization: Token token=…` and the `From` rule
// (required with an account token, optional with a user token), and records
// every request. Faults for every request (`fault`) or the next few
// (`script`): 401, 403, 404, 429 with the ratelimit-* headers, 500, a custom
// answer, or no answer at all (a hang, to prove the timeout).
//
// Error bodies follow the documented shape {error:{message,code,errors?}} and
// the documented codes; where a message was only seen in bug reports (the
// missing-From one) it is marked below. Where PagerDuty's behaviour is
// unconfirmed (re-acknowledging answers 200; PUT by number is a 404) the
// choice is said where it is made.
import {
  documentedService,
  type FakeService,
  type Faults,
  type Received,
  type Reply,
} from './http-server.js';
import {
  ACCOUNT_TOKEN,
  type Alert,
  type FakePagerDutyOptions,
  type Fault,
  faultReply,
  type Incident,
  type IncidentSeed,
  type Note,
  pdError,
  READ_ONLY_TOKEN,
  type TokenKind,
  USER_EMAIL,
  USER_TOKEN,
  type UserReference,
} from './pagerduty-shapes.js';

export { ACCOUNT_TOKEN, READ_ONLY_TOKEN, USER_EMAIL, USER_TOKEN };

/** The server (its url has no path prefix, like https://api.pagerduty.com) and what it holds. */
export interface FakePagerDuty extends Omit<FakeService, 'script' | 'fallback'>, Faults<Fault> {
  incidents: Map<string, Incident>;
  alerts: Map<string, Alert[]>;
  notes: Map<string, Note[]>;
  addIncident(seed: IncidentSeed): Incident;
}

const API = 'https://api.pagerduty.com';
const JSON_TYPE = 'application/json; charset=utf-8';
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export async function fakePagerDuty(options: FakePagerDutyOptions = {}): Promise<FakePagerDuty> {
  const tokens: Record<string, TokenKind> = options.tokens ?? {
    [ACCOUNT_TOKEN]: 'account',
    [USER_TOKEN]: 'user',
    [READ_ONLY_TOKEN]: 'read-only',
  };
  const users = options.users ?? [USER_EMAIL];
  const noteStatus = options.noteStatus ?? 200;
  const resetSeconds = options.rateLimitResetSeconds ?? 20;
  const web = `https://${options.subdomain ?? 'acme'}.pagerduty.com`;
  const now = options.now ?? (() => new Date());
  const iso = () =>
    now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');

  const incidents = new Map<string, Incident>();
  const alerts = new Map<string, Alert[]>();
  const notes = new Map<string, Note[]>();
  let serial = 0;
  let nextNumber = 1234;

  const pdId = (prefix: string) =>
    `${prefix}${(++serial).toString(36).toUpperCase().padStart(6, '0')}`;
  const userRef = (email: string): UserReference => {
    const id = `PU${Buffer.from(email).toString('hex').slice(0, 5).toUpperCase()}`;
    return {
      id,
      type: 'user_reference',
      summary: email.split('@')[0] ?? email,
      self: `${API}/users/${id}`,
      html_url: `${web}/users/${id}`,
    };
  };
  const countAlerts = (id: string) => {
    const list = alerts.get(id) ?? [];
    const triggered = list.filter((a) => a.status === 'triggered').length;
    return { all: list.length, triggered, resolved: list.length - triggered };
  };

  const addIncident = (seed: IncidentSeed): Incident => {
    const id = seed.id ?? pdId('Q');
    const number = seed.number ?? nextNumber++;
    const created = seed.createdAt ?? iso();
    const service = seed.service ?? { id: 'PIJ90N7', summary: 'checkout' };
    const serviceRef = {
      id: service.id,
      type: 'service_reference' as const,
      summary: service.summary,
      self: `${API}/services/${service.id}`,
      html_url: `${web}/service-directory/${service.id}`,
    };
    const key = seed.incidentKey ?? `key-${id.toLowerCase()}`;
    alerts.set(
      id,
      (seed.alerts ?? []).map((a): Alert => {
        const alertId = a.id ?? pdId('PA');
        const contexts = (a.links ?? []).map((l) => ({ type: 'link', ...l }));
        const details = a.details ?? {};
        return {
          id: alertId,
          type: 'alert',
          summary: a.summary,
          self: `${API}/incidents/${id}/alerts/${alertId}`,
          html_url: `${web}/alerts/${alertId}`,
          created_at: created,
          status: a.status ?? 'triggered',
          alert_key: a.alertKey ?? key,
          service: serviceRef,
          body: {
            type: 'alert_body',
            contexts,
            details,
            ...(a.cefDetails
              ? {
                  cef_details: {
                    contexts,
                    dedup_key: a.alertKey ?? key,
                    description: a.summary,
                    details,
                    message: a.summary,
                    severity: a.severity ?? 'critical',
                  },
                }
              : {}),
          },
          incident: { id, type: 'incident_reference' },
          suppressed: false,
          severity: a.severity ?? 'critical',
        };
      }),
    );
    const status = seed.status ?? 'triggered';
    const incident: Incident = {
      id,
      type: 'incident',
      summary: `[#${number}] ${seed.title}`,
      self: `${API}/incidents/${id}`,
      html_url: `${web}/incidents/${id}`,
      incident_number: number,
      title: seed.title,
      created_at: created,
      updated_at: created,
      status,
      incident_key: key,
      service: serviceRef,
      assignments:
        status === 'resolved' ? [] : [{ at: created, assignee: userRef(users[0] ?? USER_EMAIL) }],
      assigned_via: 'escalation_policy',
      last_status_change_at: created,
      resolved_at: status === 'resolved' ? created : null,
      alert_counts: countAlerts(id),
      acknowledgements:
        status === 'acknowledged'
          ? [{ at: created, acknowledger: userRef(users[0] ?? USER_EMAIL) }]
          : [],
      priority:
        seed.priority == null
          ? null
          : {
              id: `PP${seed.priority.replace(/\W/g, '').toUpperCase()}`,
              type: 'priority_reference',
              summary: seed.priority,
              self: `${API}/priorities/PP${seed.priority.replace(/\W/g, '').toUpperCase()}`,
            },
      urgency: seed.urgency ?? 'high',
      resolve_reason: null,
      incident_type: { name: 'incident_default' },
      escalation_policy: {
        id: 'PT20YPA',
        type: 'escalation_policy_reference',
        summary: 'Default',
        self: `${API}/escalation_policies/PT20YPA`,
        html_url: `${web}/escalation_policies/PT20YPA`,
      },
      teams: [],
      pending_actions: [],
      is_mergeable: true,
    };
    incidents.set(id, incident);
    return incident;
  };
  for (const seed of options.incidents ?? []) addIncident(seed);

  /** The normal answer: auth, then the route. */
  const route = (req: Received): Reply => {
    const auth = /^Token token=(\S+)$/.exec(String(req.headers.authorization ?? ''));
    const kind = auth?.[1] ? tokens[auth[1]] : undefined;
    if (!kind) return faultReply('unauthorized', resetSeconds);
    if (kind === 'read-only' && req.method !== 'GET') return faultReply('forbidden', resetSeconds);
    const ok = (body: unknown, status = 200): Reply => ({ status, body: JSON.stringify(body) });
    const notFound = () => faultReply('not-found', resetSeconds);

    if (req.method === 'GET' && req.pathname === '/users/me') {
      if (kind === 'user')
        return ok({ user: { ...userRef(users[0] ?? USER_EMAIL), type: 'user', email: users[0] } });
      // python-pagerduty's test: account tokens get a 400 whose `error` is a string.
      return {
        status: 400,
        body: JSON.stringify({
          error:
            "Because this request was made using an account-level access token, we were unable to determine the user's identity. Please use a user-level token.",
        }),
      };
    }

    const m = /^\/incidents\/([^/]+)(\/alerts|\/notes)?$/.exec(req.pathname);
    if (!m?.[1]) return notFound();
    const ref = decodeURIComponent(m[1]);
    const sub = m[2] ?? '';

    // Only GET /incidents/{id} documents "an incident id, or an incident number".
    const byId = incidents.get(ref);
    const incident =
      byId ??
      (sub === '' && req.method === 'GET' && /^\d+$/.test(ref)
        ? [...incidents.values()].find((i) => i.incident_number === Number(ref))
        : undefined);

    if (req.method === 'GET' && sub === '') return incident ? ok({ incident }) : notFound();

    if (req.method === 'GET' && sub === '/alerts') {
      if (!incident) return notFound();
      const statuses = req.query['statuses[]'] ?? [];
      const all = (alerts.get(incident.id) ?? []).filter(
        (a) => statuses.length === 0 || statuses.includes(a.status),
      );
      // Classic pagination: 25 by default, at most 100 a page (the answer's `limit` says
      // what was used), `offset` + `limit` at most 10,000.
      const asked = Number(req.query.limit?.[0] ?? 25);
      const limit = Math.min(asked, 100);
      const offset = Number(req.query.offset?.[0] ?? 0);
      if (
        !Number.isInteger(limit) ||
        !Number.isInteger(offset) ||
        limit < 1 ||
        offset < 0 ||
        offset + limit > 10_000
      ) {
        return {
          status: 400,
          body: pdError('Invalid Input Provided', 2001, ['Invalid limit or offset']),
        };
      }
      return ok({
        alerts: all.slice(offset, offset + limit),
        limit,
        offset,
        more: offset + limit < all.length,
        total: req.query.total?.[0] === 'true' ? all.length : null,
      });
    }

    if (req.method === 'GET' && sub === '/notes') {
      return incident ? ok({ notes: notes.get(incident.id) ?? [] }) : notFound();
    }

    const write =
      (req.method === 'PUT' && sub === '') || (req.method === 'POST' && sub === '/notes');
    if (!write) return notFound();
    const contentType = String(req.headers['content-type'] ?? '');
    if (!contentType.toLowerCase().startsWith('application/json')) {
      return {
        status: 400,
        body: pdError('Invalid Input Provided', 2001, ['Content-Type must be application/json']),
      };
    }
    // The From rule: account (and app) tokens must name a user; user tokens may.
    const from = req.headers.from === undefined ? undefined : String(req.headers.from);
    if (from === undefined && kind === 'account') {
      // Seen in PagerDuty/pdpyras#78 and airflow-pagerduty-plugin#1 (code from the issue title).
      return {
        status: 400,
        body: pdError(
          'You must specify a user\'s email address in the "From" header to perform this action',
          2016,
        ),
      };
    }
    if (from !== undefined && !EMAIL.test(from)) {
      // Seen in PagerDuty/go-pagerduty#336.
      return { status: 400, body: pdError('Malformed "From" header', 1028) };
    }
    if (from !== undefined && !users.includes(from)) {
      return { status: 400, body: pdError('Requester User Not Found', 1008) };
    }
    if (!incident) return notFound();
    if (req.body === undefined || typeof req.body !== 'object' || req.body === null) {
      return {
        status: 400,
        body: pdError('Invalid Input Provided', 2001, ['Body must be a JSON object']),
      };
    }
    const actor = userRef(from ?? users[0] ?? USER_EMAIL);
    const at = iso();

    if (sub === '/notes') {
      const note = (req.body as { note?: { content?: unknown } }).note;
      if (typeof note?.content !== 'string' || note.content.trim() === '') {
        return {
          status: 400,
          body: pdError('Invalid Input Provided', 2001, ['Note content is required']),
        };
      }
      const created: Note = {
        id: pdId('PN'),
        user: actor,
        channel: { summary: 'The PagerDuty website or APIs' },
        content: note.content,
        created_at: at,
        updated_at: at,
      };
      notes.set(incident.id, [...(notes.get(incident.id) ?? []), created]);
      return ok({ note: created }, noteStatus);
    }

    const update = (
      req.body as { incident?: { type?: unknown; status?: unknown; resolution?: unknown } }
    ).incident;
    if (!update || (update.type !== 'incident' && update.type !== 'incident_reference')) {
      return {
        status: 400,
        body: pdError('Invalid Input Provided', 2001, [
          'incident.type must be incident or incident_reference',
        ]),
      };
    }
    if (update.status !== undefined) {
      if (
        update.status !== 'acknowledged' &&
        update.status !== 'resolved' &&
        update.status !== 'triggered'
      ) {
        return { status: 400, body: pdError('Invalid Status Provided', 1003) };
      }
      // Re-acknowledging or re-resolving answers 200 here: what PagerDuty does is unconfirmed.
      if (incident.status !== update.status) {
        incident.status = update.status;
        incident.last_status_change_at = at;
        incident.last_status_change_by = actor;
        if (update.status === 'acknowledged') {
          incident.acknowledgements = [{ at, acknowledger: actor }];
          incident.resolved_at = null;
          if (incident.assignments.length === 0) incident.assignments = [{ at, assignee: actor }];
        } else if (update.status === 'resolved') {
          incident.resolved_at = at;
          incident.assignments = [];
          incident.acknowledgements = [];
          for (const a of alerts.get(incident.id) ?? []) a.status = 'resolved';
          incident.alert_counts = countAlerts(incident.id);
        } else {
          incident.acknowledgements = [];
          incident.resolved_at = null;
        }
      }
    }
    incident.updated_at = at;
    return ok({ incident });
  };

  /** PagerDuty answers JSON, errors included. */
  const typed = (reply: Reply): Reply => ({
    ...reply,
    headers: { 'Content-Type': JSON_TYPE, ...reply.headers },
  });
  const faultStep = (f: Fault) => (f === 'hang' ? f : typed(faultReply(f, resetSeconds)));
  const { service, faults } = await documentedService<Fault>(
    (req) => typed(route(req)),
    faultStep,
    () => typed({ status: 400, body: pdError('Invalid Input Provided', 2001, ['Invalid JSON']) }),
  );
  return {
    ...service,
    incidents,
    alerts,
    notes,
    addIncident,
    ...faults,
  };
}
