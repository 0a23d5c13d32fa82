import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CAD_LAYERS,
  DEVICE_ATTRIBUTES,
  DEVICE_BLOCKS,
  deviceSchedule,
  parseRoom,
  type RunResult,
  recheckResult,
  renderDeviceScheduleCsv,
  renderResultDxf,
  runPipeline,
  SCHEDULE_CSV_COLUMNS,
  summarizeRoom,
} from '../../src/index.js';
import { type FileReport, readWithDebianTools } from './cad-readers.js';

const ROOMS = fileURLToPath(new URL('../../../../data/rooms/', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../../../data/input/sample_grid.json', import.meta.url));
const roomFiles: [name: string, path: string][] = [
  ['sample_grid', SAMPLE],
  ...readdirSync(ROOMS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f): [string, string] => [f.replace(/\.json$/, ''), join(ROOMS, f)]),
];

/**
 * A 500 × 500-tile result without running the pipeline (35 s on that size): an L-shaped room
 * with a courtyard (a hole), blocked columns and a lattice of devices, some of them existing.
 * Enough to put the outline tracing, the block references and the readers at full size.
 */
function syntheticResult(): RunResult {
  const size = 500;
  const layout: string[] = [];
  for (let r = 0; r < size; r++) {
    let line = '';
    for (let c = 0; c < size; c++) {
      const cutAway = r < 150 && c >= 350;
      const courtyard = r >= 220 && r < 260 && c >= 220 && c < 300;
      const column = r % 10 === 9 && c % 10 === 9;
      line += cutAway || courtyard ? '-' : column ? '#' : r % 12 === 3 && c % 12 === 3 ? 'L' : '.';
    }
    layout.push(line);
  }
  const input = parseRoom({ roomId: 'synthetic-500', name: 'Synthetic 500 × 500', cellSize: 2, layout });
  const placements: RunResult['placements'][number][] = [];
  const final = layout.map((line, r) =>
    [...line]
      .map((ch, c) => {
        if (ch !== '.') return ch;
        const type =
          r % 6 === 0 && c % 6 === 0 ? 'light' : r % 14 === 7 && c % 14 === 7 ? 'airSupply' : undefined;
        const detector = r % 21 === 10 && c % 21 === 12;
        if (!type && !detector) return ch;
        const kind = type ?? 'smokeDetector';
        placements.push({
          type: kind,
          row: r,
          col: c,
          x: (c + 0.5) * 2,
          y: (size - r - 0.5) * 2,
          stage: kind === 'light' ? 'lights' : kind === 'airSupply' ? 'airSupply' : 'smokeDetectors',
          model: 'lattice',
        });
        return kind === 'light' ? 'L' : kind === 'airSupply' ? 'S' : 'D';
      })
      .join(''),
  );
  return {
    runId: 'synthetic',
    roomId: input.roomId,
    status: 'completed',
    room: summarizeRoom(input),
    layout: final,
    placements,
    stages: { lights: { selected: 'lattice', candidates: [] } },
    compliance: {},
    durationMs: 0,
  };
}

const DATE = '2026-12-02T10:00:00.000Z';
let dir: string;
const results = new Map<string, RunResult>();
const written = new Map<string, { dxf: string; csv: string }>();
let reports: Record<string, FileReport>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ceiling-grid-cad-'));
  // The pipeline once per room; every test below reads these results.
  for (const [name, path] of roomFiles) {
    results.set(
      name,
      runPipeline(parseRoom(JSON.parse(readFileSync(path, 'utf8'))), { runId: `cad-${name}` }),
    );
  }
  // A room that fails: the sample with its top half's diffusers and two detectors taken out, a
  // diffuser and a detector put right beside the first diffuser left, re-checked.
  const sample = results.get('sample_grid')!;
  let detectorsLeft = 1;
  const tiles = sample.layout.map((row, r) => [
    ...row.replace(/S/g, (s) => (r < 9 ? '.' : s)).replace(/D/g, (d) => (detectorsLeft-- > 0 ? d : '.')),
  ]);
  const r = tiles.findIndex((row) => row.includes('S'));
  const c = tiles[r].indexOf('S');
  tiles[r][c + 1] = tiles[r][c + 1] === '.' ? 'S' : tiles[r][c + 1];
  tiles[r + 1][c] = tiles[r + 1][c] === '.' ? 'D' : tiles[r + 1][c];
  results.set(
    'failing',
    recheckResult(
      sample,
      tiles.map((row) => row.join('')),
    ),
  );
  results.set('synthetic-500', syntheticResult());
  // Free text that would break a naive writer: line breaks, AutoCAD's %% codes, quotes, non-ASCII.
  results.set('hostile-name', {
    ...sample,
    runId: 'run\r\n0\nEOF',
    room: { ...sample.room, name: 'Line\nbreak %%c "quoted", ×2 ünïcode' },
  });
  const files = [...results].map(([name, result]) => {
    const dxf = renderResultDxf(result, { date: DATE });
    const csv = renderDeviceScheduleCsv(result);
    written.set(name, { dxf, csv });
    writeFileSync(join(dir, `${name}.dxf`), dxf);
    writeFileSync(join(dir, `${name}.csv`), csv);
    return { name, dxf: join(dir, `${name}.dxf`), csv: join(dir, `${name}.csv`) };
  });
  // Every drawing and schedule in one Python process.
  reports = readWithDebianTools(dir, files);
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const names = [...roomFiles.map(([name]) => name), 'failing', 'synthetic-500', 'hostile-name'];

describe('the DXF, read by Debian’s ezdxf', () => {
  it.each(names)('%s: opens as AutoCAD 2000 or later and the audit finds nothing to fix', (name) => {
    const report = reports[name];
    expect(report.error).toBeUndefined();
    const dxf = report.dxf!;
    expect(dxf.dxfversion >= 'AC1015').toBe(true);
    expect(dxf.auditErrors).toEqual([]);
    expect(dxf.auditFixes).toEqual([]);
  });

  it.each(names)('%s: units of the room, every layer, the device blocks and their attributes', (name) => {
    const dxf = reports[name].dxf!;
    const units = results.get(name)!.room.units;
    expect(dxf.insunits).toBe(units === 'ft' ? 2 : 6);
    expect(dxf.measurement).toBe(units === 'ft' ? 0 : 1);
    for (const layer of Object.values(CAD_LAYERS)) expect(dxf.layers).toContain(layer.name);
    for (const block of Object.values(DEVICE_BLOCKS))
      expect(dxf.blocks[block]).toEqual([...DEVICE_ATTRIBUTES]);
  });

  it.each(names)('%s: one INSERT per device, at its x and y within 1e-6, with its attributes', (name) => {
    const result = results.get(name)!;
    const dxf = reports[name].dxf!;
    const devices = deviceSchedule(result);
    expect(dxf.inserts).toHaveLength(devices.length);
    const byTag = new Map(dxf.inserts.map((i) => [i.attribs.TAG, i]));
    expect(byTag.size).toBe(devices.length);
    const { rows, cellSize } = result.room;
    for (const d of devices) {
      const insert = byTag.get(d.tag)!;
      expect(insert, d.tag).toBeDefined();
      expect(insert.block).toBe(DEVICE_BLOCKS[d.type]);
      expect(insert.layer).toBe(CAD_LAYERS[d.type].name);
      // The tile centre, computed here from row and col (RULES §5).
      expect(Math.abs(insert.x - (d.col + 0.5) * cellSize)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(insert.y - (rows - d.row - 0.5) * cellSize)).toBeLessThanOrEqual(1e-6);
      expect(insert.attribs).toEqual({
        TAG: d.tag,
        TYPE: d.type,
        STATUS: d.status,
        MODEL: d.model ?? '',
        DESC: d.description,
      });
      expect(insert.invisible).toEqual({ TAG: false, TYPE: true, STATUS: true, MODEL: true, DESC: true });
    }
    // Every placement of the result is one of them, new, at the placement's own x and y.
    const byTile = new Map(devices.map((d) => [`${d.row},${d.col}`, d]));
    for (const p of result.placements) {
      const device = byTile.get(`${p.row},${p.col}`)!;
      expect(device.status).toBe('new');
      const insert = byTag.get(device.tag)!;
      expect(Math.abs(insert.x - p.x)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(insert.y - p.y)).toBeLessThanOrEqual(1e-6);
      expect(insert.attribs.MODEL).toBe(p.model);
    }
    expect(devices.filter((d) => d.status === 'new')).toHaveLength(result.placements.length);
  });

  it.each(names)('%s: the walls are closed polylines enclosing exactly the room’s area', (name) => {
    const result = results.get(name)!;
    const dxf = reports[name].dxf!;
    const { cellSize } = result.room;
    const roomTiles = result.layout.join('').replace(/-/g, '').length;
    expect(dxf.walls.length).toBeGreaterThan(0);
    let area = 0;
    for (const wall of dxf.walls) {
      expect(wall.closed).toBe(true);
      // Shoelace: outer loops run counter-clockwise (positive), holes clockwise (negative).
      const p = wall.points;
      for (let i = 0; i < p.length; i++) {
        const [x1, y1] = p[i];
        const [x2, y2] = p[(i + 1) % p.length];
        area += (x1 * y2 - x2 * y1) / 2;
      }
    }
    expect(area).toBeCloseTo(roomTiles * cellSize * cellSize, 6);
  });

  it('draws what fails on the failure layer, and nothing there for a compliant room', () => {
    const failing = results.get('failing')!;
    expect(failing.compliance.airSupply?.pass).toBe(false);
    expect(failing.compliance.smokeDetection?.pass).toBe(false);
    const layer = CAD_LAYERS.failures.name;
    expect(reports.failing.dxf!.entitiesPerLayer[layer]).toBeGreaterThan(0);
    const rules = Object.values(failing.compliance)
      .flatMap((c) => c?.violations ?? [])
      .map((v) => v.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'airSupply.coverage',
        'airSupply.spacing',
        'smokeDetection.coverage',
        'smokeDetection.clearance',
      ]),
    );
    expect(reports.failing.dxf!.titleBlock).toContain('NOT COMPLIANT');
    for (const [name] of roomFiles) {
      const result = results.get(name)!;
      const compliant = Object.values(result.compliance).every((c) => c?.pass);
      expect(compliant, name).toBe(true);
      expect(reports[name].dxf!.entitiesPerLayer[layer] ?? 0, name).toBe(0);
      expect(reports[name].dxf!.titleBlock, name).toContain('COMPLIANT');
    }
  });

  it('says the date it is given and the room, and is deterministic', () => {
    const sample = results.get('sample_grid')!;
    const title = reports.sample_grid.dxf!.titleBlock;
    expect(title).toContain(`Date: ${DATE}`);
    expect(title).toContain(`Room id: ${sample.roomId}`);
    expect(title.some((t) => t.startsWith('Lights: ') && t.includes('proven minimum'))).toBe(true);
    expect(renderResultDxf(sample, { date: DATE })).toBe(written.get('sample_grid')!.dxf);
    expect(reports['hostile-name'].dxf!.titleBlock).toContain('Room: Line break % %c "quoted", ×2 ünïcode');
  });
});

