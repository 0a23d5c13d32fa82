import { gzipSync } from 'node:zlib';
import { parseRoom } from '@ceiling-grid/core';
import { loadConfig, RunService } from '@ceiling-grid/queue';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedRoom } from '../../packages/queue/test/queue-harness.js';
import { schedulerEnvSchema } from '../../services/scheduler/src/scheduler-config.js';
import {
  type ListeningSchedulerApp,
  listenSchedulerApp,
} from '../../services/scheduler/test/listen-scheduler-app.js';
import { deletePrefix } from '../support/redis-cleanup.js';
import { randomPrefix } from '../support/service-process.js';
import {
  deeplyNestedCases,
  type FuzzCase,
  mutatedTextArb,
  namesExpectedField,
  rawBytesArb,
  roomCaseArb,
} from './room-arbitraries.js';

/**
 * Bad input over HTTP: thousands of generated, mutated and random bodies to POST /api/runs of
 * the real scheduler app (in process, real Redis, no workers, so every accepted run stays
 * countable). Properties: never a 5xx; a 400 naming the field for every invalid room; a run
 * enqueued for a valid one and nothing at all for an invalid one.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'fuzz-token-0123456789abcdef';
const SEED = 20_250_601;
/** Bodies per property; with the fixed cases, about 5,000 requests (the CLI fuzz adds 5,200 more). */
const STRUCTURED_RUNS = 2_500;
const MUTATED_RUNS = 1_200;
const BYTES_RUNS = 1_200;

const prefix = randomPrefix('api-fuzz');
// The production limits, as the scheduler reads them from an environment that sets none.
const config = loadConfig(schedulerEnvSchema, { API_TOKEN: TOKEN });
let connection: Redis;
let runs: RunService;
let app: ListeningSchedulerApp;
let base: string;
/** Run ids of every 202, and how many there were: nothing else may leave a trace in Redis. */
const accepted = new Set<string>();
const statuses = new Map<number, number>();

beforeAll(async () => {
  connection = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  await new Promise((resolve) => connection.once('ready', resolve));
  runs = new RunService({ connection, prefix });
  app = await listenSchedulerApp({
    runs,
    connection,
    sampleRoom: sharedRoom('corridor'),
    apiToken: TOKEN,
    maxBodyBytes: config.MAX_BODY_BYTES,
    // The rate limit has its own test; here it would only turn fuzz cases into 429s.
    triggerRateLimitPerMinute: 1_000_000,
  });
  base = app.base;
});

