import { describe, expect, it } from 'vitest';
import { prettyLogLine } from '../../scripts/pretty-log-line.js';

describe('npm start log lines', () => {
  const format = prettyLogLine(false);

  it("turns a service's pino JSON line into a readable one, keeping the job's names", () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 11, 2, 12, 0, 1),
      pid: 7,
      hostname: 'h',
      service: 'light-worker',
      runId: 'r-1',
      jobId: 'r-1.exact-mip',
      msg: 'light model finished',
    });
    const pretty = format(line);
    expect(pretty).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: light model finished/);
    expect(pretty).toContain('"runId":"r-1"');
    expect(pretty).toContain('"jobId":"r-1.exact-mip"');
    expect(pretty).not.toContain('hostname');
    expect(pretty).not.toContain('\n');
  });

  it('keeps lines that are not JSON as they are', () => {
    expect(format('redis-server starting')).toBe('redis-server starting');
    expect(format('{not json')).toBe('{not json');
  });
});
