/** One instruction of a Dockerfile, continuation lines joined. */
export interface DockerInstruction {
  /** Upper-cased keyword: FROM, RUN, COPY, … */
  keyword: string;
  /** Everything after the keyword, continuation lines joined with a space. */
  args: string;
  /** 1-based line of the keyword. */
  line: number;
}

/** One build stage: its FROM and the instructions up to the next FROM. */
export interface DockerStage {
  /** Image or earlier stage the stage starts from, build args substituted. */
  from: string;
  /** Name given by `AS name`, lower-cased, if any. */
  name?: string;
  instructions: DockerInstruction[];
}

/** A parsed Dockerfile: global ARGs (before the first FROM) and the stages in order. */
export interface ParsedDockerfile {
  globalArgs: Record<string, string>;
  stages: DockerStage[];
}

/** A rule a Dockerfile breaks. */
export interface LintProblem {
  rule: string;
  message: string;
  line?: number;
}

/**
 * Splits a Dockerfile into instructions: comments and parser directives dropped,
 * backslash continuations joined (a comment line inside a continuation is skipped, as
 * BuildKit does).
 */
export function parseInstructions(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let pending: { keyword: string; parts: string[]; line: number } | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const continues = trimmed.endsWith('\\');
    const body = continues ? trimmed.slice(0, -1).trim() : trimmed;
    if (pending) {
      pending.parts.push(body);
    } else {
      const space = body.search(/\s/);
      const keyword = (space < 0 ? body : body.slice(0, space)).toUpperCase();
      pending = { keyword, parts: [space < 0 ? '' : body.slice(space + 1).trim()], line: i + 1 };
    }
    if (!continues) {
      instructions.push({
        keyword: pending.keyword,
        args: pending.parts.filter((part) => part !== '').join(' '),
        line: pending.line,
      });
      pending = undefined;
    }
  }
  if (pending) {
    instructions.push({ keyword: pending.keyword, args: pending.parts.join(' '), line: pending.line });
  }
  return instructions;
}

/** Substitutes `${NAME}` / `$NAME` from build args (unknown names left as they are). */
function substituteArgs(text: string, args: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, a, b) => {
    const value = args[a ?? b];
    return value === undefined ? whole : value;
  });
}

/** Parses a Dockerfile into global build args and stages. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const globalArgs: Record<string, string> = {};
  const stages: DockerStage[] = [];
  for (const instruction of parseInstructions(text)) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({
        from: substituteArgs(words[0] ?? '', globalArgs),
        name: asIndex >= 0 ? words[asIndex + 1]?.toLowerCase() : undefined,
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (instruction.keyword === 'ARG') {
        const [name, ...rest] = instruction.args.split('=');
        globalArgs[name.trim()] = rest
          .join('=')
          .trim()
          .replace(/^"(.*)"$/, '$1');
      }
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** The stage and the chain of earlier stages it is built FROM, nearest first. */
export function stageChain(parsed: ParsedDockerfile, stage: DockerStage): DockerStage[] {
  const chain = [stage];
  let current = stage;
  for (;;) {
    const parent = parsed.stages.find((candidate) => candidate.name === current.from.toLowerCase());
    if (!parent || chain.includes(parent)) return chain;
    chain.push(parent);
    current = parent;
  }
}

/** Last instruction with the keyword along a stage chain (a stage inherits its parent's settings). */
function lastInChain(chain: DockerStage[], keyword: string): DockerInstruction | undefined {
  for (const stage of chain) {
    const found = stage.instructions.filter((instruction) => instruction.keyword === keyword).at(-1);
    if (found) return found;
  }
  return undefined;
}

/** True for a USER value that means root: `root`, `0`, `root:…`, `0:…`. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0];
  return name === 'root' || name === '0';
}

/** True when an instruction's arguments are in exec (JSON array) form. */
function isExecForm(args: string): boolean {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}

const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY/i;

/**
 * Checks the rules this project holds its image to: multi-stage build, a non-root USER
 * and a HEALTHCHECK in the final stage, no remote ADD, `npm ci` (never `npm install`),
 * production-only dependencies copied into the final stage, pinned base images, exec-form
 * CMD/HEALTHCHECK (so SIGTERM reaches node), no secret baked into ENV or ARG.
 */
