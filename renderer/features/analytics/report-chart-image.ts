import { echarts } from '../../ui/echarts'
import { formatCount } from './format'
import type { ReportChart } from './pdf-report'

/** A chart drawn offscreen on a white background, as a PNG data URL. */
export function chartImage(chart: ReportChart, width: number, height: number): string {
  const host = document.createElement('div')
  host.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`
  document.body.append(host)
  const instance = echarts.init(host, undefined, { renderer: 'canvas', width, height })
  try {
    instance.setOption({
      animation: false,
      grid: { left: 60, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: chart.points.map((p) => p.date) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCount(v) } },
      series: [
        {
          type: 'line',
          showSymbol: false,
          lineStyle: { color: '#d81e44', width: 2 },
          data: chart.points.map((p) => (chart.show === 'gain' ? p.gain : p.level)),
        },
      ],
    })
    return instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })
  } finally {
    instance.dispose()
    host.remove()
  }
}
