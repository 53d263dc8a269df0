// Local stand-ins that answer as each service documents (or was observed) to
// answer, from /work/notes/contracts.md: PagerDuty Events API v2 (B7), Slack
// incoming webhooks (B5), Teams Workflows (B6). Each checks what the real one
// checks and refuses the same way, so a test on them fails where production
// would. Where a contract says nothing (PagerDuty's words for a body over
// 512 KB), the stand-in's choice is named as such.
import type { Received, Reply, Responder } from './http-server.js';

const json = (status: number, body: unknown): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

const chars = (text: string) => [...text].length;

/** PagerDuty's 400 for an event it cannot take (B7: status, message, errors). */
const invalid = (error: string) =>
  json(400, { status: 'invalid event', message: 'Event object is invalid', errors: [error] });

/** B7: required fields, their values and lengths; 512 KB a body. */
export function pagerdutyAnswers(options: { maxBytes?: number } = {}): Responder {
  const maxBytes = options.maxBytes ?? 512 * 1024;
  return (request: Received) => {
    // Not documented: PagerDuty's words for a body over its limit (the stand-in's own).
    if (Buffer.byteLength(request.raw) > maxBytes)
      return invalid(`Payload is too large (${Buffer.byteLength(request.raw)} bytes)`);
    if (typeof request.body !== 'object' || request.body === null) {
      return json(400, {
        status: 'Unrecognized object',
        message: 'Event object format is unrecognized',
        errors: ['JSON parse error'],
      });
    }
    const event = request.body as Record<string, unknown>;
    if (String(event.routing_key ?? '').length !== 32)
      return invalid("Length of 'routing_key' is incorrect (should be 32 characters)");
    if (!['trigger', 'acknowledge', 'resolve'].includes(String(event.event_action)))
      return invalid("'event_action' is invalid");
    if (event.dedup_key !== undefined && String(event.dedup_key).length > 255)
      return invalid("'dedup_key' is too long");
    if (event.event_action === 'trigger') {
      const payload = (event.payload ?? {}) as Record<string, unknown>;
      if (typeof payload.summary !== 'string' || typeof payload.source !== 'string')
        return invalid("'payload.summary' and 'payload.source' are required");
      if (chars(payload.summary) > 1024) return invalid("'payload.summary' is too long");
      if (!['critical', 'error', 'warning', 'info'].includes(String(payload.severity)))
        return invalid("'payload.severity' is invalid");
      const links = (event.links ?? []) as { href?: unknown }[];
      if (!Array.isArray(links) || links.some((l) => typeof l.href !== 'string'))
        return invalid("'links[].href' is required");
    } else if (event.dedup_key === undefined) return invalid("'dedup_key' is required");
    return json(202, { status: 'success', message: 'Event processed', dedup_key: event.dedup_key });
  };
}

type Block = {
  type?: string;
  text?: { type?: string; text?: string };
  elements?: { text?: string }[];
};

/** Text of every block, as Slack counts it (characters). */
const blockChars = (blocks: Block[]) =>
  blocks.reduce(
    (sum, b) =>
      sum +
      chars(b.text?.text ?? '') +
      (b.elements ?? []).reduce((s, e) => s + chars(e.text ?? ''), 0),
    0,
  );

/** Why Slack would refuse these blocks (B5 limits), if it would. */
function blocksProblem(blocks: Block[]): string | undefined {
  if (blocks.length > 50) return 'invalid_blocks';
  for (const b of blocks) {
    if (b.type === 'header' && (b.text?.type !== 'plain_text' || chars(b.text.text ?? '') > 150))
      return 'invalid_blocks';
    if (b.type === 'section' && chars(b.text?.text ?? '') > 3000) return 'invalid_blocks';
    if (b.type === 'context' && (b.elements ?? []).length > 10) return 'invalid_blocks';
  }
  // Observed, below every documented limit (bolt-js#2509).
  return blockChars(blocks) > 13_200 ? 'msg_blocks_too_long' : undefined;
}

