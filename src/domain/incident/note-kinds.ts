// The kinds of note (`oncall note --finding …`). Zod-free on purpose: the
// command definitions that `oncall --help` and the note fast path load list
// these kinds, and must not pull in the event schema to do it.

export const NOTE_KINDS = [
  'note',
  'action',
  'finding',
  'hypothesis',
  'ruled-out',
  'confirmed',
  'decision',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
