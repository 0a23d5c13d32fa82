import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkResultIndependently,
  keepsInputTiles,
} from '../../../../test/support/independent-result-check.js';
import {
  type LightCandidate,
  type ModelRunOutcome,
  parseRoom,
  runPipeline,
  selectLightCandidate,
  toLayout,
} from '../../src/index.js';

const ROOMS = fileURLToPath(new URL('../../../../data/rooms/', import.meta.url));
const sharedRooms = readdirSync(ROOMS)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [file.replace('.json', ''), JSON.parse(readFileSync(`${ROOMS}${file}`, 'utf8'))] as const);

describe('runPipeline on every room of data/rooms', () => {
  it.each(sharedRooms)('%s: meets every rule of RULES §4, by the independent checkers', (_name, input) => {
    const room = parseRoom(input);
    const result = runPipeline(room, { runId: 'test' });
    expect(result.status).toBe('completed');
    expect(checkResultIndependently(result)).toEqual({
      lighting: true,
      airSupply: true,
      smokeDetection: true,
    });
    expect(result.compliance.lighting?.pass).toBe(true);
    expect(result.compliance.airSupply?.pass).toBe(true);
    expect(result.compliance.smokeDetection?.pass).toBe(true);
    // Existing devices, blocked and outside tiles are untouched; new devices only on free tiles.
    expect(keepsInputTiles(toLayout(room), result.layout)).toBe(true);
    for (const placement of result.placements) {
      expect(toLayout(room)[placement.row][placement.col]).toBe('.');
      // CAD coordinates: the tile centre, origin bottom-left, y up, in the room's units.
      expect(placement.x).toBeCloseTo((placement.col + 0.5) * room.cellSize, 6);
      expect(placement.y).toBeCloseTo((room.rows - placement.row - 0.5) * room.cellSize, 6);
    }
    // The placements list and the layout tell the same story.
    const placedInLayout = result.layout.join('').replace(/[^LSD]/g, '').length;
    const existing = toLayout(room)
      .join('')
      .replace(/[^LSD]/g, '').length;
    expect(result.placements).toHaveLength(placedInLayout - existing);
  });
});

describe('runPipeline', () => {
  it('is deterministic: the same room gives the same layout and figures', () => {
    const room = parseRoom(sharedRooms.find(([name]) => name === 'office-l-shaped')![1]);
    const [a, b] = [runPipeline(room, { runId: 'a' }), runPipeline(room, { runId: 'a' })];
    expect(b.layout).toEqual(a.layout);
    expect(b.placements).toEqual(a.placements);
    expect(b.stages.lights.candidates.map((c) => [c.model, c.count, c.confidence])).toEqual(
      a.stages.lights.candidates.map((c) => [c.model, c.count, c.confidence]),
    );
  });

  it('picks the most confident light layout, as RULES §4 orders them', () => {
    const room = parseRoom(sharedRooms.find(([name]) => name === 'office-open-plan')![1]);
    const result = runPipeline(room);
    const best = Math.max(...result.stages.lights.candidates.map((c) => c.confidence));
    const selected = result.stages.lights.candidates.find((c) => c.model === result.stages.lights.selected);
    expect(selected?.confidence).toBe(best);
    expect(result.placements.filter((p) => p.type === 'light')).toHaveLength(selected!.count);
  });

  it('reports every model run, the selection, the devices placed and the run to the instruments it is given', () => {
    const calls: string[] = [];
    const logged: string[] = [];
    const metrics = {
      recordModelRun: (model: string, outcome: ModelRunOutcome) =>
        calls.push(`model ${model} ${outcome.ok ? 'ok' : 'failed'}`),
      recordPlaced: (type: string, count: number) => calls.push(`placed ${type} ${count}`),
      recordSelected: (model: string) => calls.push(`selected ${model}`),
      recordRun: (status: string, durationMs?: number) =>
        calls.push(`run ${status} ${durationMs !== undefined}`),
    };
    const logger = {
      info: (_fields: Readonly<Record<string, unknown>>, message: string) => logged.push(message),
    };
    const room = parseRoom(sharedRooms.find(([name]) => name === 'corridor')![1]);
    const result = runPipeline(room, { metrics, logger });
    const count = (type: string) => result.placements.filter((p) => p.type === type).length;
    expect(calls).toEqual([
      'model lumen-array ok',
      'model staggered-search ok',
      'model exact-mip ok',
      `selected ${result.stages.lights.selected}`,
      `placed light ${count('light')}`,
      `model ${result.stages.airSupply?.model} ok`,
      `placed airSupply ${count('airSupply')}`,
      `model ${result.stages.smokeDetectors?.model} ok`,
      `placed smokeDetector ${count('smokeDetector')}`,
      'run completed true',
    ]);
    expect(logged).toContain('light layout selected');
    expect(logged.at(-1)).toBe('run finished');
  });

  it('fails the run with a reason, never throws, when no light model produced a layout', () => {
    const room = parseRoom({ cellSize: 2, layout: ['....'] });
    const result = runPipeline(room, { lightModels: [] });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/every light model failed/);
  });

  it('says which rule failed and by how much where the rules cannot all be met', () => {
    // A 2×2-tile store room with a diffuser: no tile is 3 ft from it.
    const room = parseRoom({ roomId: 'store', cellSize: 2, layout: ['S.', '..'] });
    const result = runPipeline(room);
    expect(result.status).toBe('completed');
    expect(result.compliance.smokeDetection?.pass).toBe(false);
    expect(result.compliance.smokeDetection?.reasons.join(' ')).toMatch(/3 ft/);
    expect(checkResultIndependently(result).smokeDetection).toBe(false);
  });

  it('reports an unreachable lighting target as failed, with the shortfall', () => {
    const room = parseRoom({
      cellSize: 2,
      layout: ['.....', '.....'],
      requirements: { illuminanceLux: 100_000 },
    });
    const result = runPipeline(room);
    expect(result.compliance.lighting?.pass).toBe(false);
    expect(result.compliance.lighting?.reasons.join(' ')).toMatch(/below the 100000 lx target/);
  });
});

