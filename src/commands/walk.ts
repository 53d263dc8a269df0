// Seam between `oncall start` and the runbook walk-through (issue 3 fills this in).
import type { ResolvedConfig } from '../config/schema.js';
import type { Context } from '../context.js';
import type { Severity } from '../incident/events.js';
import type { IncidentRef } from '../store/incidents.js';
import type { StartOptions } from './start.js';

export interface StartPlan {
  /** True when start has nothing more to do (e.g. --dry-run printed the steps). */
  done: boolean;
  defaults: { severity?: Severity; service?: string };
}

export async function beforeOpen(
  _ctx: Context,
  _config: ResolvedConfig,
  _options: StartOptions,
): Promise<StartPlan> {
  return { done: false, defaults: {} };
}

export async function afterOpen(
  _ctx: Context,
  _config: ResolvedConfig,
  _ref: IncidentRef,
  _options: StartOptions,
  _plan: StartPlan,
): Promise<void> {}
