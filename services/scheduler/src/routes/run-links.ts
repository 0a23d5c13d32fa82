/** Where a run, its files and its result are, as every answer about a run links them. */
export function runLinks(runId: string) {
  return {
    self: `/api/runs/${runId}`,
    plan: `/api/runs/${runId}/plan.svg`,
    reviewSheet: `/api/runs/${runId}/review-sheet.svg`,
    drawing: `/api/runs/${runId}/plan.dxf`,
    schedule: `/api/runs/${runId}/schedule.csv`,
    result: `/api/runs/${runId}#result`,
  };
}
