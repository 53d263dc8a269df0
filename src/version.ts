// This oncall's version, read only when asked: package.json sits one folder
// above both src/ (this file) and dist/ (the chunk it is bundled into).
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  const file = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
