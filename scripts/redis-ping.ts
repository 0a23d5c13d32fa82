import { createConnection } from 'node:net';

/** Options of {@link answersPing}. */
export interface AnswersPingOptions {
  /** Also count a Redis that asks for a password first (`-NOAUTH`) as up. Default false. */
  readonly orAsksForPassword?: boolean;
}

/** True when a Redis at host:port answers PING within half a second (no client library needed). */
export function answersPing(host: string, port: number, options: AnswersPingOptions = {}): Promise<boolean> {
  const up = options.orAsksForPassword ? /^(\+PONG|-NOAUTH)/ : /^\+PONG/;
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(up.test(data.toString())));
  });
}
