import { useEffect, useRef, useState } from 'react'
import type { CurvePoint } from '../../../shared/analytics/post-curve'
import { echarts } from '../../ui/echarts'
import { formatCount } from './format'

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

/**
 * A post's cumulative views by day since publishing against the account's median post at the
 * same age (ECharts, hover values, zoom), with a table view of the same numbers.
 */
export function CurveChart({ points }: { points: readonly CurvePoint[] }) {
  const host = useRef<HTMLDivElement>(null)
  const [asTable, setAsTable] = useState(false)

  useEffect(() => {
    const el = host.current
    if (!el || asTable) return
    const chart = echarts.init(el, undefined, { renderer: 'canvas' })
    const text = cssVar('--text-muted', '#9aa1b2')
    const accent = cssVar('--accent', '#ff3b5c')
    const border = cssVar('--border', '#2a2f3b')
    chart.setOption({
      animation: false,
      aria: {
        enabled: true,
        label: { description: 'Views of this post by day since publishing, and the median post' },
      },
      grid: { left: 56, right: 16, top: 32, bottom: 56 },
      legend: { top: 0, textStyle: { color: text } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (v === null ? '—' : formatCount(Number(v), true)),
      },
      xAxis: {
        type: 'category',
        name: 'days since publishing',
        nameLocation: 'middle',
        nameGap: 28,
        nameTextStyle: { color: text },
        data: points.map((p) => `Day ${p.age}`),
        axisLabel: { color: text },
      },
      yAxis: {
        type: 'value',
        axisLabel: { color: text, formatter: (v: number) => formatCount(v) },
        splitLine: { lineStyle: { color: border } },
      },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 14, bottom: 4 }],
      series: [
        {
          name: 'This post',
          type: 'line',
          showSymbol: false,
          lineStyle: { color: accent, width: 2 },
          itemStyle: { color: accent },
          data: points.map((p) => p.views),
        },
        {
          name: 'Median post at the same age',
          type: 'line',
          showSymbol: false,
          lineStyle: { color: text, width: 2, type: 'dashed' },
          itemStyle: { color: text },
          data: points.map((p) => p.median),
        },
      ],
    })
    el.dataset['drawn'] = 'true'
    const resize = new ResizeObserver(() => chart.resize())
    resize.observe(el)
    return () => {
      resize.disconnect()
      chart.dispose()
      delete el.dataset['drawn']
    }
  }, [points, asTable])

  return (
    <figure className="trend">
      <figcaption className="trend__caption">
        <span>Views since publishing</span>
        <button
          type="button"
          className="button button--small button--quiet"
          aria-pressed={asTable}
          onClick={() => setAsTable(!asTable)}
        >
          {asTable ? 'Show chart' : 'Show as table'}
        </button>
      </figcaption>
      {asTable ? (
        <div key="table" className="trend__table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Day since publishing</th>
                <th scope="col">This post</th>
                <th scope="col">Median post</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.age}>
                  <td>{p.age}</td>
                  <td className="num">{formatCount(p.views, true)}</td>
                  <td className="num">{formatCount(p.median, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div key="chart" ref={host} className="trend__chart" data-testid="curve-chart" />
      )}
    </figure>
  )
}
