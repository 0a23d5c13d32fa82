import { SCHEDULES_QUEUE } from '@ceiling-grid/queue';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { deletePrefix } from '../../../test/support/redis-cleanup.js';
import { randomPrefix } from '../../../test/support/service-process.js';
import { DAILY_SCHEDULER_ID, registerDailySchedule } from '../src/daily-schedule.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function schedulesQueue() {
  const prefix = randomPrefix('daily');
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(SCHEDULES_QUEUE, { connection, prefix });
  cleanups.push(async () => {
    await queue.close();
    await deletePrefix(REDIS_URL, prefix);
    connection.disconnect();
  });
  return queue;
}

const options = {
  enabled: true,
  cron: '0 2 * * *',
  roomPath: 'data/input/sample_grid.json',
  resultTtlDays: 7,
};

describe('the daily job scheduler', () => {
  it('is registered once however often the scheduler restarts', async () => {
    const queue = schedulesQueue();
    for (let restart = 0; restart < 5; restart++) await registerDailySchedule(queue, options);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: DAILY_SCHEDULER_ID, pattern: '0 2 * * *', tz: 'UTC' });
    // The next run is the next 02:00 UTC.
    const next = new Date(schedulers[0].next ?? 0);
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([2, 0]);
    expect(await queue.getDelayedCount()).toBe(1);
  });

  it('takes a new pattern in place, and goes away when disabled', async () => {
    const queue = schedulesQueue();
    await registerDailySchedule(queue, options);
    await registerDailySchedule(queue, { ...options, cron: '30 6 * * *' });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.pattern)).toEqual(['30 6 * * *']);
    await registerDailySchedule(queue, { ...options, enabled: false });
    expect(await queue.getJobSchedulersCount()).toBe(0);
  });
});
