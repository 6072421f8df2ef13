/** "2 GiB", "512 MiB", "3.4 MiB": sizes in messages, on the server and in the UI alike. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'] as const
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  const rounded = value >= 10 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)
  return `${rounded} ${units[unit]}`
}
