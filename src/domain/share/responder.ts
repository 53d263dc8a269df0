// The name a responder's events go under on a share remote: a ref
// (refs/oncall/incidents/<id>/<name>) and the one file in it
// (incidents/<id>/events/<name>.jsonl). The actor (user@host) is free text:
// `josé@laptop` made git quote the path, `José@Laptop` and `josé@laptop` land
// on one file of a case-insensitive disk, NFC and NFD spell one name two ways.
// So the name is a readable ASCII slug of the actor plus 8 hex of its sha256:
// lower case [a-z0-9-], at most 49 characters, valid as a file name on every
// filesystem and as a ref component, never quoted, never colliding. It is not
// reversible and need not be: every event carries its actor.

import { sha256Hex } from '../text/hash.js';
import { folderSlug } from '../text/slug.js';

export function responderName(actor: string): string {
  const nfc = actor.normalize('NFC');
  const hash = sha256Hex(nfc).slice(0, 8);
  return `${folderSlug(nfc, { maxLength: 40, fallback: 'responder' })}-${hash}`;
}

/**
 * The file name shares made before refs gave a responder in the branch:
 * `incidents/<id>/events/<this>.jsonl` (the actor kept to \w.@+-). Read to
 * know whose file an old one is.
 */
export function branchFileBase(actor: string): string {
  return actor.replace(/[^\w.@+-]/g, '_').replace(/^\.+/, '_') || 'responder';
}
