// `oncall export` on the fast path (see command.ts): a night's export reads
// 100,000 events, and the full CLI's start was a tenth of it.
import { exportCommand } from '../commands/export/definition.js';
import { exportIncident } from '../commands/export/export.js';
import { fastCommand } from './command.js';

export const main = fastCommand(exportCommand, exportIncident);
