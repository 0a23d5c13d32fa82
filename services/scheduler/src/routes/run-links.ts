/** Where a run, its plan and its result are, as every answer about a run links them. */
export function runLinks(runId: string) {
  return {
    self: `/api/runs/${runId}`,
    plan: `/api/runs/${runId}/plan.svg`,
    result: `/api/runs/${runId}#result`,
  };
}
