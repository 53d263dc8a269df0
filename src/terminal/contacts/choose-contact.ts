// Choosing the contact to escalate to or hand over to: the flag's value, or on a
// terminal a pick from the contacts. Resolving a name is pure (domain/contacts);
// asking is the terminal's.
import type { Context } from '../../context.js';
import type { ResolvedConfig } from '../../domain/config/schema.js';
import {
  displayName,
  knownNames,
  type ResolvedContact,
  reachWords,
  resolveContact,
} from '../../domain/contacts/contacts.js';
import { UsageError } from '../../errors.js';

/**
 * Who to escalate to or hand over to: the flag's value, else (with a terminal) a
 * pick from the contacts. Without a terminal a missing flag fails fast, naming it.
 */
export async function chooseContact(
  ctx: Context,
  config: ResolvedConfig,
  who: string | undefined,
  question: string,
  flag = '--to',
): Promise<ResolvedContact> {
  const keys = Object.keys(config.contacts).sort();
  if (who === undefined && ctx.interactive && keys.length) {
    const { askChoice } = await import('../ui/prompts.js');
    const key = await askChoice(ctx, {
      flag,
      message: question,
      choices: keys.map((k) => {
        const c = config.contacts[k];
        const reach = c ? reachWords(c) : undefined;
        return { value: k, name: c ? `${displayName(c)}${reach ? ` · ${reach}` : ''}` : k };
      }),
    });
    return resolveContact(config, key, flag);
  }
  if (who === undefined) {
    throw new UsageError(`missing ${flag} <who>: name one person. ${knownNames(keys)}`);
  }
  return resolveContact(config, who, flag);
}
