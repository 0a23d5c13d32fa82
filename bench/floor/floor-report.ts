import type { MachineInfo } from '../harness/machine.js';
import { alignTable, treeLines } from '../harness/report.js';
import type { FloorPhaseFigures } from './floor-figures.js';

/** Everything `npm run bench -- --floor` measured. */
export interface FloorBenchFigures {
  readonly machine: MachineInfo & { readonly loadAtEnd: number };
  readonly settings: Readonly<Record<string, unknown>>;
  readonly phases: readonly FloorPhaseFigures[];
  readonly goals: readonly { name: string; value: unknown; target: string; met: boolean }[];
}

/** The floor bench's figures for people: the machine, one row per phase, utilisation, Redis, goals. */
export function formatFloorReport(figures: FloorBenchFigures): string {
  const { machine } = figures;
  const lines = [
    `machine: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, Redis ${machine.redis}; load ${machine.loadAtStart.toFixed(2)} at start, ${machine.loadAtEnd.toFixed(2)} at end`,
    ...treeLines({ settings: figures.settings }),
    '',
    ...alignTable([
      [
        'phase',
        'processes',
        'finished',
        'lost',
        'wall s',
        'rooms/s',
        'CPU ms/room',
        'first room s',
        'last room s',
      ],
      ...figures.phases.map((phase) => [
        phase.name,
        String(phase.processes),
        `${phase.completed}+${phase.failed}/${phase.rooms}`,
        String(phase.lost + (phase.finishedTwice ?? 0)),
        (phase.wallMs / 1000).toFixed(1),
        phase.roomsPerSecond.toFixed(2),
        String(phase.cpuMsPerRoom.total),
        seconds(phase.roomFinishedMs?.first),
        seconds(phase.roomFinishedMs?.max),
      ]),
    ]),
    '',
    'per process: CPU ms per room / utilisation (% of one core over the wall time)',
    ...figures.phases.map(
      (phase) =>
        `  ${phase.name}: ${Object.entries(phase.cpuMsPerRoom)
          .map(([label, ms]) => `${label} ${ms}/${phase.utilisation[label] ?? '–'}%`)
          .join(', ')}`,
    ),
  ];
  const withRedis = figures.phases.filter((phase) => phase.redis);
  if (withRedis.length > 0) {
    lines.push('', 'redis:');
    for (const phase of withRedis) lines.push(...treeLines({ [phase.name]: phase.redis }, '  '));
  }
  lines.push('', 'goals:');
  for (const goal of figures.goals)
    lines.push(`  ${goal.met ? 'met   ' : 'MISSED'} ${goal.name}: ${goal.value} (target ${goal.target})`);
  return lines.join('\n');
}

function seconds(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '–' : (ms / 1000).toFixed(1);
}
