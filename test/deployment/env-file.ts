import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** One `KEY=value` line of an env file and the comment lines right above it. */
export interface EnvEntry {
  key: string;
  value: string;
  /** Text of the `#` lines directly above the entry (no blank line between), joined. */
  comment: string;
}

/**
 * Reads an env file with Node's own parser (the one behind `node --env-file`), so quoting
 * is understood exactly as a service started that way would understand it.
 */
export function readEnvFile(file: string): Record<string, string> {
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** The entries of an env file in order, each with the comment block above it. */
export function envEntries(file: string): EnvEntry[] {
  const values = readEnvFile(file);
  const entries: EnvEntry[] = [];
  let comment: string[] = [];
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      comment = [];
    } else if (line.startsWith('#')) {
      comment.push(line.replace(/^#+\s?/, ''));
    } else {
      const key = line.slice(0, line.indexOf('=')).replace(/^export\s+/, '');
      entries.push({ key, value: values[key] ?? '', comment: comment.join(' ') });
      comment = [];
    }
  }
  return entries;
}
