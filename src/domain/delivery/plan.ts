// Which channels a message goes to, and the delivery.queued event for each:
// where it goes (the channel's config, which holds no secret) and exactly
// what it says (the request body, built now from the message: redacted,
// neutralised, escaped and sized for the channel). Recorded with the event it
// delivers, in one append: nothing is sent that was not first written down,
// and nothing written down is forgotten.
import type { ChannelConfig, PagerDutyConfig, ResolvedConfig } from '../config/schema.js';
import type { EventInput } from '../incident/events.js';
import { safeBlock, safeStrings } from '../text/terminal-safe.js';
import { commandRequest } from './channels/command.js';
import { alertBody, dedupKeyFor, triggerBody } from './channels/pagerduty.js';
import { type PagerDutyIncidentRef, restQueued } from './channels/pagerduty-rest.js';
import { slackBody } from './channels/slack.js';
import { teamsBody } from './channels/teams.js';
import { webhookBody } from './channels/webhook.js';
import type { Message } from './message.js';
import type { OpenAlert } from './outbox.js';
import { outgoingMessage, type Redact } from './outgoing.js';
import { fitRequest } from './sizes.js';

/** One channel a message goes through. */
export interface Route {
  channel: string;
  config: ChannelConfig;
}

/** The named channels that exist in config, and the names that do not. */
export function routesFor(
  config: Pick<ResolvedConfig, 'channels'>,
  names: readonly string[],
): { routes: Route[]; unknown: string[] } {
  const routes: Route[] = [];
  const unknown: string[] = [];
  for (const name of new Set(names)) {
    const channel = config.channels[name];
    if (channel) routes.push({ channel: name, config: channel });
    else unknown.push(name);
  }
  return { routes, unknown };
}

/** Where it goes, as recorded: the channel's config; a program also keeps the folder it runs in. */
function targetOf(route: Route, cwd: string): Record<string, unknown> {
  return route.config.type === 'command' ? { ...route.config, cwd } : { ...route.config };
}

function requestFor(
  message: Message,
  route: Route,
  delivery: string,
  dedupKey: string | undefined,
): Record<string, unknown> {
  const { config } = route;
  switch (config.type) {
    case 'pagerduty':
      return {
        body: triggerBody(message, {
          dedupKey: dedupKey ?? '',
          ...(config.source ? { source: config.source } : {}),
        }),
      };
    case 'slack':
      return { body: slackBody(message) };
    case 'teams':
      return { body: teamsBody(message) };
    case 'webhook':
      return { body: webhookBody(message, delivery) };
    case 'command':
      return commandRequest(message, delivery);
  }
}

/**
 * The request for `message` through `route`: built from its texts redacted by
 * `redact` and neutralised (outgoing.ts), every string of it neutralised again
 * (the event it quotes too), and within the channel's size.
 */
function safeRequest(
  message: Message,
  route: Route,
  delivery: string,
  dedupKey: string | undefined,
  redact: Redact,
): Record<string, unknown> {
  const request = requestFor(outgoingMessage(message, redact), route, delivery, dedupKey);
  return fitRequest(route.config.type, safeStrings(request, safeBlock));
}

/** The delivery.queued event for `message` through `route`, its texts redacted by `redact`. */
export function queuedFor(
  message: Message,
  route: Route,
  cwd: string,
  redact: Redact,
): EventInput<'delivery.queued'> {
  const delivery = `${message.event.id}.${route.channel}`;
  const pagerduty = route.config.type === 'pagerduty';
  const dedupKey = pagerduty ? dedupKeyFor(message.incident.id, message.to?.key) : undefined;
  // Only the newest status update to a channel waits; one alert per person takes the newest text.
  const collapse = pagerduty
    ? `alert/${route.channel}/${dedupKey}`
    : message.kind === 'update'
      ? `update/${route.channel}`
      : undefined;
  return {
    type: 'delivery.queued',
    delivery,
    source: message.event.id,
    channel: route.channel,
    via: route.config.type,
    kind: message.kind,
    ...(message.to ? { to: message.to.key, toName: message.to.name } : {}),
    ...(dedupKey ? { dedupKey } : {}),
    ...(collapse ? { collapse } : {}),
    target: targetOf(route, cwd),
    request: safeRequest(message, route, delivery, dedupKey, redact),
  };
}

/** Acknowledge or resolve one PagerDuty alert this incident triggered. */
export function alertQueued(
  sourceId: string,
  action: 'acknowledge' | 'resolve',
  alert: OpenAlert,
  config: Pick<ResolvedConfig, 'channels'>,
): EventInput<'delivery.queued'> {
  // Today's config for the channel if it is still PagerDuty (a fixed key name applies), else as triggered.
  const now = config.channels[alert.channel];
  const target = now?.type === 'pagerduty' ? { ...now } : alert.target;
  return {
    type: 'delivery.queued',
    delivery: `${sourceId}.${alert.channel}.${alert.to ?? 'updates'}`,
    source: sourceId,
    channel: alert.channel,
    via: 'pagerduty',
    kind: action,
    ...(alert.to ? { to: alert.to } : {}),
    ...(alert.toName ? { toName: alert.toName } : {}),
    dedupKey: alert.dedupKey,
    collapse: `alert/${alert.channel}/${alert.dedupKey}`,
    target,
    request: { body: alertBody(action, alert.dedupKey) },
  };
}

/**
 * An action on the PagerDuty incident an incident came from (acknowledge,
 * resolve, a note), its words (already redacted by the caller) neutralised and
 * within the size, as every channel's are.
 */
export function pagerdutyActionQueued(
  source: string,
  kind: 'acknowledge' | 'resolve' | 'note',
  ref: PagerDutyIncidentRef,
  config: PagerDutyConfig,
  text?: string,
): EventInput<'delivery.queued'> {
  const queued = restQueued(source, kind, ref, config, text);
  return {
    ...queued,
    request: fitRequest('pagerduty-rest', safeStrings(queued.request, safeBlock)),
  };
}