afterAll(async () => {
  await app.close();
  await runs.close();
  await deletePrefix(REDIS_URL, prefix);
  connection.disconnect();
  console.log(
    `[api-fuzz] ${[...statuses.values()].reduce((a, b) => a + b, 0)} requests; by status: ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
});

interface Answer {
  status: number;
  contentType: string;
  /** A 202's run, or an RFC 9457 problem (`errors` names every bad field of an invalid room). */
  body: { type?: string; detail?: string; errors?: { path: string; message: string }[]; runId?: string };
}

async function post(body: RequestInit['body'], headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}/api/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body,
    // Needed for a streamed body; harmless for the others.
    duplex: 'half',
  } as RequestInit);
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  const text = await response.text();
  let parsed: Answer['body'] = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`status ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed };
}

/**
 * Checks one answer: no 5xx; 202 exactly when the body is a valid room, and then one run more
 * in Redis; otherwise the run count is unchanged.
 */
async function checkAnswer(answer: Answer, label: string): Promise<void> {
  expect(answer.status, `${label}: ${answer.body.detail}`).toBeLessThan(500);
  if (answer.status === 202) {
    expect(answer.body.runId, label).toMatch(/^[0-9a-f-]{36}$/);
    accepted.add(answer.body.runId!);
  } else {
    expect(answer.contentType, label).toMatch(/^application\/problem\+json/);
    expect(answer.body.type, label).toMatch(/^\/problems\//);
    expect(answer.body.detail, label).toEqual(expect.any(String));
  }
  expect(await connection.zcard(`${prefix}:runs`), `${label}: runs enqueued`).toBe(accepted.size);
}

/** The text as the server sees it: encoded to UTF-8 and decoded again (lone surrogates become U+FFFD). */
function asSent(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** What an independent reading of the body says: malformed JSON, an invalid room, or a valid one. */
function classify(text: string): 'malformed' | 'invalid' | 'valid' {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'malformed';
  }
  try {
    parseRoom(value);
    return 'valid';
  } catch {
    return 'invalid';
  }
}

async function checkCase(fuzzCase: FuzzCase): Promise<void> {
  const answer = await post(fuzzCase.text);
  await checkAnswer(answer, fuzzCase.label);
  const expected = fuzzCase.expect;
  if (expected.kind === 'valid') {
    expect(answer.status, `${fuzzCase.label}: ${answer.body.detail}`).toBe(202);
  } else if (expected.kind === 'malformed') {
    expect(answer.status, fuzzCase.label).toBe(400);
    expect(answer.body.detail, fuzzCase.label).toMatch(/not valid JSON/);
  } else {
    expect(answer.status, `${fuzzCase.label}: ${fuzzCase.text.slice(0, 200)}`).toBe(400);
    expect(answer.body.detail, fuzzCase.label).toMatch(/^invalid room: /);
    const issues = answer.body.errors ?? [];
    expect(issues.length, fuzzCase.label).toBeGreaterThan(0);
    expect(
      namesExpectedField(issues, expected),
      `${fuzzCase.label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(issues).slice(0, 300)}`,
    ).toBe(true);
  }
}

describe('POST /api/runs under fuzzing', () => {
  it(`answers ${STRUCTURED_RUNS} generated rooms (valid, and broken in one known way) as the contract says`, async () => {
    await fc.assert(fc.asyncProperty(roomCaseArb(1, 9), checkCase), { numRuns: STRUCTURED_RUNS, seed: SEED });
  }, 120_000);

  it(`never fails on ${MUTATED_RUNS} character-level mutations of valid room JSON`, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedTextArb, async (text) => {
        const sent = asSent(text);
        const answer = await post(text);
        await checkAnswer(answer, text.slice(0, 200));
        const kind = classify(sent);
        expect(answer.status, `${kind}: ${sent.slice(0, 200)}`).toBe(kind === 'valid' ? 202 : 400);
        // An empty body reads as {} and is rejected for its missing fields instead.
        if (kind === 'malformed' && sent !== '') expect(answer.body.detail).toMatch(/not valid JSON/);
        if (kind === 'invalid') {
          expect(answer.body.errors?.length, sent.slice(0, 200)).toBeGreaterThan(0);
          for (const issue of answer.body.errors!) expect(issue.message).not.toBe('');
        }
      }),
      { numRuns: MUTATED_RUNS, seed: SEED + 1 },
    );
  }, 120_000);

  it(`never fails on ${BYTES_RUNS} raw byte strings`, async () => {
    await fc.assert(
      fc.asyncProperty(rawBytesArb, async (bytes) => {
        const answer = await post(bytes);
        const shown = Buffer.from(bytes).toString('hex').slice(0, 120);
        await checkAnswer(answer, shown);
        const kind = classify(Buffer.from(bytes).toString('utf8'));
        expect(answer.status, `${kind}: ${shown}`).toBe(kind === 'valid' ? 202 : 400);
      }),
      { numRuns: BYTES_RUNS, seed: SEED + 2 },
    );
  }, 120_000);

  it('rejects JSON nested 100,000 levels deep in every field with 400 naming the field', async () => {
    for (const fuzzCase of deeplyNestedCases()) await checkCase(fuzzCase);
  }, 60_000);

  it('rejects NaN-like tokens, huge numbers and prototype keys cleanly', async () => {
    const base = '"layout":["...."]';
    const cases: FuzzCase[] = [
      ...['NaN', 'Infinity', '-Infinity', '0x10', '01', '.5', '+1', 'undefined', "'2'"].map((token) => ({
        label: `cellSize ${token}`,
        text: `{${base},"cellSize":${token}}`,
        expect: { kind: 'malformed' } as const,
      })),
      ...[
        '1e999',
        '-1e999',
        '9'.repeat(400),
        '1e308',
        '-1e308',
        '1e-400',
        '"NaN"',
        '"Infinity"',
        '"1e3"',
      ].map((token) => ({
        label: `cellSize ${token.slice(0, 12)}`,
        text: `{${base},"cellSize":${token}}`,
        expect: { kind: 'field', path: 'cellSize' } as const,
      })),
      ...['__proto__', 'constructor', 'prototype'].flatMap((key) => [
        {
          label: `top-level ${key}`,
          text: `{"${key}":{"polluted":true},${base},"cellSize":2}`,
          expect: { kind: 'field', path: '', mention: key } as const,
        },
        {
          label: `requirements.${key}`,
          text: `{${base},"cellSize":2,"requirements":{"${key}":{"polluted":true}}}`,
          expect: { kind: 'field', path: 'requirements', mention: key } as const,
        },
      ]),
    ];
    for (const fuzzCase of cases) await checkCase(fuzzCase);
    // Nothing leaked onto the prototypes of this process's objects either.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 413 for bodies over the limit, however they arrive, and 415 for other types', async () => {
    const limit = config.MAX_BODY_BYTES;
    const over = JSON.stringify({ cellSize: 2, layout: ['.'], name: 'x'.repeat(limit) });
    const head = '{"cellSize":2,"layout":["."],"roomId":"r"';
    const exactly = `${head}${' '.repeat(limit - head.length - 1)}}`;
    expect(Buffer.byteLength(exactly)).toBe(limit);
    const cases: [string, () => Promise<Answer>, number][] = [
      ['one byte over', () => post(`${exactly} `), 413],
      ['exactly at the limit', () => post(exactly), 202],
      ['far over', () => post(over), 413],
      // No Content-Length: the limit must hold on a streamed body too.
      [
        'chunked',
        () =>
          post(
            new ReadableStream({
              start(controller) {
                for (let i = 0; i < 8; i++)
                  controller.enqueue(new TextEncoder().encode(over.slice(0, limit / 4)));
                controller.close();
              },
            }),
          ),
        413,
      ],
      // A small gzip that inflates past the limit: the limit counts the inflated bytes.
      ['gzip bomb', () => post(gzipSync(over), { 'content-encoding': 'gzip' }), 413],
      ['unsupported encoding', () => post(over.slice(0, 100), { 'content-encoding': 'br-x' }), 415],
      ['text/plain', () => post('{"sample":true}', { 'content-type': 'text/plain' }), 415],
      ['form', () => post('cellSize=2', { 'content-type': 'application/x-www-form-urlencoded' }), 415],
      [
        'odd charset',
        () => post('{"sample":true}', { 'content-type': 'application/json; charset=klingon' }),
        415,
      ],
    ];
    for (const [label, send, status] of cases) {
      const answer = await send();
      await checkAnswer(answer, label);
      expect(answer.status, `${label}: ${answer.body.detail}`).toBe(status);
    }
  }, 60_000);

  it('left nothing in Redis but the accepted runs, and logged no internal error', async () => {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
    const strangers = keys.filter((key) => {
      const id = key.match(uuid)?.[0];
      return id !== undefined && !accepted.has(id);
    });
    expect(strangers).toEqual([]);
    // Every accepted run is a whole flow: its root and its three light jobs are stored.
    for (const runId of accepted) {
      expect(await connection.exists(`${prefix}:placement:${runId}`), runId).toBe(1);
    }
    expect(accepted.size).toBeGreaterThan(100);
    expect(app.logs()).not.toMatch(/request failed|"level":50/);
  });
});
