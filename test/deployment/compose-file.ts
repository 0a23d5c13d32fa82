import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Root of the repository (test/deployment/ is two levels down). */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** A service of a Compose file, with the keys these tests look at. */
export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  container_name?: string;
  ports?: Array<string | number | Record<string, unknown>>;
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string[] | string; interval?: string; timeout?: string; disable?: boolean };
  depends_on?: Record<string, { condition: string }> | string[];
  restart?: string;
  stop_grace_period?: string;
  profiles?: string[];
  volumes?: Array<string | Record<string, unknown>>;
  [key: string]: unknown;
}

/** A Compose file, as parsed (and, with {@link interpolate}, as Compose would see it). */
export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Parses a Compose file the way Compose does before interpolation: YAML 1.1 merge keys
 * (`<<: *anchor`) resolved, anchors expanded.
 */
export function parseComposeYaml(text: string): ComposeFile {
  return parse(text, { merge: true, maxAliasCount: -1 }) as ComposeFile;
}

/** Reads docker-compose.yml from the repository root, uninterpolated. */
export function readComposeFile(file = join(REPO_ROOT, 'docker-compose.yml')): ComposeFile {
  return parseComposeYaml(readFileSync(file, 'utf8'));
}

/** One `${VAR…}` or `$VAR` reference found in a string. */
export interface VariableReference {
  name: string;
  /** `:-`, `-`, `:?`, `?`, `:+`, `+`, or '' for a plain reference. */
  operator: string;
  argument: string;
}

// $$ (an escaped dollar), ${NAME[op arg]} or $NAME, as in the Compose specification's interpolation.
const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Every variable a string refers to (escaped `$$` excluded). */
export function variableReferences(text: string): VariableReference[] {
  const found: VariableReference[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    if (match[0] === '$$') continue;
    const name = match[1] ?? match[4];
    found.push({ name, operator: match[2] ?? '', argument: match[3] ?? '' });
  }
  return found;
}

/** Raised when a `${VAR:?message}` reference finds the variable unset (or empty). */
export class MissingVariableError extends Error {}

/**
 * Substitutes variables in one string with Compose's rules: `:-`/`-` default when unset
 * (`:` also when empty), `:?`/`?` error, `:+`/`+` alternative, `$$` a literal dollar.
 */
export function interpolateString(text: string, env: Record<string, string | undefined>): string {
  return text.replace(
    REFERENCE,
    (whole, braced: string | undefined, operator: string | undefined, argument: string | undefined, bare) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare;
      const value = env[name];
      const unset = value === undefined;
      const emptyOrUnset = unset || value === '';
      switch (operator) {
        case ':-':
          return emptyOrUnset ? (argument ?? '') : value;
        case '-':
          return unset ? (argument ?? '') : value;
        case ':?':
        case '?':
          if (operator === ':?' ? emptyOrUnset : unset) {
            throw new MissingVariableError(`${name}: ${argument || 'required variable is missing'}`);
          }
          return value as string;
        case ':+':
          return emptyOrUnset ? '' : (argument ?? '');
        case '+':
          return unset ? '' : (argument ?? '');
        default:
          return value ?? '';
      }
    },
  );
}

/** Interpolates every string value (not keys) of a parsed Compose file, as Compose does. */
export function interpolate<T>(value: T, env: Record<string, string | undefined>): T {
  if (typeof value === 'string') return interpolateString(value, env) as T;
  if (Array.isArray(value)) return value.map((item) => interpolate(item, env)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, env)])) as T;
  }
  return value;
}

/** Every string value in a parsed YAML tree, with its path (for error messages). */
export function stringLeaves(value: unknown, path = ''): Array<{ path: string; value: string }> {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, path ? `${path}.${key}` : key));
  }
  return [];
}

const DURATION_UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, ns: 1e-9 };

/**
 * Seconds in a Compose duration (Go syntax: `1m30s`, `45s`, `500ms`, `1h`); undefined when
 * the text is not one.
 */
export function durationSeconds(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(h|m|s|ms|us|ns))+$/.test(text)) return undefined;
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|us|ns|h|m|s)/g)) {
    total += Number(part[1]) * DURATION_UNIT_SECONDS[part[2]];
  }
  return total;
}

/** A service's environment as a map, whichever of the two Compose forms it uses. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment;
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}
