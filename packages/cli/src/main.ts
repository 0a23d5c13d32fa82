import { text } from 'node:stream/consumers';
import { runCli } from './run-cli.js';

/**
 * Entry point of the `ceiling-grid` command (bin/ceiling-grid.js), also
 * `npm run -s pipeline -- room.json --out result.json --svg plan.svg`.
 */
runCli(process.argv.slice(2), {
  readStdin: () => text(process.stdin),
  stdout: process.stdout,
  stderr: process.stderr,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
