/** Where a floor and its schedule are, as every answer about a floor links them. */
export function floorLinks(floorRunId: string) {
  return {
    self: `/api/floors/${floorRunId}`,
    schedule: `/api/floors/${floorRunId}/schedule.csv`,
  };
}
