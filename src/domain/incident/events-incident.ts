// The lifecycle of an incident and the words people record: opened, milestones,
// severity and impact, notes, updates, escalations, handoffs, responders.
// One builder per event type, as in events.ts (which joins the families).
import * as z from 'zod/mini';
import {
  base,
  isoTs,
  linksSchema,
  nextUpdateDue,
  noteKindSchema,
  severitySchema,
  sourceSchema,
} from './event-parts.js';
export const incidentEventBuilders = {
  // ── lifecycle ─────────────────────────────────────────────────────────
  'incident.opened': () =>
    z.object({
      ...base(),
      type: z.literal('incident.opened'),
      title: z.string().check(z.minLength(1)),
      service: z.optional(z.string()),
      severity: severitySchema(),
      impact: z.optional(z.string()),
      /** When it really began (e.g. from the alert); `ts` is when it was acknowledged. */
      startedAt: z.optional(isoTs()),
      /** When it was detected (someone or something noticed), if known. */
      detectedAt: z.optional(isoTs()),
      /** When the alert fired (`--alerted-at`, or the alert's own time): time to acknowledge counts from it. */
      alertedAt: z.optional(isoTs()),
      alert: z.optional(z.string()),
      /** The alert's labels (`--label namespace=web`): defaults for a runbook's placeholders. */
      labels: z.optional(z.record(z.string(), z.string())),
      /** Where it came from (`start --from`): the PagerDuty incident, or the Alertmanager alert. */
      source: z.optional(sourceSchema()),
      /** Links the alert carried: the PagerDuty incident, the graph that fired, the runbook_url. */
      links: z.optional(linksSchema()),
      nextUpdateDue: nextUpdateDue(),
    }),
  'incident.mitigated': () =>
    z.object({ ...base(), type: z.literal('incident.mitigated'), summary: z.optional(z.string()) }),
  'incident.resolved': () =>
    z.object({ ...base(), type: z.literal('incident.resolved'), summary: z.optional(z.string()) }),
  'severity.changed': () =>
    z.object({
      ...base(),
      type: z.literal('severity.changed'),
      from: severitySchema(),
      to: severitySchema(),
      reason: z.optional(z.string()),
      nextUpdateDue: nextUpdateDue(),
    }),
  'impact.changed': () =>
    z.object({
      ...base(),
      type: z.literal('impact.changed'),
      impact: z.string().check(z.minLength(1)),
    }),
  // ── words ─────────────────────────────────────────────────────────────
  note: () =>
    z.object({
      ...base(),
      type: z.literal('note'),
      kind: noteKindSchema(),
      text: z.string().check(z.minLength(1)),
      /** The run whose (expected) failure this finding explains: no loose end. */
      runId: z.optional(z.string().check(z.minLength(1))),
      /** The id of the hypothesis a `confirmed` note confirms (the open one its text is closest to). */
      hypothesis: z.optional(z.string().check(z.minLength(1))),
    }),
  'update.sent': () =>
    z.object({
      ...base(),
      type: z.literal('update.sent'),
      text: z.string().check(z.minLength(1)),
      /** The rendered stakeholder message, as printed. */
      message: z.optional(z.string()),
      channel: z.optional(z.string()),
      nextUpdateDue: nextUpdateDue(),
    }),
  escalation: () =>
    z.object({
      ...base(),
      type: z.literal('escalation'),
      to: z.string().check(z.minLength(1)),
      toName: z.optional(z.string()),
      ask: z.optional(z.string()),
      channel: z.optional(z.string()),
    }),
  handoff: () =>
    z.object({
      ...base(),
      type: z.literal('handoff'),
      from: z.string().check(z.minLength(1)),
      to: z.string().check(z.minLength(1)),
      toName: z.optional(z.string()),
      note: z.optional(z.string()),
    }),
  /** The incoming commander took the handoff (`oncall handoff --accept`). */
  'handoff.accepted': () =>
    z.object({
      ...base(),
      type: z.literal('handoff.accepted'),
      /** The id of the handoff event accepted. */
      handoff: z.string().check(z.minLength(1)),
    }),
  /** Someone joined a shared incident (`oncall join`): their log starts here. */
  'responder.joined': () => z.object({ ...base(), type: z.literal('responder.joined') }),
};
