// The shapes of the PagerDuty stand-in (fake-pagerduty.ts): the tokens it
// knows, the faults it can be asked for, the incidents, alerts and notes it
// holds as the REST API v2 reference documents them, and its options.
import type { Reply } from './http-server.js';

/** How PagerDuty treats a token: account keys need `From` on writes; read-only keys only GET. */
export type TokenKind = 'account' | 'user' | 'read-only';

export const ACCOUNT_TOKEN = 'pd-account-token';
export const USER_TOKEN = 'pd-user-token';
export const READ_ONLY_TOKEN = 'pd-read-only-token';
export const USER_EMAIL = 'alice@example.com';

export type Fault =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'hang'
  | Reply;

interface AlertSeed {
  id?: string;
  summary: string;
  status?: 'triggered' | 'resolved';
  severity?: 'info' | 'warning' | 'error' | 'critical';
  alertKey?: string;
  details?: Record<string, unknown> | string;
  /** Links as the Events API stores them: {type:'link', href, text?}. */
  links?: { href: string; text?: string }[];
  /** Also send body.cef_details, as Events-v2 alerts do in practice (not in the spec). */
  cefDetails?: boolean;
}

export interface IncidentSeed {
  id?: string;
  number?: number;
  title: string;
  status?: 'triggered' | 'acknowledged' | 'resolved';
  urgency?: 'high' | 'low';
  /** Priority name ("P1"); null or absent: no priority. */
  priority?: string | null;
  service?: { id: string; summary: string };
  createdAt?: string;
  incidentKey?: string;
  alerts?: AlertSeed[];
}

/** The incident object as GET /incidents/{id} returns it (schema `Incident`). */
export interface Incident {
  id: string;
  type: 'incident';
  summary: string;
  self: string;
  html_url: string;
  incident_number: number;
  title: string;
  created_at: string;
  updated_at: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  incident_key: string;
  service: {
    id: string;
    type: 'service_reference';
    summary: string;
    self: string;
    html_url: string;
  };
  assignments: { at: string; assignee: UserReference }[];
  assigned_via: 'escalation_policy';
  last_status_change_at: string;
  resolved_at: string | null;
  alert_counts: { all: number; triggered: number; resolved: number };
  acknowledgements: { at: string; acknowledger: UserReference }[];
  priority: { id: string; type: 'priority_reference'; summary: string; self: string } | null;
  urgency: 'high' | 'low';
  resolve_reason: null;
  [more: string]: unknown;
}
export interface UserReference {
  id: string;
  type: 'user_reference';
  summary: string;
  self: string;
  html_url: string;
}
export interface Alert {
  id: string;
  type: 'alert';
  summary: string;
  self: string;
  html_url: string;
  created_at: string;
  status: 'triggered' | 'resolved';
  alert_key: string;
  service: Incident['service'];
  body: Record<string, unknown>;
  incident: { id: string; type: 'incident_reference' };
  suppressed: false;
  severity: 'info' | 'warning' | 'error' | 'critical';
  [more: string]: unknown;
}
export interface Note {
  id: string;
  user: UserReference;
  channel: { summary: string };
  content: string;
  created_at: string;
  updated_at: string;
}

export interface FakePagerDutyOptions {
  /** Known tokens and their kind. Default: ACCOUNT_TOKEN, USER_TOKEN, READ_ONLY_TOKEN. */
  tokens?: Record<string, TokenKind>;
  /** Emails of users that exist; a `From` outside them is "Requester User Not Found". */
  users?: string[];
  incidents?: IncidentSeed[];
  /** The spec says 200 for a new note, the errors page lists 201 Created: pick. */
  noteStatus?: 200 | 201;
  /** Seconds in ratelimit-reset on a 429. */
  rateLimitResetSeconds?: number;
  /** html_url host: https://<subdomain>.pagerduty.com/… */
  subdomain?: string;
  now?: () => Date;
}

/** PagerDuty's documented error body: {error:{message,code,errors?}}. */
export function pdError(message: string, code: number, errors?: string[]): string {
  return JSON.stringify({ error: { message, code, ...(errors ? { errors } : {}) } });
}

/** A fault as PagerDuty answers it: the documented status, code and (on 429) ratelimit-* headers. */
export function faultReply(f: Exclude<Fault, 'hang'>, resetSeconds: number): Reply {
  if (typeof f !== 'string') return f;
  switch (f) {
    case 'unauthorized':
      return { status: 401, body: pdError('Authentication failed', 2006) };
    case 'forbidden':
      return { status: 403, body: pdError('Access Denied', 2010) };
    case 'not-found':
      return { status: 404, body: pdError('Not Found', 2100) };
    case 'rate-limited':
      return {
        status: 429,
        headers: {
          'ratelimit-limit': '960',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(resetSeconds),
        },
        body: pdError('Rate Limit Exceeded', 2020),
      };
    case 'server-error':
      return {
        status: 500,
        body: pdError('An internal error has occurred. PagerDuty team has been notified.', 2000),
      };
  }
}
