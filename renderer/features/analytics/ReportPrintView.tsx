import { useEffect, useMemo, useRef } from 'react'
import { createPortal } from 'react-dom'
import type { ReportInput } from './pdf-report'
import { chartImage } from './report-chart-image'
import './report-print.css'

/**
 * The report laid out as pages for the desktop's print-to-PDF (Chromium prints it with the
 * system's fonts, so any script a handle or caption uses prints as it reads on screen). It
 * mounts beside the app, hidden on screen; while it is mounted the print stylesheet shows only
 * it. `onReady` runs once every chart image is decoded, so nothing prints half-drawn.
 */
export function ReportPrintView({ input, onReady }: { input: ReportInput; onReady: () => void }) {
  const root = useRef<HTMLDivElement>(null)
  const charts = useMemo(
    () => input.charts.map((chart) => ({ title: chart.title, src: chartImage(chart, 760, 240) })),
    [input.charts],
  )
  const ready = useRef(onReady)
  ready.current = onReady

  useEffect(() => {
    document.body.classList.add('is-printing-report')
    let live = true
    const images = [...(root.current?.querySelectorAll('img') ?? [])]
    void Promise.all(images.map((img) => img.decode().catch(() => undefined))).then(() => {
      if (live) ready.current()
    })
    return () => {
      live = false
      document.body.classList.remove('is-printing-report')
    }
  }, [])

  return createPortal(
    <div ref={root} className="report-print" aria-hidden="true">
      <section className="report-print__cover">
        <h1>{input.title}</h1>
        <p className="report-print__subtitle">{input.subtitle}</p>
        <p className="report-print__made">Made with Reeldesk</p>
      </section>
      <section className="report-print__page">
        <h2>Headline numbers</h2>
        <table className="report-print__headlines">
          <tbody>
            {input.headlines.map((h) => (
              <tr key={h.label}>
                <th scope="row">{h.label}</th>
                <td>{h.value}</td>
                <td>{h.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {charts.map((chart) => (
          <figure key={chart.title} className="report-print__chart">
            <figcaption>{chart.title}</figcaption>
            <img src={chart.src} alt="" />
          </figure>
        ))}
      </section>
      <section className="report-print__page">
        <h2>{input.table.title}</h2>
        <table className="report-print__table">
          <thead>
            <tr>
              {input.table.header.map((cell) => (
                <th key={cell} scope="col">
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {input.table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>,
    document.body,
  )
}
