// Commands run (by oncall run, a walk, or typed in a shell) and the runbook walk-through.
// One builder per event type, as in events.ts (which joins the families).
import * as z from 'zod/mini';
import { base, nth, runbookRef } from './event-parts.js';
export const walkEventBuilders = {
  // ── commands ──────────────────────────────────────────────────────────
  'command.started': () =>
    z.object({
      ...base(),
      type: z.literal('command.started'),
      runId: z.string().check(z.minLength(1)),
      argv: z.array(z.string()).check(z.minLength(1)),
      /**
       * Set when the command is run through a shell the user or runbook named
       * explicitly; for a command typed in a shell (`via: 'shell'`), that shell.
       */
      shell: z.optional(z.string()),
      /** `shell`: typed by the responder in their own shell; argv is then the line as typed. */
      via: z.optional(z.literal('shell')),
      /**
       * The values a runbook script reads from its environment (`"${ONCALL_NODE_NAME}"`
       * in argv), so the log says exactly what ran; secret values are never here.
       */
      values: z.optional(z.record(z.string(), z.string())),
      cwd: z.string(),
      stepId: z.optional(z.string()),
      /** Which of the step's commands it is, from 1 (a plain runbook's section offers several). */
      command: z.optional(nth()),
      /** A wait step's poll: its attempt number in that wait (1 starts a new wait). */
      poll: z.optional(nth()),
    }),
  'command.finished': () =>
    z.object({
      ...base(),
      type: z.literal('command.finished'),
      runId: z.string().check(z.minLength(1)),
      exitCode: z.nullable(z.int()),
      signal: z.optional(z.string()),
      durationMs: z.number().check(z.gte(0)),
      /** Last lines of combined output, secrets redacted. */
      outputTail: z.string(),
      interrupted: z.optional(z.boolean()),
      stepId: z.optional(z.string()),
      /** What a walk's command left in its shell: set (`withheld`: secret values), unset, cwd. */
      variables: z.optional(z.record(z.string(), z.string())),
      withheld: z.optional(z.array(z.string())),
      unset: z.optional(z.array(z.string())),
      cwdAfter: z.optional(z.string()),
      /** The line (from 1) of a several-line command that failed; the rest did not run. */
      failedLine: z.optional(nth()),
      /** A typed pipeline's exit codes, one per command, when it had more than one. */
      pipestatus: z.optional(z.array(z.int())),
      /**
       * Where the command is in the session recording of `oncall shell`: the
       * asciicast file beside the log, and seconds from its start.
       */
      castRange: z.optional(
        z.object({
          file: z.string().check(z.minLength(1)),
          start: z.number().check(z.gte(0)),
          end: z.number().check(z.gte(0)),
        }),
      ),
    }),
  /** A plain runbook's command the responder chose not to run: the step offers the next one. */
  'command.skipped': () =>
    z.object({ ...base(), type: z.literal('command.skipped'), stepId: z.string(), command: nth() }),
  // ── runbook walk-through ──────────────────────────────────────────────
  'runbook.attached': () =>
    z.object({ ...base(), type: z.literal('runbook.attached'), runbook: runbookRef() }),
  'step.started': () =>
    z.object({ ...base(), type: z.literal('step.started'), stepId: z.string() }),
  'step.completed': () =>
    z.object({
      ...base(),
      type: z.literal('step.completed'),
      stepId: z.string(),
      note: z.optional(z.string()),
    }),
  'step.skipped': () =>
    z.object({
      ...base(),
      type: z.literal('step.skipped'),
      stepId: z.string(),
      reason: z.string().check(z.minLength(1)),
    }),
  'step.answered': () =>
    z.object({
      ...base(),
      type: z.literal('step.answered'),
      stepId: z.string(),
      variable: z.string(),
      /** Omitted for secret answers: secrets never enter the log. */
      value: z.optional(z.string()),
      secret: z.optional(z.boolean()),
    }),
  'step.decided': () =>
    z.object({
      ...base(),
      type: z.literal('step.decided'),
      stepId: z.string(),
      choice: z.string(),
      next: z.string(),
    }),
  'step.waited': () =>
    z.object({
      ...base(),
      type: z.literal('step.waited'),
      stepId: z.string(),
      outcome: z.enum(['elapsed', 'passed', 'timed-out', 'cancelled']),
      waitedMs: z.number().check(z.gte(0)),
      /** How many times the check was polled (a countdown polls none). */
      polls: z.optional(z.int().check(z.gte(0))),
    }),
  'walk.moved': () =>
    z.object({
      ...base(),
      type: z.literal('walk.moved'),
      from: z.optional(z.string()),
      to: z.string(),
      reason: z.enum(['back', 'jump']),
    }),
  'walk.paused': () =>
    z.object({ ...base(), type: z.literal('walk.paused'), stepId: z.optional(z.string()) }),
  /** The walk was taken up again (`oncall resume`, or a new `start` of the same incident). */
  'walk.resumed': () =>
    z.object({ ...base(), type: z.literal('walk.resumed'), stepId: z.optional(z.string()) }),
  /** A runbook command the responder changed before running it: both texts, as shown. */
  'command.edited': () =>
    z.object({
      ...base(),
      type: z.literal('command.edited'),
      stepId: z.string(),
      original: z.string(),
      edited: z.string(),
    }),
  'walk.finished': () =>
    z.object({ ...base(), type: z.literal('walk.finished'), summary: z.optional(z.string()) }),
};
