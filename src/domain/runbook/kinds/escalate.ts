// escalate steps: page a contact (`to: <contact key>`) with what we need from
// them (`ask: ...`); the summary itself is written by the walk from the log.
import type { EscalateStep } from '../types.js';
import type { StepInput } from './input.js';

export function buildEscalateStep({ head, notes, annotationLine, out }: StepInput): EscalateStep {
  const to = notes.get('to') ?? '';
  if (!to) out.error(annotationLine, `escalate step "${head.id}" needs to: <contact key>`);
  const ask = notes.get('ask');
  return { ...head, kind: 'escalate', to, ...(ask ? { ask } : {}), body: '' };
}
