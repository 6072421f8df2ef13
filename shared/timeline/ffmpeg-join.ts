import type { FilterGraph } from './filter-graph'
import type { PlannedClip, PlannedTransition } from './render-plan'

export interface JoinFilters {
  readonly concat: (n: number) => string[]
  readonly transition: (t: PlannedTransition) => string[]
  readonly prefix: string
}

/** Shared by the video and audio joins, so both cut at the same places. */
export function joinRuns(
  graph: FilterGraph,
  labels: readonly string[],
  plan: readonly PlannedClip[],
  filters: JoinFilters,
): string {
  const runs: { labels: string[]; transitionOut?: PlannedTransition }[] = []
  let current: string[] = []
  plan.forEach((p, i) => {
    current.push(labels[i] ?? '')
    if (p.transitionOut || i === plan.length - 1) {
      runs.push({ labels: current, transitionOut: p.transitionOut })
      current = []
    }
  })
  const runLabels = runs.map((run) =>
    run.labels.length === 1
      ? (run.labels[0] ?? '')
      : graph.add(run.labels, filters.concat(run.labels.length), graph.label(filters.prefix)),
  )
  let joined = runLabels[0] ?? ''
  runs.slice(0, -1).forEach((run, i) => {
    const next = runLabels[i + 1] ?? ''
    if (!run.transitionOut) return
    joined = graph.add(
      [joined, next],
      filters.transition(run.transitionOut),
      graph.label(filters.prefix),
    )
  })
  return joined
}
