export { PLAN_DEVICE_KINDS, type PlanDeviceKind } from './device-symbols.js';
export { defaultTileSize, type PlanSvgOptions, renderPlanSvg } from './plan-svg.js';
export { renderResultSvg } from './result-svg.js';
export { escapeXml } from './svg-text.js';
