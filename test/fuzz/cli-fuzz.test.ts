import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '@ceiling-grid/cli';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/service-process.js';
import {
  deeplyNested,
  type FuzzCase,
  mutatedTextArb,
  namesExpectedField,
  rawBytesArb,
  roomCaseArb,
} from './room-arbitraries.js';

/**
 * Bad input on the command line (RULES §8): the CLI's own path from standard input to the
 * result file, fuzzed in process for volume, then a few real `node` processes for the exit
 * codes and streams. For every invalid room: exit 2, the field named on stderr, nothing on
 * stdout, no file written; never a crash (exit 1 or an exception).
 */
const SEED = 20_250_602;
/** About 5,200 inputs in all; with the API fuzz's 5,000, over 10,000. */
const STRUCTURED_RUNS = 3_000;
const MUTATED_RUNS = 1_200;
const BYTES_RUNS = 800;
const ARGV_RUNS = 200;

const dir = mkdtempSync(join(tmpdir(), 'cg-cli-fuzz-'));
const outPath = join(dir, 'result.json');
let invocations = 0;

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.log(`[cli-fuzz] ${invocations} in-process invocations`);
});

interface CliAnswer {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk, _encoding, done) {
        text += chunk;
        done();
      },
    }),
    text: () => text,
  };
}

