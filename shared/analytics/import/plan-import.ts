import { fieldOfColumn, normalizeName, type ImportField } from './columns'
import { parseLooseDate, parseLooseNumber } from './parse-number'

/**
 * A downloaded analytics table → the days to import, before anything is written: finds the
 * header row (downloads often start with a title or a date range), maps known columns, lets the
 * person map the rest, and lists every bad row with its reason. Pure: the preview and the tests
 * run the same code; the server re-checks what is sent.
 */

/** One day as downloads give it: per-day numbers, and followers as the day's total. */
export interface ImportDay {
  date: string
  views?: number
  likes?: number
  comments?: number
  shares?: number
  saves?: number
  profileViews?: number
  watchTimeMs?: number
  followers?: number
}

export interface ImportColumn {
  index: number
  name: string
  field: ImportField | null
}

export interface ImportProblem {
  /** 1-based row number in the file, as a spreadsheet shows it. */
  row: number
  reason: string
}

export interface ImportPlan {
  /** 0-based index of the header row; -1 when none was found. */
  headerRow: number
  columns: ImportColumn[]
  days: ImportDay[]
  problems: ImportProblem[]
}

export type CellText = string | number | boolean | Date | null | undefined

const SEARCH_ROWS = 30
const TOTAL_ROW = new Set(['total', 'totals', 'gesamt', 'summe', 'suma', 'somme', '总计'])

function cellText(cell: CellText): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  return cell === null || cell === undefined ? '' : String(cell)
}

/** The first row (of the first 30) naming a date column and at least one known measure. */
export function detectHeader(rows: readonly (readonly CellText[])[]): number {
  for (let i = 0; i < Math.min(rows.length, SEARCH_ROWS); i += 1) {
    const fields = (rows[i] ?? []).map((c) => fieldOfColumn(cellText(c)))
    if (fields.includes('date') && fields.some((f) => f !== null && f !== 'date')) return i
  }
  return -1
}

export function planImport(
  rows: readonly (readonly CellText[])[],
  options: { mapping?: Readonly<Record<number, ImportField | null>>; monthFirst?: boolean } = {},
): ImportPlan {
  const headerRow = detectHeader(rows)
  const header = rows[Math.max(0, headerRow)] ?? []
  const columns: ImportColumn[] = header.map((cell, index) => {
    const name = cellText(cell)
    const mapped = options.mapping?.[index]
    return { index, name, field: mapped !== undefined ? mapped : fieldOfColumn(name) }
  })
  const problems: ImportProblem[] = []
  const dateColumn = columns.find((c) => c.field === 'date')
  if (headerRow < 0 && !dateColumn)
    return {
      headerRow,
      columns,
      days: [],
      problems: [
        {
          row: 1,
          reason:
            'No header row with a date column was found. Choose which column holds the date below.',
        },
      ],
    }
  const byDate = new Map<string, { day: ImportDay; row: number }>()
  for (let r = Math.max(0, headerRow) + 1; r < rows.length; r += 1) {
    const row = rows[r] ?? []
    const texts = row.map(cellText)
    if (texts.every((t) => t.trim() === '')) continue
    if (TOTAL_ROW.has(normalizeName(texts[0] ?? ''))) continue
    const line = r + 1
    const rawDate = dateColumn ? row[dateColumn.index] : undefined
    const date = parseLooseDate(rawDate, options.monthFirst)
    if (!date) {
      problems.push({ row: line, reason: `“${cellText(rawDate)}” is not a date` })
      continue
    }
    const day: ImportDay = { date }
    let bad: string | null = null
    for (const column of columns) {
      if (!column.field || column.field === 'date') continue
      const value = parseLooseNumber(row[column.index])
      if (value === null) continue
      if (Number.isNaN(value)) {
        bad = `${column.name}: “${cellText(row[column.index])}” is not a number`
        break
      }
      if (value < 0) {
        bad = `${column.name}: ${value} is negative`
        break
      }
      day[column.field] = Math.round(column.field === 'watchTimeMs' ? value * 1000 : value)
    }
    if (bad) {
      problems.push({ row: line, reason: bad })
      continue
    }
    const earlier = byDate.get(date)
    if (earlier) {
      // The same day twice (overlapping exports pasted together): fine if it says the same.
      if (JSON.stringify(earlier.day) !== JSON.stringify(day))
        problems.push({
          row: line,
          reason: `${date} is also on row ${earlier.row} with different numbers`,
        })
      continue
    }
    byDate.set(date, { day, row: line })
  }
  const days = [...byDate.values()].map((v) => v.day).sort((a, b) => a.date.localeCompare(b.date))
  return { headerRow, columns, days, problems }
}
