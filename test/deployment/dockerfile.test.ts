import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './compose-file.js';
import { lintDockerfile, parseDockerfile, parseInstructions } from './dockerfile-lint.js';

const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');

const GOOD = `
ARG NODE_IMAGE=node:20-bookworm-slim
FROM \${NODE_IMAGE} AS deps
RUN npm ci --omit=dev
FROM \${NODE_IMAGE}
COPY --from=deps /app/node_modules ./node_modules
USER node
HEALTHCHECK --interval=10s CMD ["node", "probe.mjs"]
CMD ["node", "main.js"]
`;

describe('the Dockerfile lint', () => {
  it('passes a minimal compliant Dockerfile', () => {
    expect(lintDockerfile(GOOD)).toEqual([]);
  });

  it.each([
    ['multi-stage', 'FROM node:20\nRUN npm ci --omit=dev\nUSER node\nHEALTHCHECK CMD ["true"]\nCMD ["node"]'],
    ['non-root', GOOD.replace('USER node', 'USER root')],
    ['non-root', GOOD.replace('USER node', 'USER 0:0')],
    ['non-root', GOOD.replace('USER node\n', '')],
    ['healthcheck', GOOD.replace(/HEALTHCHECK.*\n/, '')],
    ['healthcheck', GOOD.replace(/HEALTHCHECK.*\n/, 'HEALTHCHECK NONE\n')],
    ['exec-form', GOOD.replace('CMD ["node", "main.js"]', 'CMD node main.js')],
    ['no-remote-add', `${GOOD}ADD https://example.invalid/x.tgz /tmp/\n`],
    ['npm-ci', GOOD.replace('npm ci --omit=dev', 'npm install --omit=dev')],
    ['production-deps', GOOD.replace('npm ci --omit=dev', 'npm ci')],
    ['pinned-base', GOOD.replace('node:20-bookworm-slim', 'node:latest')],
    ['pinned-base', GOOD.replace('node:20-bookworm-slim', 'node')],
    ['no-secret', GOOD.replace('USER node', 'ENV API_TOKEN=abc123\nUSER node')],
  ])('reports %s', (rule, text) => {
    expect(lintDockerfile(text).map((problem) => problem.rule)).toContain(rule);
  });

  it('joins continuation lines and skips comments inside them', () => {
    const instructions = parseInstructions('RUN a \\\n  # note\n  && b\nUSER node\n');
    expect(instructions).toEqual([
      { keyword: 'RUN', args: 'a && b', line: 1 },
      { keyword: 'USER', args: 'node', line: 4 },
    ]);
  });

  it('inherits USER and HEALTHCHECK from the stage a stage is built FROM', () => {
    const text =
      'FROM node:20 AS deps\nRUN npm ci --omit=dev\nUSER node\nHEALTHCHECK CMD ["x"]\nFROM deps\nCMD ["node"]\n';
    expect(lintDockerfile(text)).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const parsed = parseDockerfile(dockerfile);
  const finalStage = parsed.stages.at(-1)!;

  it('passes the lint', () => {
    expect(lintDockerfile(dockerfile)).toEqual([]);
  });

  it('runs on Node 24 LTS bookworm-slim', () => {
    for (const stage of parsed.stages) {
      const isStage = parsed.stages.some((other) => other.name === stage.from.toLowerCase());
      if (!isStage) expect(stage.from).toBe('node:24-bookworm-slim');
    }
  });

  it('compiles in the build stage and ships only dist/ with production dependencies', () => {
    const stage = (name: string) => parsed.stages.find((candidate) => candidate.name === name)!;
    const build = stage('build')
      .instructions.filter((i) => i.keyword === 'RUN')
      .map((i) => i.args);
    expect(build[0]).toBe('npm ci');
    expect(build.join('\n')).toMatch(/npm run build/);
    // What the runtime gets from the build stage: compiled code, never the TypeScript sources.
    const packed = build.find((args) => args.includes('tar'))!;
    expect(packed).toContain('packages/*/dist');
    expect(packed).toContain('services/*/dist');
    expect(packed).not.toMatch(/\b(packages|services)(\s|$)|\/src\b|tsconfig/);
    expect(stage('prod-deps').instructions.map((i) => i.args)).toContain(
      'npm ci --omit=dev && npm cache clean --force',
    );
  });

  it("ships Node's compile cache, filled as the node user the services run as, read-only", () => {
    const env = finalStage.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args);
    expect(env).toContain('NODE_COMPILE_CACHE=/app/.node-compile-cache');
    const fill = finalStage.instructions.find(
      (i) => i.keyword === 'RUN' && i.args.includes('fill-compile-cache'),
    )!;
    expect(fill.args).toContain(
      `su node -s /bin/sh -c 'node deploy/docker/fill-compile-cache.mjs "$NODE_COMPILE_CACHE"'`,
    );
    expect(fill.args).toMatch(/chown -R root:root "\$NODE_COMPILE_CACHE"/);
    const user = finalStage.instructions.findIndex((i) => i.keyword === 'USER');
    expect(finalStage.instructions.indexOf(fill)).toBeLessThan(user);
    expect(existsSync(join(REPO_ROOT, 'deploy/docker/fill-compile-cache.mjs'))).toBe(true);
  });

  it('runs under tini as PID 1 (the ENTRYPOINT), so compose and Kubernetes only set the command', () => {
    const entrypoint = finalStage.instructions.filter((i) => i.keyword === 'ENTRYPOINT').at(-1)!;
    expect(JSON.parse(entrypoint.args)).toEqual(['/usr/bin/tini', '--']);
    const installs = finalStage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(installs.join('\n')).toMatch(/apt-get install -y --no-install-recommends tini/);
  });

  it("runs as the image's unprivileged node user", () => {
    const users = finalStage.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users).toEqual(['node']);
  });

  it('gives npm ci the manifest of every npm workspace, so the lock file installs them all', () => {
    const rootManifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      workspaces: string[];
    };
    const parents = rootManifest.workspaces.map((pattern) => pattern.replace(/\/\*$/, ''));
    expect(parents).toEqual(expect.arrayContaining(['packages', 'services']));
    const stage = (name: string) => parsed.stages.find((candidate) => candidate.name === name)!;
    const collect = stage('workspace-manifests').instructions.map((i) => `${i.keyword} ${i.args}`);
    const manifests = stage('manifests').instructions.map((i) => `${i.keyword} ${i.args}`);
    expect(manifests).toContain('COPY package.json package-lock.json ./');
    for (const parent of parents) {
      expect(collect).toContain(`COPY ${parent} ${parent}`);
      expect(manifests).toContain(`COPY --from=workspace-manifests /app/${parent} ${parent}`);
    }
    // Only package.json files survive, so a source edit does not invalidate the npm ci layer.
    expect(collect.join('\n')).toMatch(/find [\w ]+ -type f ! -name package\.json -delete/);
    for (const name of ['prod-deps', 'build']) expect(stage(name).from).toBe('manifests');
  });

  it('defaults to the scheduler and health-checks port 3000 unless HEALTH_PORT says otherwise', () => {
    const cmd = finalStage.instructions.filter((i) => i.keyword === 'CMD').at(-1)!;
    expect(JSON.parse(cmd.args)).toEqual(['node', 'services/scheduler/dist/main.bundle.mjs']);
    const env = finalStage.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args);
    expect(env.join(' ')).toMatch(/HEALTH_PORT=3000/);
  });

  it('packs the health probe it runs into the image (not excluded by .dockerignore)', () => {
    const healthcheck = finalStage.instructions.find((i) => i.keyword === 'HEALTHCHECK')!;
    expect(healthcheck.args).toContain('deploy/docker/healthcheck.mjs');
    expect(existsSync(join(REPO_ROOT, 'deploy/docker/healthcheck.mjs'))).toBe(true);
    const ignore = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignore).toContain('deploy/*');
    expect(ignore).toContain('!deploy/docker');
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('keeps host node_modules, host builds, git history and env files out of the build context', () => {
    for (const pattern of ['**/node_modules', '**/dist', '.git', '.env', '.env.*'])
      expect(patterns).toContain(pattern);
  });

  it('never excludes what the build stage needs', () => {
    for (const needed of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.base.json',
      'tsconfig.build.json',
      'packages',
      'services',
      'data',
    ]) {
      expect(patterns).not.toContain(needed);
    }
  });
});
