import { useEffect, useRef } from 'react'
import { formatMoney } from '../../../shared/money/money'
import { STREAM_LABELS, STREAMS, type Stream } from '../../../shared/money/streams'
import { echarts } from '../../ui/echarts'

export const STREAM_COLORS: Record<Stream, string> = {
  gifts: '#f25c8a',
  rewards: '#4f7cff',
  commissions: '#f2a93b',
  deals: '#2bb673',
  other: '#8a8fa3',
}

export interface MonthBar {
  month: string
  streams: Record<Stream, number>
}

function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', {
    month: 'short',
    timeZone: 'UTC',
  })
}

/**
 * Monthly income stacked by stream, in one currency. Canvas with ECharts' aria description for
 * screen readers; the page also offers the same numbers as a table.
 */
export function EarningsChart({
  bars,
  currency,
  onSelectMonth,
}: {
  bars: readonly MonthBar[]
  currency: string
  onSelectMonth?: (month: string) => void
}) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const select = useRef(onSelectMonth)
  select.current = onSelectMonth

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const instance = echarts.init(el, null, { renderer: 'canvas' })
    chart.current = instance
    instance.on('click', (p) => {
      const month = (p as { name?: string; dataIndex?: number }).dataIndex
      if (typeof month === 'number') select.current?.(barsRef.current[month]?.month ?? '')
    })
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  const barsRef = useRef(bars)
  barsRef.current = bars

  useEffect(() => {
    const text = getComputedStyle(document.documentElement).getPropertyValue('--text-muted').trim()
    chart.current?.setOption(
      {
        aria: { enabled: true },
        color: STREAMS.map((s) => STREAM_COLORS[s]),
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
        legend: { top: 0, textStyle: { color: text || '#888' } },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: unknown) => formatMoney(Number(v) * 10 ** 0, currency),
        },
        xAxis: {
          type: 'category',
          data: bars.map((b) => monthLabel(b.month)),
          axisLabel: { color: text || '#888' },
        },
        yAxis: {
          type: 'value',
          axisLabel: {
            color: text || '#888',
            formatter: (v: number) => formatMoney(v, currency).replace(/\.00$/, ''),
          },
          splitLine: { lineStyle: { opacity: 0.2 } },
        },
        series: STREAMS.map((s) => ({
          name: STREAM_LABELS[s],
          type: 'bar',
          stack: 'income',
          barMaxWidth: 36,
          emphasis: { focus: 'series' },
          data: bars.map((b) => b.streams[s]),
        })),
      },
      { notMerge: true },
    )
  }, [bars, currency])

  return (
    <div
      ref={ref}
      className="earnings-chart"
      role="img"
      aria-label={`Monthly income by stream in ${currency}`}
    />
  )
}
