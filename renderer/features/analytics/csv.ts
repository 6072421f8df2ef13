import Papa from 'papaparse'

/**
 * A CSV download of every row given (not the visible page). Papa Parse quotes what needs it;
 * a leading =, +, - or @ in a text cell is prefixed with ' so a spreadsheet shows it as text
 * instead of running it as a formula.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const safe = rows.map((row) =>
    row.map((cell) => (typeof cell === 'string' && /^[=+\-@]/.test(cell) ? `'${cell}` : cell)),
  )
  return Papa.unparse({ fields: [...header], data: safe })
}

export function downloadText(name: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
