import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedRoom, type startQueueHarness } from '../../../packages/queue/test/queue-harness.js';
import { buildOpenApiDocument } from '../src/openapi/openapi-document.js';
import { type ListeningSchedulerApp, startSchedulerUnderTest } from './listen-scheduler-app.js';

/**
 * Issue 15's goal for the API contract: a client generated from the document by tools nobody
 * here wrote (openapi-typescript for the types, openapi-fetch for the calls) compiles under
 * `strict` and completes a run against the real API.
 */
const OUT_DIR = fileURLToPath(new URL('./.generated-client/', import.meta.url));
const TOKEN = 'generated-client-token-0123456789';

/** A consumer's program, written only against the generated types. */
const CLIENT_PROGRAM = `import createClient from 'openapi-fetch';
import type { paths } from './api-types.js';

export interface CompletedRun {
  runId: string;
  roomId: string;
  lights: number;
  compliant: boolean;
}

export async function completeRun(baseUrl: string, token: string): Promise<CompletedRun> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${token}\` } });
  const { data: accepted, error } = await client.POST('/api/runs', { body: { sample: true } });
  if (!accepted) throw new Error(\`trigger refused: \${JSON.stringify(error)}\`);
  for (let tries = 0; tries < 1800; tries++) {
    const { data: run } = await client.GET('/api/runs/{id}', {
      params: { path: { id: accepted.runId } },
    });
    if (run?.status === 'failed') throw new Error(\`run failed: \${run.error}\`);
    if (run?.status === 'completed' && run.result) {
      return {
        runId: run.runId,
        roomId: run.result.roomId,
        lights: run.result.placements.filter((p) => p.type === 'light').length,
        compliant: [run.result.compliance.lighting, run.result.compliance.airSupply, run.result.compliance.smokeDetection].every(
          (check) => check?.pass === true,
        ),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the run did not finish within 3 min');
}
`;

/** Type-checks the generated files as a consumer's strict project would; returns the diagnostics. */
function typeCheck(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: ['node'],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a client generated from the OpenAPI document', () => {
  let harness: Awaited<ReturnType<typeof startQueueHarness>>;
  let app: ListeningSchedulerApp;

  beforeAll(async () => {
    ({ harness, app } = await startSchedulerUnderTest({
      apiToken: TOKEN,
      sampleRoom: sharedRoom('office-open-plan'),
    }));
    rmSync(OUT_DIR, { recursive: true, force: true });
    mkdirSync(OUT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await app?.close();
    await harness?.close();
    rmSync(OUT_DIR, { recursive: true, force: true });
  });

  it('compiles under strict TypeScript and completes a run against the real API', async () => {
    const document = JSON.parse(JSON.stringify(buildOpenApiDocument()));
    const types = astToString(await openapiTS(document));
    expect(types).toContain('"/api/runs/{id}"');
    writeFileSync(join(OUT_DIR, 'api-types.ts'), types);
    writeFileSync(join(OUT_DIR, 'complete-run.ts'), CLIENT_PROGRAM);
    // '.js' specifiers resolve to the '.ts' files beside them, as NodeNext projects write them.
    expect(typeCheck([join(OUT_DIR, 'complete-run.ts')])).toEqual([]);

    // A program that misuses the API must not compile: the types carry the contract.
    writeFileSync(
      join(OUT_DIR, 'misuse.ts'),
      `import createClient from 'openapi-fetch';
import type { paths } from './api-types.js';
const client = createClient<paths>({ baseUrl: 'http://localhost' });
await client.GET('/api/runs/{id}', { params: { path: { runId: 'x' } } });
await client.POST('/api/runs', { body: { cellSize: 'two' } });
export {};
`,
    );
    expect(typeCheck([join(OUT_DIR, 'misuse.ts')]).length).toBeGreaterThanOrEqual(2);

    const { completeRun } = (await import(join(OUT_DIR, 'complete-run.ts'))) as {
      completeRun: (
        baseUrl: string,
        token: string,
      ) => Promise<{ runId: string; roomId: string; lights: number; compliant: boolean }>;
    };
    const run = await completeRun(app.base, TOKEN);
    expect(run.roomId).toBe(sharedRoom('office-open-plan').roomId);
    expect(run.lights).toBeGreaterThan(0);
    expect(run.compliant).toBe(true);
  }, 240_000);
});
