import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The machine tools the tests and benchmarks run, as scripts/ensure-test-deps.sh names them. */
export type Tool =
  | 'redis-server'
  | 'chromium'
  | 'prometheus'
  | 'promtool'
  | 'docker-compose'
  | 'python3-ezdxf'
  | 'prometheus-redis-exporter';

/**
 * A tool the machine lacks: the message says which, what needs it and how to install it, and
 * is all a test failure shows (no stack trace: the stack would only point here).
 */
export class MissingToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingToolError';
    this.stack = `${this.name}: ${message}`;
  }
}

const SCRIPT = fileURLToPath(new URL('../scripts/ensure-test-deps.sh', import.meta.url));
const found = new Map<Tool, string>();

/**
 * The path of `tool` (for `python3-ezdxf`, the Python that imports ezdxf); throws a
 * {@link MissingToolError} when it is missing. Asks scripts/ensure-test-deps.sh, so the check
 * and the install advice are the ones `npm test` printed before the run. Call it first in the
 * test or `beforeAll` that spawns the tool: the test then fails with the advice, never skips.
 */
export function requireTool(tool: Tool): string {
  const known = found.get(tool);
  if (known) return known;
  const check = spawnSync('bash', [SCRIPT, '--check', tool], { encoding: 'utf8' });
  if (check.error) {
    throw new MissingToolError(
      `cannot check for ${tool}: bash is needed to run ${SCRIPT} (${check.error.message})`,
    );
  }
  if (check.status !== 0) {
    throw new MissingToolError((check.stdout + check.stderr).trim() || `${tool} is missing`);
  }
  const path = check.stdout.trim();
  found.set(tool, path);
  return path;
}
