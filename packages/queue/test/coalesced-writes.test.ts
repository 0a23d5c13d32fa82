import type { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { randomPrefix } from '../../../test/support/service-process.js';
import { coalesceWrites } from '../src/index.js';
import { REDIS_URL } from './queue-harness.js';

/** Counts the socket's flushes to the OS: one `_write` per lone chunk, one `_writev` per batch. */
function countFlushes(socket: Socket): { readonly count: number } {
  const counter = { count: 0 };
  const target = socket as Socket & { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
  const write = target._write;
  const writev = target._writev;
  target._write = function (this: Socket, ...args: unknown[]) {
    counter.count++;
    return write.apply(this, args);
  };
  target._writev = function (this: Socket, ...args: unknown[]) {
    counter.count++;
    return writev.apply(this, args);
  };
  return counter;
}

describe('coalesceWrites', () => {
  const open: Redis[] = [];
  afterEach(async () => {
    for (const connection of open.splice(0)) await connection.quit();
  });

  async function connect(coalesce: boolean): Promise<Redis> {
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    open.push(connection);
    if (coalesce) coalesceWrites(connection);
    await new Promise((resolve) => connection.once('ready', resolve));
    return connection;
  }

  it('sends the commands of one event-loop turn in one socket write, with every reply in order', async () => {
    const connection = await connect(true);
    const key = `${randomPrefix('coalesce')}:n`;
    const flushes = countFlushes(connection.stream as Socket);
    const replies = await Promise.all(Array.from({ length: 50 }, () => connection.incr(key)));
    expect(replies).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(flushes.count).toBe(1);
    await connection.del(key);
  });

  it('without it, the same commands take a write each (what coalescing saves)', async () => {
    const connection = await connect(false);
    const key = `${randomPrefix('coalesce')}:n`;
    const flushes = countFlushes(connection.stream as Socket);
    await Promise.all(Array.from({ length: 50 }, () => connection.incr(key)));
    expect(flushes.count).toBeGreaterThan(1);
    await connection.del(key);
  });

  it('still sends commands issued in later turns, and after a reconnect', async () => {
    const connection = await connect(true);
    const key = `${randomPrefix('coalesce')}:n`;
    for (let i = 0; i < 5; i++) {
      await connection.incr(key);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    connection.disconnect(true);
    await new Promise((resolve) => connection.once('ready', resolve));
    const flushes = countFlushes(connection.stream as Socket);
    const [a, b] = await Promise.all([connection.incr(key), connection.incr(key)]);
    expect([a, b]).toEqual([6, 7]);
    expect(flushes.count).toBe(1);
    await connection.del(key);
  });
});
