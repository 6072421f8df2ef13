import { useEffect, useRef } from 'react'
import type { BestTimeGrid } from '../../../shared/analytics/best-time'
import type { EChartsType } from 'echarts/core'
import { echarts } from '../../ui/echarts'
import { formatCount } from './format'

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`)

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

/** The best cell, said in words (the chart's summary for everyone, screen readers included). */
export function bestCellText(grid: BestTimeGrid): string {
  let best: { d: number; h: number; v: number } | null = null
  grid.cells.forEach((hours, d) =>
    hours.forEach((v, h) => {
      if (v !== null && (!best || v > best.v)) best = { d, h, v }
    }),
  )
  if (!best) return 'Not enough posts yet: each needs a week of numbers.'
  const { d, h, v } = best
  return `Posts published ${WEEKDAYS[d]} ${HOURS[h]} (${grid.zone}) did best: a median of ${formatCount(v)} views after 7 days (from ${grid.posts} posts).`
}

/** Weekday × hour heatmap of the account's own posts' views after a week. */
export function BestTimeHeatmap({ grid }: { grid: BestTimeGrid }) {
  const host = useRef<HTMLDivElement>(null)
  const chart = useRef<EChartsType | null>(null)
  // One instance for the page's life: a new account or range only sets new data.
  useEffect(() => {
    const el = host.current
    if (!el) return
    const instance = echarts.init(el, undefined, { renderer: 'canvas' })
    chart.current = instance
    const resize = new ResizeObserver(() => instance.resize())
    resize.observe(el)
    return () => {
      resize.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    const instance = chart.current
    if (!instance) return
    const text = cssVar('--text-muted', '#9aa1b2')
    const data = grid.cells.flatMap((hours, d) =>
      hours.flatMap((v, h) => (v === null ? [] : [[h, d, v]])),
    )
    const max = Math.max(1, ...data.map((p) => p[2] ?? 0))
    instance.setOption(
      {
        animation: false,
        aria: { enabled: true, label: { description: bestCellText(grid) } },
        grid: { left: 48, right: 16, top: 8, bottom: 48 },
        tooltip: {
          formatter: (p: { value: [number, number, number] }) =>
            `${WEEKDAYS[p.value[1]]} ${HOURS[p.value[0]]} (${grid.zone}): ${formatCount(p.value[2])} views (median)`,
        },
        xAxis: { type: 'category', data: HOURS, axisLabel: { color: text, interval: 2 } },
        yAxis: { type: 'category', data: WEEKDAYS, inverse: true, axisLabel: { color: text } },
        visualMap: {
          min: 0,
          max,
          show: false,
          inRange: { color: ['#2a2f3b', cssVar('--accent', '#ff3b5c')] },
        },
        series: [{ type: 'heatmap', data }],
      },
      { notMerge: true },
    )
  }, [grid])
  return (
    <section className="panel" aria-labelledby="best-time-title">
      <div className="panel__header">
        <h2 id="best-time-title">Best time to post</h2>
      </div>
      <p className="muted analytics__note" data-testid="best-time-summary">
        {bestCellText(grid)}
      </p>
      <div ref={host} className="heatmap" />
    </section>
  )
}
