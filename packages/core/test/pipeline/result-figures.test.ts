import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRoom, roundDuration, roundFigure, runPipeline } from '../../src/index.js';

describe('roundFigure', () => {
  it('keeps six significant digits and drops float noise', () => {
    expect(roundFigure(3.5999999999999996)).toBe(3.6);
    expect(roundFigure(0.9565217391304348)).toBe(0.956522);
    expect(roundFigure(0.1 + 0.2)).toBe(0.3);
    expect(roundFigure(1234567.89)).toBe(1234570);
    expect(roundFigure(42)).toBe(42);
    expect(roundFigure(-1)).toBe(-1);
    expect(roundFigure(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rounds away from a pass when asked, so a shown figure never reaches a target the exact one misses', () => {
    expect(roundFigure(504.99231651695834, 'down')).toBe(504.992);
    expect(roundFigure(0.59999999, 'down')).toBe(0.599999);
    expect(roundFigure(0.9999996, 'down')).toBe(0.999999);
    expect(roundFigure(11.661903789690601, 'up')).toBe(11.662);
    expect(roundFigure(20.248456731316587, 'up')).toBe(20.2485);
  });

  it('snaps float noise around a round number to it whatever the direction', () => {
    expect(roundFigure(12.000000000000002, 'up')).toBe(12);
    expect(roundFigure(0.6 - 1e-16, 'down')).toBe(0.6);
  });

  it('keeps durations to the microsecond', () => {
    expect(roundDuration(19.527199999999993)).toBe(19.527);
    expect(roundDuration(0.0004)).toBe(0);
  });
});

describe('a result’s figures', () => {
  it('carry at most six significant digits, durations at most three decimals, and the units of the requirements', () => {
    const path = fileURLToPath(new URL('../../../../data/rooms/classroom-metric.json', import.meta.url));
    const result = runPipeline(parseRoom(JSON.parse(readFileSync(path, 'utf8'))), { runId: 'figures' });
    const checkFigure = (value: number, where: string) => {
      if (Number.isInteger(value)) return;
      expect(Number(value.toPrecision(6)), where).toBe(value);
    };
    const { lights, airSupply, smokeDetectors } = result.stages;
    for (const stage of [...lights.candidates, airSupply!, smokeDetectors!]) {
      checkFigure(stage.confidence, `${stage.model} confidence`);
      expect(Number(stage.durationMs.toFixed(3))).toBe(stage.durationMs);
      for (const [key, value] of Object.entries(stage.metrics)) checkFigure(value, `${stage.model} ${key}`);
    }
    for (const check of Object.values(result.compliance)) {
      for (const [key, value] of Object.entries(check!.metrics)) checkFigure(value, key);
    }
    expect(result.room.requirementUnits).toMatchObject({
      diffuserAirflow: 'L/s',
      supplyAirflowPerArea: 'L/s/m²',
      diffuserCoverageRadius: 'm',
      illuminanceLux: 'lx',
    });
    expect(result.compliance.airSupply?.units?.requiredAirflow).toBe('L/s');
  });
});
