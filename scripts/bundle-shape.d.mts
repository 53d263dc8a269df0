/** A Node module (`node:fs`) as the source of an ES module of a fast bundle. */
export function builtinAsModule(path: string): string;
export function mustBeAscii(file: string, text: string): string;
export function escapeKnownRegexes(text: string): string;
