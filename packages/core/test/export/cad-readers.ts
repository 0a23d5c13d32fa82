import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's interpreter: its ezdxf (python3-ezdxf) is for it, not for a pyenv `python3` on PATH. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

const SCRIPT = fileURLToPath(new URL('./read_cad_files.py', import.meta.url));

/** What read_cad_files.py reports of one DXF. */
export interface DxfReport {
  readonly dxfversion: string;
  readonly insunits: number;
  readonly measurement: number;
  readonly auditErrors: string[];
  readonly auditFixes: string[];
  readonly layers: string[];
  readonly blocks: Record<string, string[]>;
  readonly inserts: {
    block: string;
    layer: string;
    x: number;
    y: number;
    attribs: Record<string, string>;
    invisible: Record<string, boolean>;
  }[];
  readonly walls: { closed: boolean; points: [number, number][] }[];
  readonly entitiesPerLayer: Record<string, number>;
  readonly titleBlock: string[];
}

export interface FileReport {
  readonly dxf?: DxfReport;
  readonly csv?: string[][];
  readonly error?: string;
}

/**
 * Reads every DXF and CSV of `files` in ONE Python process (ezdxf's import alone takes a
 * second): Debian's ezdxf opens and audits each drawing, Python's csv module reads each
 * schedule. Throws a message naming the Debian package when ezdxf is not installed.
 */
export function readWithDebianTools(
  dir: string,
  files: readonly { name: string; dxf?: string; csv?: string }[],
): Record<string, FileReport> {
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, JSON.stringify(files));
  const run = spawnSync(DEBIAN_PYTHON, [SCRIPT, manifest], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.error) {
    throw new Error(
      `cannot run ${DEBIAN_PYTHON} (${run.error.message}): the DXF tests read the drawings with Debian's ezdxf; apt-get install -y python3 python3-ezdxf`,
    );
  }
  if (run.status === 3 || /No module named .?ezdxf/.test(run.stderr)) {
    throw new Error(
      `Debian's ezdxf is not installed for ${DEBIAN_PYTHON}: apt-get install -y python3-ezdxf (the DXF tests read the drawings with it)`,
    );
  }
  if (run.status !== 0)
    throw new Error(`read_cad_files.py failed (${run.status}): ${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout) as Record<string, FileReport>;
}
