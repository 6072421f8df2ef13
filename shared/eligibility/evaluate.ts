import { projectDate, type Point, type Projection } from './projection'
import type { Criterion, MetricKey, Program } from './rules'

/** An observed value and where it came from ("followers from TikTok, synced 2 Jun"). */
export interface Observed<T = number> {
  value: T
  source: string
  /** The true value is at least this (e.g. account age from the first day of history held). */
  lowerBound?: boolean
}

export interface EligibilityInputs {
  region: string | null
  age: Observed | null
  followers: Observed | null
  views30d: Observed | null
  viewsLastMonth: Observed | null
  accountAgeDays: Observed | null
  posts30d: Observed | null
  /** Confirmed by the creator in Reeldesk (null = not confirmed either way). */
  goodStanding: Observed<boolean> | null
  /** Daily series for growth criteria (last 30 days), oldest first. */
  trends: Partial<Record<MetricKey, readonly Point[]>>
  /** TikTok Shop pilot: this week's shoppable videos (posts with product tags). */
  shoppableVideosThisWeek: Observed | null
}

export type CriterionStatus = 'met' | 'not_met' | 'unknown'

export interface CriterionResult {
  id: string
  label: string
  status: CriterionStatus
  /** The value as people read it, or null when unknown. */
  value: number | string | boolean | null
  threshold: number | readonly string[] | null
  unit: string
  /** Where the value came from, or why it is unknown. */
  source: string
  /** Where the threshold came from. */
  ruleSource: string
  /** Why the threshold is shown as uncertain; also set when the workspace overrode it. */
  uncertain: string | null
  overridden: boolean
  projection: Projection | null
}

export type OverallStatus = 'eligible' | 'not_eligible' | 'unknown'

export interface ProgramResult {
  programId: string
  name: string
  version: number
  status: OverallStatus
  criteria: CriterionResult[]
  /** Pilot quotas this week, when the account is on the pilot. */
  pilot: {
    shoppableVideos: { done: number | null; quota: number }
    liveSellingStreams: { done: null; quota: number }
  } | null
}

/** Workspace overrides: `programId.criterionId` → threshold. */
export type ThresholdOverrides = Readonly<Record<string, number>>

export function thresholdFor(
  program: Program,
  criterion: Criterion & { kind: 'min' },
  region: string | null,
  overrides: ThresholdOverrides,
): { value: number; overridden: boolean } {
  const override = overrides[`${program.id}.${criterion.id}`]
  if (override !== undefined) return { value: override, overridden: true }
  const regional = region ? criterion.regional?.[region] : undefined
  return { value: regional ?? criterion.threshold, overridden: false }
}

function evaluateCriterion(
  program: Program,
  c: Criterion,
  inputs: EligibilityInputs,
  overrides: ThresholdOverrides,
  now: number,
): CriterionResult {
  const base = {
    id: c.id,
    label: c.label,
    ruleSource: c.source,
    uncertain: 'uncertain' in c && c.uncertain ? c.uncertain : null,
    overridden: false,
    projection: null,
  }
  if (c.kind === 'region') {
    if (inputs.region === null)
      return {
        ...base,
        status: 'unknown',
        value: null,
        threshold: c.regions,
        unit: '',
        source: 'No region set on the account',
      }
    return {
      ...base,
      status: c.regions.includes(inputs.region) ? 'met' : 'not_met',
      value: inputs.region,
      threshold: c.regions,
      unit: '',
      source: 'The account’s region in Reeldesk',
    }
  }
  if (c.kind === 'confirm') {
    const o = inputs.goodStanding
    return {
      ...base,
      status: o === null ? 'unknown' : o.value ? 'met' : 'not_met',
      value: o?.value ?? null,
      threshold: null,
      unit: '',
      source: o?.source ?? 'Not reported by the platform: confirm it yourself',
    }
  }
  const { value: threshold, overridden } = thresholdFor(program, c, inputs.region, overrides)
  const observed = inputs[c.metric]
  const result = {
    ...base,
    threshold,
    unit: c.unit,
    overridden,
    uncertain: overridden
      ? `Changed for this workspace (default ${c.threshold.toLocaleString('en-US')})`
      : base.uncertain,
  }
  // Never "met" on missing data.
  if (observed === null) return { ...result, status: 'unknown', value: null, source: 'No data yet' }
  let status: CriterionStatus = observed.value >= threshold ? 'met' : 'not_met'
  // A lower bound below the threshold says nothing either way.
  if (status === 'not_met' && observed.lowerBound) status = 'unknown'
  const series = inputs.trends[c.metric]
  return {
    ...result,
    status,
    value: observed.value,
    source: observed.source,
    projection:
      status === 'not_met' && c.growth
        ? series
          ? projectDate(series, threshold, now)
          : { kind: 'no_data' }
        : null,
  }
}

/** Every criterion of a program for one account, and the overall status. */
export function evaluateProgram(
  program: Program,
  inputs: EligibilityInputs,
  overrides: ThresholdOverrides,
  now: number,
): ProgramResult {
  const criteria = program.criteria.map((c) =>
    evaluateCriterion(program, c, inputs, overrides, now),
  )
  const status: OverallStatus = criteria.some((c) => c.status === 'not_met')
    ? 'not_eligible'
    : criteria.some((c) => c.status === 'unknown')
      ? 'unknown'
      : 'eligible'
  const followers = inputs.followers?.value
  const pilot =
    program.pilot && followers !== undefined && followers < program.pilot.belowFollowers
      ? {
          shoppableVideos: {
            done: inputs.shoppableVideosThisWeek?.value ?? null,
            quota: program.pilot.weekly.shoppableVideos,
          },
          liveSellingStreams: { done: null, quota: program.pilot.weekly.liveSellingStreams },
        }
      : null
  return {
    programId: program.id,
    name: program.name,
    version: program.version,
    status,
    criteria,
    pilot,
  }
}

export function evaluateAll(
  programs: readonly Program[],
  inputs: EligibilityInputs,
  overrides: ThresholdOverrides,
  now: number,
): ProgramResult[] {
  return programs.map((p) => evaluateProgram(p, inputs, overrides, now))
}
