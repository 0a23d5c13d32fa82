import type { Queue } from 'bullmq';

/**
 * Several Prometheus text expositions as one: each metric family's `# HELP` and `# TYPE`
 * once, followed by every family's samples from every input. Needed because each queue's
 * `exportPrometheusMetrics()` repeats the headers, and a family declared twice is an invalid
 * exposition that Prometheus rejects whole.
 */
export function mergePrometheusText(texts: readonly string[]): string {
  const families = new Map<string, { help?: string; type?: string; samples: string[] }>();
  const family = (name: string) => {
    let entry = families.get(name);
    if (!entry) {
      entry = { samples: [] };
      families.set(name, entry);
    }
    return entry;
  };
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const header = /^# (HELP|TYPE) ([A-Za-z_:][A-Za-z0-9_:]*)(?: (.*))?$/.exec(line);
      if (header) {
        const entry = family(header[2]);
        if (header[1] === 'HELP') entry.help ??= line;
        else entry.type ??= line;
        continue;
      }
      if (line.startsWith('#')) continue;
      const name = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(line)?.[0];
      if (name) family(name).samples.push(line);
    }
  }
  const out: string[] = [];
  for (const entry of families.values()) {
    if (entry.help) out.push(entry.help);
    if (entry.type) out.push(entry.type);
    out.push(...entry.samples);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/**
 * The job-count gauges of the queues (`bullmq_job_count{queue,state}` and the completed/failed
 * totals), merged into one valid exposition, every sample also labelled with `labels`.
 */
export async function queueMetricsText(
  queues: readonly Queue[],
  labels: Record<string, string> = {},
): Promise<string> {
  const texts = await Promise.all(queues.map((queue) => queue.exportPrometheusMetrics(labels)));
  return mergePrometheusText(texts);
}
