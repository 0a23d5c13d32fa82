/** What one phase of the floor bench measured (`--json` gives these as they are). */
export interface FloorPhaseFigures {
  readonly name: string;
  /** How the rooms got to the computers: the API (or the service behind it) or the CLI. */
  readonly path: string;
  /** Processes that computed rooms (workers, or CLI processes). */
  readonly processes: number;
  readonly lightWorkers?: number;
  readonly concurrency?: { readonly light: number; readonly placement: number };
  readonly rooms: number;
  readonly completed: number;
  readonly failed: number;
  /** Rooms with no finished run when the floor was done: must be 0. */
  readonly lost: number;
  /** Runs whose root completed more than once: must be 0. */
  readonly finishedTwice?: number;
  /** Trigger (or spawn) to the last room written. */
  readonly wallMs: number;
  readonly roomsPerSecond: number;
  /** The CLI's own time per process (its floor command, start-up excluded). */
  readonly commandMs?: Readonly<Record<string, number>>;
  /** When rooms finished, ms after the trigger. */
  readonly roomFinishedMs?: Readonly<Record<string, number | null>>;
  /** CPU ms per room, per process and in total. */
  readonly cpuMsPerRoom: Readonly<Record<string, number>>;
  /** Each process's CPU over the wall time, % of one core, and the sum. */
  readonly utilisation: Readonly<Record<string, number>>;
  readonly redis?: {
    readonly usedMemoryMb: { readonly before: number; readonly peak: number; readonly after: number };
    readonly commandsPerRoom: unknown;
    readonly census?: unknown;
  };
}

/** Each process's CPU ms over `wallMs`, as % of one core, with the sum as `total`. */
export function utilisation(cpuMs: Readonly<Record<string, number>>, wallMs: number): Record<string, number> {
  const out: Record<string, number> = {};
  let total = 0;
  for (const [label, ms] of Object.entries(cpuMs)) {
    out[label] = Math.round((ms / wallMs) * 100);
    total += (ms / wallMs) * 100;
  }
  out.total = Math.round(total);
  return out;
}
