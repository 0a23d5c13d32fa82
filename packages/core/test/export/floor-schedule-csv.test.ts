import { describe, expect, it } from 'vitest';
import { parseRoom, renderDeviceScheduleCsv, renderFloorScheduleCsv, runPipeline } from '../../src/index.js';

const roomA = parseRoom({ roomId: 'r-101', cellSize: 2, layout: ['......', '..#...', '......', '......'] });
const roomB = parseRoom({ roomId: 'r-102', cellSize: 2, layout: ['L.....', '......', '......'] });

describe('renderFloorScheduleCsv', () => {
  it("lists every room's schedule under its room id and run id, in the order given", () => {
    const a = runPipeline(roomA);
    const b = runPipeline(roomB);
    const csv = renderFloorScheduleCsv([
      { roomId: roomA.roomId, runId: 'run-a', result: a },
      { roomId: roomB.roomId, runId: 'run-b', result: b },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('roomId,runId,tag,type,x,y,units,row,col,status,stage,model,description');
    expect(lines.at(-1)).toBe('');
    // Each room's records are that room's own schedule, prefixed: nothing added, nothing lost.
    const own = (csvText: string) => csvText.split('\r\n').slice(1, -1);
    const aLines = own(renderDeviceScheduleCsv(a));
    const bLines = own(renderDeviceScheduleCsv(b));
    expect(aLines.length).toBeGreaterThan(0);
    expect(lines.slice(1, -1)).toEqual([
      ...aLines.map((line) => `r-101,run-a,${line}`),
      ...bLines.map((line) => `r-102,run-b,${line}`),
    ]);
    // The existing light of room B is listed too.
    expect(lines.some((line) => line.includes(',light,') && line.includes(',existing,'))).toBe(true);
  });

  it('is the header alone for a floor with no finished room', () => {
    expect(renderFloorScheduleCsv([])).toBe(
      'roomId,runId,tag,type,x,y,units,row,col,status,stage,model,description\r\n',
    );
  });
});
