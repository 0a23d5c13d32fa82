import { readFile } from 'node:fs/promises';
import { parseRoom, type Room } from '@ceiling-grid/core';

/** Reads and validates a room file (the sample, the daily room); the message names the file, the field and the reason. */
export async function loadRoomFile(path: string): Promise<Room> {
  try {
    return parseRoom(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}
