import { parseRoom } from '@ceiling-grid/core';
import type { QueuedRunResult, RunListItem, RunView } from '@ceiling-grid/queue';
import { validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { sharedRoom, type startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import { buildOpenApiDocument } from '../src/openapi/openapi-document.js';
import type { runListItemViewSchema, runResultSchema, runViewSchema } from '../src/openapi/run-schemas.js';
import { type ListeningSchedulerApp, startSchedulerUnderTest } from './listen-scheduler-app.js';

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
type Json = any;

const document: Json = JSON.parse(JSON.stringify(buildOpenApiDocument()));

/** Every `$ref` in a JSON value, with where it stands. */
function refsOf(value: Json, at = '#'): [at: string, ref: string][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => refsOf(item, `${at}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [[at, child]] : refsOf(child, `${at}/${key}`),
  );
}

/** The value a local `$ref` (`#/components/…`) points at, or undefined. */
function resolve(ref: string): Json {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node: Json, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

/** A validator of one component schema, as any JSON Schema 2020-12 client would read it. */
function componentValidator(name: string) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  const defs = JSON.parse(
    JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
  );
  return ajv.compile({ $defs: defs, $ref: `#/$defs/${name}` });
}

function expectFits(name: string, body: unknown): void {
  const check = componentValidator(name);
  expect(check(body), `${name}: ${JSON.stringify(check.errors?.slice(0, 5))}`).toBe(true);
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document for an independent validator: 0 errors, 0 warnings', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has every $ref pointing at something that exists, all under #/components', () => {
    const refs = refsOf(document);
    expect(refs.length).toBeGreaterThan(40);
    for (const [at, ref] of refs) {
      expect(ref, at).toMatch(/^#\/components\//);
      expect(resolve(ref), `${at} → ${ref}`).toBeDefined();
    }
  });

  it('types every answer of every operation, errors as problem details', () => {
    let answers = 0;
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      for (const [method, operation] of Object.entries<Json>(item)) {
        expect(operation.operationId, `${method} ${path}`).toEqual(expect.any(String));
        for (const [status, answer] of Object.entries<Json>(operation.responses)) {
          const response = answer.$ref ? resolve(answer.$ref) : answer;
          const label = `${method} ${path} ${status}`;
          const types = Object.keys(response.content ?? {});
          expect(types.length, label).toBe(1);
          expect(response.content[types[0]].schema, label).toBeDefined();
          if (Number(status) >= 400 && path !== '/healthz')
            expect(types, label).toEqual(['application/problem+json']);
          answers++;
        }
      }
    }
    expect(answers).toBeGreaterThan(25);
  });

  it('describes the run result field by field, and the run list, instead of open objects', () => {
    const { schemas } = document.components;
    expect(schemas.Run.properties.result).toEqual({ $ref: '#/components/schemas/RunResult' });
    expect(Object.keys(schemas.RunResult.properties)).toEqual(
      expect.arrayContaining(['layout', 'placements', 'stages', 'compliance', 'workers']),
    );
    expect(schemas.RunResult.additionalProperties).toBe(false);
    expect(schemas.RunList.properties.runs.items).toEqual({ $ref: '#/components/schemas/RunListItem' });
    expect(schemas.ValidationProblem.properties.errors.items).toEqual({
      $ref: '#/components/schemas/FieldError',
    });
  });

  it('has request examples the API accepts', () => {
    const { examples } = document.paths['/api/runs'].post.requestBody.content['application/json'];
    expect(parseRoom(examples.room.value).roomId).toBe('store-room');
    expect(examples.sample.value).toEqual({ sample: true });
  });

  it('fits the types the queue returns (compile time)', () => {
    // Each line fails to compile when a type gains a field its schema lacks or types differently.
    const run = (value: Mutable<RunView>): z.output<typeof runViewSchema> => value;
    const item = (value: Mutable<RunListItem>): z.output<typeof runListItemViewSchema> => value;
    const result = (value: Mutable<QueuedRunResult>): z.output<typeof runResultSchema> => value;
    expect([run, item, result]).toHaveLength(3);
  });
});

/** The type with every `readonly` removed, deeply: zod's outputs are mutable, the queue's types are not. */
type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

describe('the answers of the real API fit the document', () => {
  const TOKEN = 'openapi-token-0123456789abcdef';
  const auth = { authorization: `Bearer ${TOKEN}` };
  let harness: Awaited<ReturnType<typeof startQueueHarness>>;
  let app: ListeningSchedulerApp;

  beforeAll(async () => {
    ({ harness, app } = await startSchedulerUnderTest({
      apiToken: TOKEN,
      sampleRoom: sharedRoom('office-open-plan'),
    }));
  });
  afterAll(async () => {
    await app.close();
    await harness.close();
  });

  it('for a run from trigger to result, the run list, health and every kind of problem', async () => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${app.base}/api/runs`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const accepted = (await (await post({ sample: true })).json()) as { runId: string };
    expectFits('TriggerResponse', accepted);
    await harness.waitForRun(accepted.runId);
    expectFits(
      'Run',
      await (await fetch(`${app.base}/api/runs/${accepted.runId}`, { headers: auth })).json(),
    );
    expectFits('RunList', await (await fetch(`${app.base}/api/runs?limit=5`, { headers: auth })).json());
    expectFits('Health', await (await fetch(`${app.base}/healthz`)).json());

    expectFits('ValidationProblem', await (await post({ cellSize: -1, layout: ['x'] })).json());
    expectFits('ValidationProblem', await (await post({ sample: true }, { 'idempotency-key': '' })).json());
    expectFits(
      'ValidationProblem',
      await (await fetch(`${app.base}/api/runs?limit=0`, { headers: auth })).json(),
    );
    expectFits('Problem', await (await fetch(`${app.base}/api/runs`)).json());
    expectFits('Problem', await (await fetch(`${app.base}/api/runs/nope`, { headers: auth })).json());
    expectFits('Problem', await (await fetch(`${app.base}/nowhere`)).json());
  });
});
