import { useLayoutEffect, useRef } from 'react'
import type { DailyPoint } from '../../../shared/analytics/metric-math'
import type { EChartsType } from 'echarts/core'
import { echarts } from '../../ui/echarts'
import { formatCount } from './format'

interface TrendChartProps {
  title: string
  points: readonly DailyPoint[]
  /** 'gain': what each day added (views, likes…); 'level': the reading itself (followers). */
  show: 'gain' | 'level'
  /** Kept by the page, so live updates re-rendering the chart keep the reader's choice. */
  asTable: boolean
  onAsTable: (asTable: boolean) => void
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

/**
 * A daily time series drawn with ECharts (hover values, zoom with the wheel or the slider), with
 * a table view of the same numbers for keyboards and screen readers.
 */
export function TrendChart({ title, points, show, asTable, onAsTable }: TrendChartProps) {
  const host = useRef<HTMLDivElement>(null)
  const chart = useRef<EChartsType | null>(null)

  // One chart instance while the chart is shown: an account switch or a new range only sets new
  // data (creating and disposing an ECharts instance per change was most of a switch's time).
  useLayoutEffect(() => {
    const el = host.current
    if (!el || asTable) return
    const instance = echarts.init(el, undefined, { renderer: 'canvas' })
    chart.current = instance
    const resize = new ResizeObserver(() => instance.resize())
    resize.observe(el)
    return () => {
      resize.disconnect()
      instance.dispose()
      chart.current = null
      delete el.dataset['drawn']
    }
  }, [asTable])

  // Before paint, in the same commit as the page's new heading: never a frame of stale data.
  useLayoutEffect(() => {
    const el = host.current
    const instance = chart.current
    if (!el || !instance) return
    const dates = points.map((p) => p.date)
    const values = points.map((p) => (show === 'gain' ? p.gain : p.level))
    if (el.dataset['drawn'] === 'true') {
      // Only the data and names change (a switch, a range): merging them is far cheaper than
      // rebuilding axes, zoom and tooltip, and keeps the reader's zoom.
      instance.setOption({
        aria: { label: { description: `${title}, one point per day` } },
        xAxis: { data: dates },
        series: [{ name: title, data: values }],
      })
      return
    }
    const text = cssVar('--text-muted', '#9aa1b2')
    const accent = cssVar('--accent', '#ff3b5c')
    const border = cssVar('--border', '#2a2f3b')
    instance.setOption(
      {
        animation: false,
        aria: { enabled: true, label: { description: `${title}, one point per day` } },
        grid: { left: 56, right: 16, top: 16, bottom: 56 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatCount(Number(v), true) },
        xAxis: {
          type: 'category',
          data: dates,
          axisLabel: { color: text },
        },
        yAxis: {
          type: 'value',
          axisLabel: { color: text, formatter: (v: number) => formatCount(v) },
          splitLine: { lineStyle: { color: border } },
        },
        dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
        series: [
          {
            name: title,
            type: 'line',
            showSymbol: false,
            connectNulls: false,
            lineStyle: { color: accent, width: 2 },
            itemStyle: { color: accent },
            areaStyle: { color: accent, opacity: 0.08 },
            data: values,
          },
        ],
      },
      { notMerge: true },
    )
    el.dataset['drawn'] = 'true'
  }, [points, show, title, asTable])

  return (
    <figure className="trend">
      <figcaption className="trend__caption">
        <span>{title}</span>
        <button
          type="button"
          className="button button--small button--quiet"
          aria-pressed={asTable}
          onClick={() => onAsTable(!asTable)}
        >
          {asTable ? 'Show chart' : 'Show as table'}
        </button>
      </figcaption>
      {asTable ? (
        // Keyed: the chart's node must not be reused for the table (disposing ECharts empties it).
        <div key="table" className="trend__table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">{show === 'gain' ? `${title} that day` : title}</th>
              </tr>
            </thead>
            <tbody>
              {[...points].reverse().map((p) => (
                <tr key={p.date}>
                  <td>{p.date}</td>
                  <td className="num">{formatCount(show === 'gain' ? p.gain : p.level, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div key="chart" ref={host} className="trend__chart" data-testid="trend-chart" />
      )}
    </figure>
  )
}
