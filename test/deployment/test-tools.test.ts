import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/processes.js';
import { MissingToolError, requireTool } from '../../support/require-tool.js';

const SCRIPT = join(REPO_ROOT, 'scripts/ensure-test-deps.sh');
/** What the script needs to run; everything else (apt-get, the tools) is left off PATH. */
const SHELL_BASICS = ['bash', 'id', 'sed', 'sort', 'tr', 'uname', 'cat'];
const COMMAND_TOOLS = ['redis-server', 'chromium', 'prometheus', 'promtool', 'docker-compose'];

/** A PATH holding only the shell basics: a machine with none of the tools and no apt-get. */
const bare = mkdtempSync(join(tmpdir(), 'ceiling-grid-bare-path-'));
for (const command of SHELL_BASICS) symlinkSync(`/usr/bin/${command}`, join(bare, command));
afterAll(() => rmSync(bare, { recursive: true, force: true }));

const run = (args: string[], path = bare) =>
  spawnSync('/usr/bin/bash', [SCRIPT, ...args], { encoding: 'utf8', env: { PATH: path, HOME: bare } });

describe('scripts/ensure-test-deps.sh off Debian (no apt-get)', () => {
  it('names every missing tool and how to get it, and lets the tests run', () => {
    const result = run([]);
    expect(result.status, result.stderr).toBe(0);
    for (const tool of COMMAND_TOOLS) {
      expect(result.stderr).toMatch(new RegExp(`missing ${tool}: .+\\n\\s+install it: .+`));
    }
    expect(result.stderr).toContain('sudo apt-get install redis-server');
    expect(result.stderr).toContain('brew install prometheus');
  });

  it('fails with --require while anything is missing (what CI would see)', () => {
    expect(run(['--require']).status).toBe(1);
  });

  it('--check says where a tool is, or what is missing and how to install it', () => {
    const missing = run(['--check', 'docker-compose']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/^missing docker-compose: .+\n {2}install it: /);
    const present = run(['--check', 'bash']);
    expect(present.status).toBe(2); // not a tool it knows
    expect(present.stderr).toContain('unknown tool bash');
  });
});

describe('requireTool', () => {
  it('returns the path of a tool the machine has', () => {
    expect(requireTool('redis-server')).toMatch(/redis-server$/);
  });

  it('throws the install advice, with no stack trace, for a missing one', () => {
    const path = process.env.PATH;
    process.env.PATH = bare;
    let error: unknown;
    try {
      requireTool('promtool');
    } catch (thrown) {
      error = thrown;
    } finally {
      process.env.PATH = path;
    }
    expect(error).toBeInstanceOf(MissingToolError);
    const { message, stack } = error as MissingToolError;
    expect(message).toMatch(/^missing promtool: .+\n {2}install it: /);
    expect(stack).toBe(`MissingToolError: ${message}`);
  });
});
