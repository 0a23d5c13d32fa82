import { prettyFactory } from 'pino-pretty';

/**
 * Formats one line a service printed, for `npm start`: pino's JSON lines become readable
 * (`[12:00:01] INFO: light model finished` and the fields below it), anything else is kept.
 * The services themselves always log JSON, as production needs.
 */
export function prettyLogLine(colorize: boolean): (line: string) => string {
  const pretty = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    singleLine: true,
  });
  return (line) => {
    if (!line.startsWith('{')) return line;
    try {
      return pretty(JSON.parse(line)).trimEnd();
    } catch {
      return line;
    }
  };
}
