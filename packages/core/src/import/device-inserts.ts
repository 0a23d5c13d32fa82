import type { ParsedDxfEntity } from 'dxf';
import { DEVICE_BLOCKS } from '../export/cad-layers.js';
import type { ScheduleDeviceType } from '../export/device-schedule.js';
import type { PlanPoint } from './layer-shapes.js';

/** A device block reference of a DXF this project wrote (docs/CAD.md "Blocks and attributes"). */
export interface DeviceInsert extends PlanPoint {
  readonly type: ScheduleDeviceType;
  /** The `STATUS` attribute: `new` (placed by the run) or `existing`; `existing` when absent. */
  readonly status: 'new' | 'existing';
  /** The `TAG` attribute, or the handle, to name the device in a message. */
  readonly label: string;
}

const TYPE_BY_BLOCK = new Map<string, ScheduleDeviceType>(
  Object.entries(DEVICE_BLOCKS).map(([type, block]) => [block.toUpperCase(), type as ScheduleDeviceType]),
);

/**
 * The references of the four device blocks in model space, each with the attributes that follow
 * it (ATTRIBs come right after their INSERT). References of other blocks are not devices.
 */
export function readDeviceInserts(entities: readonly ParsedDxfEntity[]): DeviceInsert[] {
  const out: DeviceInsert[] = [];
  for (let i = 0; i < entities.length; i++) {
    const entity = entities[i];
    if (entity.type !== 'INSERT' || typeof entity.block !== 'string') continue;
    if (entity.paperSpace !== undefined && entity.paperSpace !== 0) continue;
    const type = TYPE_BY_BLOCK.get(entity.block.toUpperCase());
    if (!type || typeof entity.x !== 'number' || typeof entity.y !== 'number') continue;
    const attributes = new Map<string, string>();
    for (let j = i + 1; j < entities.length && entities[j].type === 'ATTRIB'; j++) {
      const { tag, text } = entities[j];
      const value = (text as { string?: unknown } | undefined)?.string;
      if (typeof tag === 'string') attributes.set(tag.toUpperCase(), typeof value === 'string' ? value : '');
    }
    const flip = typeof entity.extrusionZ === 'number' && entity.extrusionZ < 0 ? -1 : 1;
    const handle =
      typeof entity.handle === 'string' ? `INSERT handle ${entity.handle}` : `INSERT of ${entity.block}`;
    out.push({
      type,
      x: entity.x * flip,
      y: entity.y,
      status: attributes.get('STATUS')?.trim().toLowerCase() === 'new' ? 'new' : 'existing',
      label: attributes.get('TAG') || handle,
    });
  }
  return out;
}
