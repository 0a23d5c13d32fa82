/**
 * The command-line options of the bench's entry points (`npm run bench`, `npm run bench:soak`),
 * declared once each: the parser, the checks and the usage text come from the declaration.
 */

/** A number, checked against its range (`integer`: whole numbers only). */
export interface NumberOption {
  readonly type: 'integer' | 'number';
  readonly default: number;
  /** The default under `--quick`, where the command has it. */
  readonly quick?: number;
  readonly min: number;
  readonly max?: number;
  readonly help: string;
}

/** A string; `optionalValue`: the flag alone means this value (`--cpu-prof` or `--cpu-prof DIR`). */
export interface StringOption {
  readonly type: 'string';
  readonly default?: string;
  readonly optionalValue?: string;
  /** How the usage names the value. Default `S`. */
  readonly valueName?: string;
  /** What is wrong with a value (missing: `''`), or `undefined` when it is fine. */
  readonly check?: (value: string) => string | undefined;
  readonly help: string;
}

/** A switch: `--name` sets it; with `negatable`, `--no-name` clears it (default true). */
export interface BooleanOption {
  readonly type: 'boolean';
  readonly negatable?: boolean;
  readonly help: string;
}

export type OptionSpec = NumberOption | StringOption | BooleanOption;

/** The values of a set of options, typed by their declarations. */
export type OptionValues<S extends Record<string, OptionSpec>> = {
  -readonly [K in keyof S]: S[K] extends NumberOption
    ? number
    : S[K] extends BooleanOption
      ? boolean
      : S[K] extends { default: string }
        ? string
        : string | undefined;
};

/** Thrown with the usage text for `--help` (exit 0) and for a bad argument (exit 2). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help = false,
  ) {
    super(message);
  }
}

/** The usage text of a command: its line, then one line per option. */
export function usage(command: string, specs: Record<string, OptionSpec>): string {
  const lines = [`usage: ${command} [options]`];
  for (const [name, spec] of Object.entries(specs)) {
    let flag = `--${name}`;
    if (spec.type === 'boolean' && spec.negatable) flag = `--no-${name}`;
    else if (spec.type === 'string') {
      const value = spec.valueName ?? 'S';
      flag += spec.optionalValue === undefined ? ` ${value}` : ` [${value}]`;
    } else if (spec.type !== 'boolean') flag += ' N';
    let text = spec.help;
    if (spec.type === 'integer' || spec.type === 'number') {
      text += ` (default ${spec.default}${spec.quick === undefined ? '' : `; --quick ${spec.quick}`})`;
    } else if (spec.type === 'string' && spec.default !== undefined) text += ` (default ${spec.default})`;
    lines.push(`  ${flag.padEnd(26)} ${text}`);
  }
  lines.push(`  ${'--help'.padEnd(26)} this text`);
  return lines.join('\n');
}

/**
 * Parses `argv` against `specs` (`--name value`, `--name=value`, `--no-name`). `--quick` (when
 * declared) switches the numbers to their quick defaults. Throws a {@link UsageError}.
 */
export function parseOptions<S extends Record<string, OptionSpec>>(
  command: string,
  specs: S,
  argv: readonly string[],
): OptionValues<S> {
  const text = usage(command, specs);
  const bad = (message: string) => new UsageError(`${message}\n${text}`);
  const quick = 'quick' in specs && argv.includes('--quick');
  const values: Record<string, number | string | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type === 'boolean') values[name] = spec.negatable ?? false;
    else if (spec.type === 'string') values[name] = spec.default;
    else values[name] = quick && spec.quick !== undefined ? spec.quick : spec.default;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new UsageError(text, true);
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const negated = flag.startsWith('--no-') ? flag.slice(5) : undefined;
    const name = negated ?? flag.slice(2);
    const spec = flag.startsWith('--') ? specs[name] : undefined;
    if (!spec || (negated !== undefined && !(spec.type === 'boolean' && spec.negatable))) {
      throw bad(`unknown argument ${JSON.stringify(arg)}`);
    }
    if (spec.type === 'boolean') {
      values[name] = negated === undefined;
      continue;
    }
    const next = argv[i + 1];
    let value = inline;
    if (value === undefined && spec.type === 'string' && spec.optionalValue !== undefined) {
      value = next !== undefined && !next.startsWith('--') ? argv[++i] : spec.optionalValue;
    } else if (value === undefined) {
      value = next;
      i++;
    }
    values[name] =
      spec.type === 'string' ? checkString(flag, value, spec, bad) : checkNumber(flag, value, spec, bad);
  }
  return values as OptionValues<S>;
}

function checkString(
  flag: string,
  value: string | undefined,
  spec: StringOption,
  bad: (message: string) => UsageError,
): string {
  const problem = spec.check?.(value ?? '') ?? (value ? undefined : `${flag} needs a value`);
  if (problem !== undefined || value === undefined) throw bad(problem ?? `${flag} needs a value`);
  return value;
}

function checkNumber(
  flag: string,
  value: string | undefined,
  spec: NumberOption,
  bad: (message: string) => UsageError,
): number {
  const n = Number(value);
  const whole = spec.type === 'integer';
  const ok = value !== undefined && value !== '' && Number.isFinite(n) && (!whole || Number.isInteger(n));
  if (!ok || n < spec.min || (spec.max !== undefined && n > spec.max)) {
    const range = spec.max === undefined ? `≥ ${spec.min}` : `from ${spec.min} to ${spec.max}`;
    throw bad(`${flag} needs ${whole ? 'an integer' : 'a number'} ${range} (got ${value ?? 'nothing'})`);
  }
  return n;
}

/**
 * Runs `parse` on the process's arguments; on `--help` prints the usage and exits 0, on a bad
 * argument prints why and the usage and exits 2.
 */
export function optionsOrExit<T>(parse: (argv: readonly string[]) => T): T {
  try {
    return parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(error.help ? 0 : 2);
  }
}