/**
 * B5: 200 `ok`. A body that is not JSON of a message: 400 `invalid_payload`
 * (the 2016 changelog: "cannot be understood as presented"); no text and no
 * blocks: 400 `no_text`; a top-level `text` Slack would not take whole
 * (chat.postMessage truncates past 40,000 characters; `msg_too_long`) or
 * `maxBytes` set: 400 `msg_too_long`; blocks over their limits:
 * `invalid_blocks`, `msg_blocks_too_long`. The 400 for the last three is the
 * stand-in's choice: Slack documents the words, not their status.
 */
export function slackAnswers(options: { maxBytes?: number } = {}): Responder {
  return (request: Received) => {
    const message = request.body as { text?: unknown; blocks?: unknown } | null;
    if (typeof message !== 'object' || message === null || Array.isArray(message))
      return { status: 400, body: 'invalid_payload' };
    if (message.blocks !== undefined && !Array.isArray(message.blocks))
      return { status: 400, body: 'invalid_payload' };
    if (options.maxBytes !== undefined && Buffer.byteLength(request.raw) > options.maxBytes)
      return { status: 400, body: 'msg_too_long' };
    const blocks = (message.blocks ?? []) as Block[];
    if (typeof message.text !== 'string' && blocks.length === 0)
      return { status: 400, body: 'no_text' };
    if (typeof message.text === 'string' && chars(message.text) > 40_000)
      return { status: 400, body: 'msg_too_long' };
    const problem = blocksProblem(blocks);
    return problem ? { status: 400, body: problem } : { status: 200, body: 'ok' };
  };
}

/** A captive portal's (a hotel's or a conference's Wi-Fi) or a proxy's sign-in page: 200, HTML. */
export const PORTAL_PAGE: Reply = {
  status: 200,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
  body: '<!DOCTYPE html><html><head><title>Welcome: sign in to the Wi-Fi</title></head><body><form action="/portal/login"></form></body></html>',
};

/** Where a captive portal sends every request: its sign-in page. */
export const PORTAL_REDIRECT: Reply = { status: 302, headers: { Location: '/portal/login' } };

/**
 * A captive portal in front of a service: every request is redirected to its
 * page, whose GET (or any request to it) is a 200 with HTML. Nothing reaches the service.
 */
export const captivePortal: Responder = (request) =>
  request.pathname === '/portal/login' ? PORTAL_PAGE : PORTAL_REDIRECT;

/** The portal's page answered directly (a transparent proxy): 200, HTML, for a POST too. */
export const portalPage: Responder = () => PORTAL_PAGE;

/** Whether a Teams flow would post this message: one Adaptive Card, under 28 KB (B6). */
export function teamsWouldPost(request: Received): boolean {
  const message = request.body as { type?: string; attachments?: { contentType?: string }[] };
  return (
    Buffer.byteLength(request.raw) < 28 * 1024 &&
    message?.type === 'message' &&
    message.attachments?.length === 1 &&
    message.attachments[0]?.contentType === 'application/vnd.microsoft.card.adaptive'
  );
}

/** B6: a Workflows webhook answers 202, empty, whatever the flow will make of it. */
export const teamsAnswers: Responder = () => ({ status: 202 });

/** What a legacy Office 365 connector says in its 200 when Teams refused the message (contracts B6). */
export const connectorRefused = (status: number) =>
  `Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error ${status} with ContextId tcid=0,server=msgapi-production-eus-azsc2-4-170,cv=deadbeef.0`;

/**
 * B6, the legacy connector (`…webhook.office.com/webhookb2/…`): `200 1` when
 * posted, and 200 too when Teams refused it (over 28 KB: its 413), the
 * refusal in the body ("Connectors do not throw 429s").
 */
export const teamsConnectorAnswers: Responder = (request) =>
  Buffer.byteLength(request.raw) < 28 * 1024
    ? { status: 200, body: '1' }
    : { status: 200, body: connectorRefused(413) };

/** Every string in a JSON value, with where it is (`payload.custom_details.tried.3`). */
export function stringLeaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    stringLeaves(child, path ? `${path}.${key}` : key),
  );
}