async function runWith(stdin: string, argv: readonly string[] = ['-', '--out', outPath]): Promise<CliAnswer> {
  invocations++;
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(argv, {
    readStdin: async () => stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The `  path: message` lines the CLI prints for an invalid room; `(body)` is the body itself. */
function issuesOf(stderr: string): { path: string; message: string }[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => {
      const text = line.slice(2);
      const colon = text.indexOf(': ');
      const path = text.slice(0, colon);
      return { path: path === '(body)' ? '' : path, message: text.slice(colon + 2) };
    });
}

/** An invalid input: exit 2, a reason on stderr, nothing on stdout, nothing in the output folder. */
function expectRejected(answer: CliAnswer, label: string): void {
  expect(answer.code, `${label}: ${answer.stderr.slice(0, 300)}`).toBe(2);
  expect(answer.stdout, label).toBe('');
  expect(answer.stderr, label).toMatch(/^error: /);
  expect(readdirSync(dir), label).toEqual([]);
}

function expectAccepted(answer: CliAnswer, label: string): void {
  expect(answer.code, `${label}: ${answer.stderr.slice(0, 300)}`).toBe(0);
  expect(JSON.parse(readFileSync(outPath, 'utf8')).status, label).toBe('completed');
  rmSync(outPath);
}

function classify(text: string): 'malformed' | 'parsed' {
  try {
    JSON.parse(text);
    return 'parsed';
  } catch {
    return 'malformed';
  }
}

async function checkCase(fuzzCase: FuzzCase): Promise<void> {
  const answer = await runWith(fuzzCase.text);
  const expected = fuzzCase.expect;
  if (expected.kind === 'valid') return expectAccepted(answer, fuzzCase.label);
  expectRejected(answer, fuzzCase.label);
  if (expected.kind === 'malformed') {
    expect(answer.stderr, fuzzCase.label).toMatch(/is not valid JSON/);
  } else {
    expect(answer.stderr, fuzzCase.label).toMatch(/^error: invalid room in -/);
    expect(
      namesExpectedField(issuesOf(answer.stderr), expected),
      `${fuzzCase.label}: expected ${JSON.stringify(expected)} in\n${answer.stderr.slice(0, 400)}`,
    ).toBe(true);
  }
}

describe('the pipeline CLI under fuzzing', () => {
  it(`answers ${STRUCTURED_RUNS} generated rooms as the contract says`, async () => {
    // Mostly invalid: a valid room runs the whole pipeline, which is the slow part.
    await fc.assert(fc.asyncProperty(roomCaseArb(1, 24), checkCase), {
      numRuns: STRUCTURED_RUNS,
      seed: SEED,
    });
  }, 120_000);

  it(`never crashes on ${MUTATED_RUNS} mutated room texts and ${BYTES_RUNS} raw byte strings`, async () => {
    const property = async (text: string) => {
      const answer = await runWith(text);
      if (answer.code === 0) return expectAccepted(answer, text.slice(0, 200));
      expectRejected(answer, text.slice(0, 200));
      if (classify(text) === 'malformed') expect(answer.stderr).toMatch(/is not valid JSON/);
      else expect(answer.stderr).toMatch(/^error: invalid room in -\n {2}\S/);
    };
    await fc.assert(fc.asyncProperty(mutatedTextArb, property), { numRuns: MUTATED_RUNS, seed: SEED + 1 });
    await fc.assert(
      // What `text(process.stdin)` hands the CLI: the bytes decoded as UTF-8.
      fc.asyncProperty(
        rawBytesArb.map((bytes) => Buffer.from(bytes).toString('utf8')),
        property,
      ),
      { numRuns: BYTES_RUNS, seed: SEED + 2 },
    );
  }, 120_000);

  it(`rejects ${ARGV_RUNS} broken command lines with exit 2 and writes nothing`, async () => {
    const missing = join(dir, 'no-such-room.json');
    const token = fc.constantFrom(
      '--out',
      '--svg',
      '--coverage',
      '--frobnicate',
      '-z',
      '--out=x.json',
      'second.json',
      '--',
      '-',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 5 }), async (rest) => {
        const answer = await runWith('{}', [missing, ...rest]);
        expectRejected(answer, [missing, ...rest].join(' '));
      }),
      { numRuns: ARGV_RUNS, seed: SEED + 3 },
    );
  });

  it('as a real process: exit 2 and the field on stderr for hostile inputs, exit 0 for a good one', async () => {
    const sample = readFileSync(join(REPO_ROOT, 'data/input/sample_grid.json'), 'utf8');
    const cases: [label: string, stdin: Buffer, code: number, stderr: RegExp][] = [
      [
        'deeply nested matrix cell',
        Buffer.from(`{"cellSize":2,"matrix":[[${deeplyNested(100_000, 'array')}]]}`),
        2,
        /matrix\[0\]\[0\]: /,
      ],
      [
        'binary noise',
        Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
        2,
        /is not valid JSON/,
      ],
      [
        '__proto__ key',
        Buffer.from('{"__proto__":{"admin":true},"cellSize":2,"layout":["."]}'),
        2,
        /"__proto__"/,
      ],
      [
        'infinite cell size',
        Buffer.from('{"cellSize":1e999,"layout":["."]}'),
        2,
        /cellSize: must be a number/,
      ],
      [
        'ragged rows',
        Buffer.from('{"cellSize":2,"layout":["...","..",""]}'),
        2,
        /layout\[1\]: row 2 has 2 tiles/,
      ],
      ['the sample room', Buffer.from(sample), 0, /wrote /],
    ];
    const answers = await Promise.all(
      cases.map(async ([, stdin]) => {
        const out = join(mkdtempSync(join(tmpdir(), 'cg-cli-process-')), 'result.json');
        try {
          const answer = await runProcess(stdin, out);
          return { ...answer, wrote: existsSync(out) };
        } finally {
          rmSync(dirname(out), { recursive: true, force: true });
        }
      }),
    );
    for (const [i, [label, , code, stderr]] of cases.entries()) {
      const answer = answers[i];
      expect(answer.code, `${label}: ${answer.stderr.slice(0, 300)}`).toBe(code);
      expect(answer.stderr, label).toMatch(stderr);
      expect(answer.stdout, label).toBe('');
      expect(answer.wrote, label).toBe(code === 0);
    }
  }, 60_000);
});

function runProcess(stdin: Buffer, out: string): Promise<CliAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['packages/cli/bin/ceiling-grid.js', '-', '--out', out], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
