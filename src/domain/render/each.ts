// Handlebars' own `each` builds its result as `ret = ret + row`: on a long
// night's postmortem (100,000 timeline rows, each a dozen pieces) that is a
// million-node string tree kept alive to the end, copied by every young-generation
// collection, then flattened in one go. This `each` renders an array exactly as
// handlebars' does (same frame: @index, @first, @last, @key; same block params;
// an array this long is never empty, so no `else` block) but joins the rows a batch at a time, so
// each batch becomes one flat string and its pieces die young.
// Anything but a plain array (an object, an iterable, a compat-mode path) is
// left to handlebars' own helper.

interface EachOptions {
  fn: (value: unknown, options: { data?: unknown; blockParams?: unknown[] }) => string;
  data?: Record<string, unknown>;
  ids?: unknown;
}

type Helper = (this: unknown, context: unknown, options: EachOptions) => string;

interface HelperUtils {
  createFrame(data: object): Record<string, unknown>;
  blockParams(params: unknown[], ids: unknown[]): unknown[];
}

/** Rows joined per batch: big enough to make few strings, small enough that the pieces die young. */
const BATCH = 256;

/**
 * `spill`, when given, takes the joined batches and returns what stands in for
 * them in the output (see renderPieces in templates.ts): the rows are then never
 * joined into one string at all.
 */
export function joinedEach(
  original: Helper,
  utils: HelperUtils,
  spill?: (batches: string[]) => string,
): Helper {
  return function each(this: unknown, context: unknown, options: EachOptions): string {
    if (!Array.isArray(context) || options?.ids || context.length < BATCH) {
      return original.call(this, context, options);
    }
    const data = options.data ? utils.createFrame(options.data) : undefined;
    const joined: string[] = [];
    let batch: string[] = [];
    const last = context.length - 1;
    for (let i = 0; i <= last; i++) {
      if (!(i in context)) continue;
      if (data) {
        data.key = i;
        data.index = i;
        data.first = i === 0;
        data.last = i === last;
      }
      const value = context[i];
      // Block params' ids matter only in compat mode, which goes to the original.
      batch.push(
        options.fn(value, { data, blockParams: utils.blockParams([value, i], [null, null]) }),
      );
      if (batch.length === BATCH) {
        joined.push(batch.join(''));
        batch = [];
      }
    }
    joined.push(batch.join(''));
    return spill ? spill(joined) : joined.join('');
  };
}
