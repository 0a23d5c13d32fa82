import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { renderResultSvg } from '../../src/render/index.js';
import { parseRoom } from '../../src/room/parse-room.js';
import { hasClasses, parseXmlDocument } from './xml-document.js';

describe('renderResultSvg', () => {
  // A store room with an existing detector: the run adds devices around it.
  const room = parseRoom({ roomId: 'store', cellSize: 2, layout: ['......', '..D...', '......', '......'] });
  const result = JSON.parse(JSON.stringify(runPipeline(room, { runId: 'r' })));

  it('draws the result as it travels (JSON): placed devices as new, the existing detector as existing', () => {
    const elements = parseXmlDocument(renderResultSvg(result));
    const devices = elements.filter((e) => hasClasses(e, 'device'));
    const existing = devices.filter((e) => hasClasses(e, 'existing'));
    expect(devices.length).toBe(result.placements.length + 1);
    expect(existing).toHaveLength(1);
    expect(hasClasses(existing[0], 'smokeDetector')).toBe(true);
  });

  it('passes the plan options on', () => {
    expect(renderResultSvg(result, { title: 'Store <1>' })).toContain('Store &lt;1&gt;');
    expect(renderResultSvg(result, { detectorCoverage: true })).not.toBe(renderResultSvg(result));
  });
});
