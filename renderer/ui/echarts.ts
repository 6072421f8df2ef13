import { BarChart, HeatmapChart, LineChart } from 'echarts/charts'
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

/**
 * The app's one chart library, set up once: ECharts tree-shaken to what the app draws (lines and
 * the best-time heatmap in Analytics, stacked bars in Earnings), on the canvas renderer with its
 * aria module (a generated description for screen readers).
 */
echarts.use([
  LineChart,
  HeatmapChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  VisualMapComponent,
  AriaComponent,
  CanvasRenderer,
])

export { echarts }
