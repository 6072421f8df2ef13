/**
 * A -filter_complex under construction: statements of the form [in][in]f1,f2[out], joined by ';'.
 * Labels are generated so chains never collide.
 */
export class FilterGraph {
  private readonly statements: string[] = []
  private counter = 0

  /** A fresh label, e.g. "v3". */
  label(prefix: string): string {
    return `${prefix}${this.counter++}`
  }

  /** Adds a chain; returns its output label. An empty chain becomes a pass-through. */
  add(inputs: readonly string[], filters: readonly string[], output: string): string {
    const chain = filters.length > 0 ? filters.join(',') : 'null'
    this.statements.push(`${inputs.map((l) => `[${l}]`).join('')}${chain}[${output}]`)
    return output
  }

  toString(): string {
    return this.statements.join(';')
  }
}
