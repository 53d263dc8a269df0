// The data home a command's context names: apart from load.ts, so that what
// only needs the folder (`oncall note`, recording an event) does not pull in
// the loader, which reads oncall's version for its notes (infra/store/checked.ts).
import type { Context } from '../../context.js';
import { dataHome } from '../../infra/store/paths.js';

export function homeOf(ctx: Context): string {
  return dataHome(ctx.env);
}