describe('the CSV schedule, read by Python’s csv module', () => {
  it.each(names)('%s: CRLF records, the header, one row per device matching the result', (name) => {
    const result = results.get(name)!;
    const text = written.get(name)!.csv;
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [header, ...rows] = reports[name].csv!;
    expect(header).toEqual([...SCHEDULE_CSV_COLUMNS]);
    const devices = deviceSchedule(result);
    expect(rows).toHaveLength(devices.length);
    const byTile = new Map(result.placements.map((p) => [`${p.row},${p.col}`, p]));
    const at = Object.fromEntries(SCHEDULE_CSV_COLUMNS.map((c, i) => [c, i])) as Record<string, number>;
    for (const [i, row] of rows.entries()) {
      const d = devices[i];
      expect(row[at.tag]).toBe(d.tag);
      expect(row[at.type]).toBe(d.type);
      expect(row[at.units]).toBe(result.room.units);
      expect(Number(row[at.row])).toBe(d.row);
      expect(Number(row[at.col])).toBe(d.col);
      expect(row[at.description]).toBe(d.description);
      const placement = byTile.get(`${d.row},${d.col}`);
      if (placement) {
        expect(row[at.status]).toBe('new');
        expect(Number(row[at.x])).toBe(placement.x);
        expect(Number(row[at.y])).toBe(placement.y);
        expect(row[at.stage]).toBe(placement.stage);
        expect(row[at.model]).toBe(placement.model);
      } else {
        expect(row[at.status]).toBe('existing');
        expect(row[at.stage]).toBe('');
        expect(row[at.model]).toBe('');
        expect(Math.abs(Number(row[at.x]) - (d.col + 0.5) * result.room.cellSize)).toBeLessThanOrEqual(1e-6);
      }
    }
    // Tags agree with the DXF's.
    expect(rows.map((r) => r[at.tag]).sort()).toEqual(
      reports[name].dxf!.inserts.map((i) => i.attribs.TAG).sort(),
    );
  });
});
