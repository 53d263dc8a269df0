// ASCII character classes by code, for the finders that walk a text by hand
// (a regex's start found backwards): the same classes the patterns name.

/** `[A-Za-z]` */
export const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** `[0-9]` */
export const isDigit = (c: number) => c >= 48 && c <= 57;

/** `\w` without the u flag: `[A-Za-z0-9_]` */
export const isWordChar = (c: number) => isAsciiLetter(c) || isDigit(c) || c === 95;
