// What a delivery carries, channel-neutral: the rendered text (Markdown, as the
// responder saw it printed) and the facts a channel lays out on its own (the
// ask, the impact, the lists: Markdown too, what anyone typed escaped as the
// template's fields are; the headline and the incident's fields are plain). Built from the same view models the templates
// render, so the page, the post and the printed text never disagree.
import type { OncallEvent } from '../incident/events.js';
import type { escalationModel, handoffModel, updateModel } from '../render/models.js';
import { markdownText } from '../text/markdown.js';

type EscalationModel = ReturnType<typeof escalationModel>;
type HandoffModel = ReturnType<typeof handoffModel>;
type UpdateModel = ReturnType<typeof updateModel>;

/** A titled list: what was tried, what is open, what is ruled out... */
export interface MessageSection {
  /** Stable, for machines (PagerDuty's custom_details): tried, failed, open, ruled_out... */
  key: string;
  title: string;
  items: string[];
}

export interface Message {
  kind: 'escalation' | 'handoff' | 'update';
  /** The recorded event this message delivers; its id goes in every message. */
  event: OncallEvent;
  incident: {
    id: string;
    title: string;
    severity: string;
    status: string;
    statusText: string;
    service?: string;
    commander: string;
  };
  /** One line: the page's summary, the post's header. */
  headline: string;
  /** The text as rendered from the team's template and printed. */
  markdown: string;
  ask?: string;
  impact: string;
  /** A paragraph of its own: an update's words, a handoff's note. */
  body?: string;
  sections: MessageSection[];
  /** Who it is for (an escalation, a handoff); `slack`: their member id, mentioned in a Slack post. */
  to?: { key: string; name: string; slack?: string };
  links: { name: string; url: string }[];
}

type Header = Pick<
  UpdateModel,
  'id' | 'title' | 'severity' | 'status' | 'statusText' | 'service' | 'commander' | 'impact'
>;

function incidentOf(model: Header): Message['incident'] {
  return {
    id: model.id,
    title: model.title,
    severity: model.severity,
    status: model.status,
    statusText: model.statusText,
    ...(model.service ? { service: model.service } : {}),
    commander: model.commander,
  };
}

/** Drops empty lists: a channel shows only what has something in it. */
function sections(...all: MessageSection[]): MessageSection[] {
  return all.filter((s) => s.items.length > 0);
}

const timed = (lines: { at: string; text: string }[]) =>
  lines.map((l) => `${l.at} ${markdownText(l.text)}`);

/** A list as the short form fitted it: its newest items, and a line for those it left out. */
const fitted = (list: { items: { at: string; text: string }[]; more: number }) => [
  ...(list.more ? [`(+${list.more} more)`] : []),
  ...timed(list.items),
];

/**
 * The escalation's lists, in the printed text's order and form: on a phone
 * screen (the short form) as fitted there, repeats collapsed; everything with --long.
 */
function escalationSections(model: EscalationModel): MessageSection[] {
  const { phone } = model;
  type Lists = 'changed' | 'found' | 'failed' | 'open' | 'ruledOut';
  const pick = (short: Lists, all: { at: string; text: string }[]) =>
    phone ? fitted(phone[short]) : timed(all);
  return sections(
    { key: 'changed', title: 'Changed', items: pick('changed', model.changed) },
    { key: 'found', title: 'Found', items: pick('found', model.found) },
    { key: 'did_not_work', title: 'Did not work', items: pick('failed', model.failed) },
    { key: 'open', title: 'Open hypotheses', items: pick('open', model.openHypotheses) },
    { key: 'ruled_out', title: 'Ruled out', items: pick('ruledOut', model.ruledOut) },
    { key: 'next_update', title: 'Next update', items: [markdownText(model.next)] },
  );
}

export function escalationMessage(
  model: EscalationModel,
  event: OncallEvent,
  markdown: string,
): Message {
  return {
    kind: 'escalation',
    event,
    incident: incidentOf(model),
    headline: `Escalation to ${model.to.name}: ${model.title}`,
    markdown,
    ask: markdownText(model.ask),
    impact: markdownText(`${model.impact} · trend: ${model.trend}`),
    sections: escalationSections(model),
    to: recipientOf(model.to),
    links: model.links,
  };
}

/** Who a message is for, with their Slack member id when config has one. */
function recipientOf(to: { key: string; name: string; slack?: string }): Message['to'] {
  return { key: to.key, name: to.name, ...(to.slack ? { slack: to.slack } : {}) };
}

export function handoffMessage(model: HandoffModel, event: OncallEvent, markdown: string): Message {
  return {
    kind: 'handoff',
    event,
    incident: incidentOf(model),
    headline: `Handoff to ${model.to.name}: ${model.title}`,
    markdown,
    impact: markdownText(`${model.impact} · trend: ${model.trend}`),
    ...(model.note ? { body: markdownText(model.note) } : {}),
    sections: sections(
      { key: 'unresolved', title: 'Still unresolved', items: model.unresolved.map(markdownText) },
      { key: 'tasks', title: 'Open tasks', items: model.tasks.map(markdownText) },
      { key: 'changed', title: 'Changed', items: timed(model.changed) },
      { key: 'found', title: 'Found', items: timed(model.found) },
      { key: 'ruled_out', title: 'Ruled out', items: timed(model.ruledOut) },
    ),
    to: recipientOf(model.to),
    links: model.links,
  };
}

export function updateMessage(model: UpdateModel, event: OncallEvent, markdown: string): Message {
  return {
    kind: 'update',
    event,
    incident: incidentOf(model),
    headline: `${model.severity} · ${model.title}: ${model.statusText}`,
    markdown,
    impact: markdownText(model.impact),
    body: markdownText(model.text),
    sections: sections({ key: 'next', title: 'Next update', items: [markdownText(model.next)] }),
    links: [],
  };
}

/** "`2026-03-12-0210-checkout` · SEV2 · Investigating · event 0195…": in every post, so a duplicate shows. */
export function contextLine(message: Message): string {
  const { incident } = message;
  return `${incident.id} · ${incident.severity} · ${incident.statusText} · IC ${incident.commander} · event ${message.event.id}`;
}
