import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';

const coalesced = new WeakSet<Socket>();

/**
 * Makes `connection` send every command it is given within one turn of the event loop in a
 * single socket write, and returns it.
 *
 * A BullMQ job's completion, its log line and its progress are three Redis commands issued in
 * the same turn; ioredis writes each to the socket on its own. On this project's 2-core VMs a
 * socket write costs about 0.1 ms of CPU, as much as a model on a small room, and Redis then
 * reads each separately too. Corking the socket until `setImmediate` (the end of the current
 * turn, after every promise continuation) turns them into one `writev`: measured in a loop of
 * two commands (a log line and a progress, the pair every job sends) against the local Redis,
 * 205–242 µs of client CPU a pair written apart, 82–121 µs coalesced. Commands wait at most until the end of the turn
 * they were issued in, so latency does not grow, and replies and their order are unchanged.
 * Unlike ioredis's `enableAutoPipelining` it builds no pipeline objects per tick.
 *
 * Each new socket (after a reconnect) is coalesced as it connects.
 */
export function coalesceWrites(connection: Redis): Redis {
  const coalesceStream = () => {
    const stream = connection.stream as Socket | undefined;
    if (!stream || coalesced.has(stream) || typeof stream.cork !== 'function') return;
    coalesced.add(stream);
    const write = stream.write;
    let corked = false;
    const uncork = () => {
      corked = false;
      stream.uncork();
    };
    stream.write = function coalescedWrite(this: Socket, ...args: Parameters<Socket['write']>) {
      if (!corked && !stream.destroyed) {
        corked = true;
        stream.cork();
        setImmediate(uncork);
      }
      return write.apply(this, args);
    } as Socket['write'];
  };
  connection.on('connect', coalesceStream);
  coalesceStream();
  return connection;
}
