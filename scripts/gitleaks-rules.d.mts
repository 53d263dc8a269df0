// Types for the conversion script, so tests can check the generated rules are up to date.
export function convert(goSource: string): [string, string];
export function generate(toml: string): { module: string; summary: string };
export const PATHS: { source: string; out: string };
