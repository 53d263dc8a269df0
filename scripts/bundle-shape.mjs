// The fast bundles' own shape (build.mjs): Node's modules as ES modules of
// the bundle, and every bundle all ASCII. Kept apart so build.mjs stays a
// plan of what is built.
import { createRequire } from 'node:module';

/** Getters of Node's modules that the bundles import by name (each is run when its module loads). */
const GETTERS_RUN_ON_LOAD = {
  'node:util': ['parseArgs'],
};

/**
 * A Node module as an ES module of the bundle: required once, each of its
 * values a named export. As CommonJS, every module importing it had its own
 * copy of all its names made (esbuild's __toESM: node:fs's hundred-odd, for
 * each of twenty importers), a few milliseconds of every command's start.
 * Getters (fs.promises, crypto.webcrypto: each loads more of Node) are
 * exported only when listed in GETTERS_RUN_ON_LOAD, as their value on load:
 * importing another fails the build, so none is run on start unawares; and
 * a name that is a value here but a getter on the Node that runs the bundle
 * is not run either (see below).
 */
export function builtinAsModule(path) {
  const module = createRequire(import.meta.url)(path);
  const names = Object.entries(Object.getOwnPropertyDescriptors(module))
    .filter(([name, d]) => 'value' in d || GETTERS_RUN_ON_LOAD[path]?.includes(name))
    .map(([name]) => name)
    .filter((name) => name !== 'default' && isIdentifier(name));
  const getters = GETTERS_RUN_ON_LOAD[path] ?? [];
  return [
    `const m = require(${JSON.stringify(path)});`,
    'export default m;',
    // A value here may be a getter on the Node that runs the bundle: Node 24 made
    // fs.F_OK & co. getters that warn they are deprecated (DEP0176), which every
    // command printed. Such a name is undefined there, and nothing is run.
    'const value = (name) => { const d = Object.getOwnPropertyDescriptor(m, name); return d !== undefined && "value" in d ? d.value : undefined; };',
    ...names.map((name) =>
      getters.includes(name)
        ? `export const ${name} = m.${name};`
        : `export const ${name} = value(${JSON.stringify(name)});`,
    ),
  ].join('\n');
}

function isIdentifier(name) {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  try {
    new Function(`const ${name} = 0;`);
    return true;
  } catch {
    return false;
  }
}

/**
 * A fast bundle all ASCII, so Node reads it as one byte a character: a single
 * `→` makes the whole 600 KB source a two-byte string, read ~1.5 ms slower on
 * every run. esbuild escapes strings; a character in a regex literal or a
 * String.raw it leaves, so those are written as \\uXXXX in src/.
 */
export function mustBeAscii(file, text) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: every character outside ASCII, control characters aside
  const at = text.search(/[^\x00-\x7f]/);
  if (at < 0) return text;
  const line = text.slice(0, at).split('\n').length;
  throw new Error(
    `build: ${file} line ${line} has ${JSON.stringify(text[at])} in "${text.slice(Math.max(0, at - 40), at + 10)}": write it as \\u${text.charCodeAt(at).toString(16).padStart(4, '0')} in the regex or String.raw in src/`,
  );
}

/** Regex literals of packages holding a character that is not ASCII, each as its \\u form (the same regex). */
const PACKAGE_REGEXES = [
  ['/([?!])\u2026/g', '/([?!])\\u2026/g'], // markdown-it's typographer: "?…" -> "?.."
];

export function escapeKnownRegexes(text) {
  return PACKAGE_REGEXES.reduce(
    (out, [literal, escaped]) => out.replaceAll(literal, escaped),
    text,
  );
}
