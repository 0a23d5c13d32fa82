/**
 * One process of the floor bench's CLI phase: the CLI's floor command in this process, as
 * `ceiling-grid floor.json --out-dir DIR` runs it, then this process's CPU time and the
 * command's own wall time as one JSON line on stdout (the table goes to stderr).
 */
import { runCli } from '@ceiling-grid/cli';

const started = performance.now();
const code = await runCli(process.argv.slice(2), {
  readStdin: async () => '',
  stdout: process.stdout,
  stderr: process.stderr,
});
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ code, commandMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
process.exitCode = code;
