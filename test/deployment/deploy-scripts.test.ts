import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requireTool } from '../../support/require-tool.js';
import { REPO_ROOT } from './compose-file.js';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch copy of the files a script needs, laid out as in the repository. */
function scratchRepo(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ceiling-grid-deploy-'));
  temporary.push(dir);
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(dir, file));
  }
  return dir;
}

describe('shell scripts', () => {
  it.each(['scripts/setup.sh', 'scripts/check-deploy.sh', 'scripts/ensure-test-deps.sh'])(
    '%s is valid bash and executable',
    (script) => {
      expect(spawnSync('bash', ['-n', join(REPO_ROOT, script)]).status).toBe(0);
      expect(spawnSync('test', ['-x', join(REPO_ROOT, script)]).status).toBe(0);
    },
  );
});

describe('scripts/setup.sh (with a stand-in docker on PATH)', () => {
  /** A fake `docker` answering the version and info calls setup.sh makes. */
  function fakeDocker(dir: string, { client = '27.3.1', compose = 'v2.29.7', engineUp = true } = {}): string {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'docker'),
      [
        '#!/bin/sh',
        `[ "$1" = version ] && { echo "${client}"; exit 0; }`,
        `[ "$1" = info ] && exit ${engineUp ? 0 : 1}`,
        `[ "$1 $2" = "compose version" ] && { echo "${compose}"; exit 0; }`,
        'echo "unexpected docker call: $*" >&2; exit 3',
      ].join('\n'),
    );
    chmodSync(join(bin, 'docker'), 0o755);
    return bin;
  }

  function runSetup(dir: string, bin: string) {
    return spawnSync('bash', [join(dir, 'scripts/setup.sh')], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: `${bin}:/usr/bin:/bin` },
    });
  }

  it('creates .env from .env.example when missing and prints the URLs and the login', () => {
    const dir = scratchRepo(['scripts/setup.sh', '.env.example']);
    const result = runSetup(dir, fakeDocker(dir));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(
      readFileSync(join(REPO_ROOT, '.env.example'), 'utf8'),
    );
    expect(result.stdout).toContain('created .env from .env.example');
    expect(result.stdout).toContain('Docker 27.3.1');
    expect(result.stdout).toContain('http://localhost:3000/api/runs');
    expect(result.stdout).toContain('http://localhost:8080/runs');
    expect(result.stdout).toContain('http://localhost:3001');
    expect(result.stdout).toMatch(/login: admin \/ dev-only-change-me \(development default\)/);
  });

  it('leaves an existing .env alone, and warns about development secrets in production', () => {
    const dir = scratchRepo(['scripts/setup.sh', '.env.example']);
    const mine = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8').replace(
      'NODE_ENV=development',
      'NODE_ENV=production',
    );
    writeFileSync(join(dir, '.env'), mine);
    const result = runSetup(dir, fakeDocker(dir));
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(mine);
    expect(result.stdout).toContain('.env exists, left as it is');
    expect(result.stdout).toMatch(/WARNING: NODE_ENV=production but DASHBOARD_PASSWORD/);
    expect(result.stdout).toMatch(/WARNING: NODE_ENV=production needs API_TOKEN/);
  });

  it.each([
    ['an old Docker', { client: '19.03.13' }, /Docker 19\.03\.13 is too old/],
    ['an engine that does not answer', { engineUp: false }, /engine does not answer/],
    ['an old Compose', { compose: '1.27.4' }, /Compose 1\.27\.4 is too old/],
  ])('refuses %s, saying why', (_label, docker, message) => {
    const dir = scratchRepo(['scripts/setup.sh', '.env.example']);
    const result = runSetup(dir, fakeDocker(dir, docker));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(dir, '.env'))).toBe(false);
  });
});

// scripts/check-deploy.sh --require runs the full set in .ci/run; these are the quick ones. A
// missing tool fails its test with what to install (scripts/ensure-test-deps.sh), never skips it.
describe('the real tools (Debian docker-compose and prometheus packages)', () => {
  it('docker-compose config accepts docker-compose.yml and reads .env as Node does', () => {
    const result = spawnSync(requireTool('docker-compose'), ['-f', 'docker-compose.yml', 'config'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // Quotes, braces and spaces in .env come out as node --env-file reads them.
    expect(result.stdout).toContain("QUEUE_PREFIX: '{ceiling-grid}'");
    expect(result.stdout).toContain('DAILY_CRON: 0 2 * * *');
  });

  it('docker-compose config fails on a broken file (control)', () => {
    const compose = requireTool('docker-compose');
    const dir = scratchRepo(['docker-compose.yml', '.env']);
    const path = join(dir, 'docker-compose.yml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('restart: unless-stopped', 'restart_policy: unless-stopped'),
    );
    const result = spawnSync(compose, ['config', '-q'], { cwd: dir, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
  });

  it('promtool accepts the Prometheus configuration and its alert rules', () => {
    const config = spawnSync(
      requireTool('promtool'),
      ['check', 'config', 'deploy/prometheus/prometheus.yml'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    expect(config.status, config.stdout + config.stderr).toBe(0);
    expect(config.stdout).toMatch(/SUCCESS: 1 rule files found/);
  });
});