export function lintDockerfile(text: string): LintProblem[] {
  const parsed = parseDockerfile(text);
  const problems: LintProblem[] = [];
  const all = parsed.stages.flatMap((stage) => stage.instructions);
  const stageNames = new Set(parsed.stages.map((stage) => stage.name).filter((name) => name !== undefined));

  if (parsed.stages.length < 2) {
    problems.push({
      rule: 'multi-stage',
      message: `expected at least 2 FROM stages, found ${parsed.stages.length}`,
    });
  }
  for (const stage of parsed.stages) {
    if (stageNames.has(stage.from.toLowerCase())) continue;
    const tag = stage.from.includes('@') ? 'digest' : stage.from.split('/').at(-1)?.split(':')[1];
    if (!tag || tag === 'latest' || stage.from.includes('$')) {
      problems.push({ rule: 'pinned-base', message: `base image ${stage.from} has no fixed tag` });
    }
  }

  const final = parsed.stages.at(-1);
  if (final) {
    const chain = stageChain(parsed, final);
    const user = lastInChain(chain, 'USER');
    if (!user) {
      problems.push({ rule: 'non-root', message: 'the final stage runs as root (no USER)' });
    } else if (isRootUser(user.args)) {
      problems.push({ rule: 'non-root', message: `the final stage's USER is ${user.args}`, line: user.line });
    }
    const healthcheck = lastInChain(chain, 'HEALTHCHECK');
    if (!healthcheck || /^NONE$/i.test(healthcheck.args.trim())) {
      problems.push({ rule: 'healthcheck', message: 'the final stage has no HEALTHCHECK' });
    } else {
      const command = healthcheck.args.replace(/^(--[a-z-]+=\S+\s+)*/i, '');
      if (!/^CMD\s/i.test(command) || !isExecForm(command.replace(/^CMD\s+/i, ''))) {
        problems.push({
          rule: 'exec-form',
          message: 'HEALTHCHECK should be CMD ["…"]',
          line: healthcheck.line,
        });
      }
    }
    const cmd = lastInChain(chain, 'CMD') ?? lastInChain(chain, 'ENTRYPOINT');
    if (cmd && !isExecForm(cmd.args)) {
      problems.push({
        rule: 'exec-form',
        message: 'CMD/ENTRYPOINT should be exec form so node gets SIGTERM',
        line: cmd.line,
      });
    }
    // node_modules of the final stage must come from a stage that installed without dev dependencies.
    const copiedFrom = chain
      .flatMap((stage) => stage.instructions)
      .filter((instruction) => instruction.keyword === 'COPY')
      .map((instruction) => /--from=(\S+)/.exec(instruction.args)?.[1]?.toLowerCase())
      .filter((name): name is string => name !== undefined);
    const productionInstall = copiedFrom.some((name) => {
      const source = parsed.stages.find((stage) => stage.name === name);
      return (
        source !== undefined &&
        stageChain(parsed, source)
          .flatMap((stage) => stage.instructions)
          .some((i) => i.keyword === 'RUN' && /\bnpm ci\b[^&|;]*(--omit=dev|--production)/.test(i.args))
      );
    });
    const installsInFinal = chain
      .flatMap((stage) => stage.instructions)
      .some((i) => i.keyword === 'RUN' && /\bnpm ci\b[^&|;]*(--omit=dev|--production)/.test(i.args));
    if (!productionInstall && !installsInFinal) {
      problems.push({
        rule: 'production-deps',
        message: 'the final stage does not get its node_modules from an `npm ci --omit=dev`',
      });
    }
  }

  for (const instruction of all) {
    if (instruction.keyword === 'ADD' && /(^|\s)(https?|ftp):\/\//i.test(instruction.args)) {
      problems.push({
        rule: 'no-remote-add',
        message: 'ADD of a URL; use a checked download',
        line: instruction.line,
      });
    }
    if (instruction.keyword === 'RUN' && /\bnpm (install|i)\b/.test(instruction.args)) {
      problems.push({
        rule: 'npm-ci',
        message: 'npm install in a build; use npm ci',
        line: instruction.line,
      });
    }
    if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
      for (const match of instruction.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
        if (SECRET_NAME.test(match[1]) && match[2] !== '' && match[2] !== '""') {
          problems.push({
            rule: 'no-secret',
            message: `${match[1]} set in the image`,
            line: instruction.line,
          });
        }
      }
    }
  }
  if (!all.some((instruction) => instruction.keyword === 'RUN' && /\bnpm ci\b/.test(instruction.args))) {
    problems.push({ rule: 'npm-ci', message: 'no RUN npm ci' });
  }
  return problems;
}