describe('selectLightCandidate (RULES §4, revised 2026-12-02)', () => {
  const candidate = (
    model: string,
    confidence: number,
    count: number,
    status = 'completed',
    more: { pass?: boolean; uniformity?: number; alignment?: number } = {},
  ): LightCandidate => ({
    model,
    status: status as 'completed',
    confidence,
    count,
    durationMs: 1,
    metrics: { uniformity: more.uniformity ?? 0.6, alignment: more.alignment ?? 10 },
    pass: more.pass ?? true,
    reasons: [],
    lowerBound: 0,
    optimal: false,
    tiles: [],
  });

  it('puts every compliant layout first, then the fewest lights', () => {
    const failing = candidate('a', 0.7, 3, 'completed', { pass: false });
    expect(selectLightCandidate([candidate('b', 0.8, 10), failing])?.model).toBe('b');
    expect(selectLightCandidate([candidate('b', 0.9, 10), candidate('a', 0.95, 9)])?.model).toBe('a');
    expect(selectLightCandidate([candidate('b', 0.9, 10), candidate('a', 0.9, 12)])?.model).toBe('b');
  });

  it('breaks equal counts by the higher U0, then the more aligned ceiling, then the name', () => {
    const u0 = (model: string, uniformity: number, alignment = 10) =>
      candidate(model, 0.9, 10, 'completed', { uniformity, alignment });
    expect(selectLightCandidate([u0('a', 0.61), u0('b', 0.65)])?.model).toBe('b');
    expect(selectLightCandidate([u0('a', 0.65, 14), u0('b', 0.65, 12)])?.model).toBe('b');
    expect(selectLightCandidate([u0('b', 0.65, 12), u0('a', 0.65, 12)])?.model).toBe('a');
  });

  it('ranks non-compliant layouts by confidence', () => {
    const failing = (model: string, confidence: number) =>
      candidate(model, confidence, 5, 'completed', { pass: false });
    expect(selectLightCandidate([failing('a', 0.5), failing('b', 0.6)])?.model).toBe('b');
  });

  it('never takes a failed model, and takes nothing when all failed', () => {
    expect(selectLightCandidate([candidate('a', 1, 1, 'failed'), candidate('b', 0.5, 9)])?.model).toBe('b');
    expect(selectLightCandidate([candidate('a', 1, 1, 'failed')])).toBeUndefined();
  });
});
