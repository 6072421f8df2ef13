/**
 * At most `limit` tasks at once per key, the rest waiting their turn in arrival order. Sign-in
 * uses it per client address so that the delay on failed attempts holds: an address cannot
 * sidestep it by sending its guesses in parallel. Nothing is refused, only queued; keys with
 * nothing running or waiting are forgotten.
 */
export class AddressGate {
  private readonly lanes = new Map<string, { running: number; waiting: (() => void)[] }>()

  constructor(private readonly limit: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key)
    if (!lane) {
      lane = { running: 0, waiting: [] }
      this.lanes.set(key, lane)
    }
    if (lane.running >= this.limit) {
      const current = lane
      await new Promise<void>((resolve) => current.waiting.push(resolve))
    } else {
      lane.running += 1
    }
    try {
      return await task()
    } finally {
      const next = lane.waiting.shift()
      // The slot passes straight to the next in line (running stays the same), or is freed.
      if (next) next()
      else {
        lane.running -= 1
        if (lane.running === 0) this.lanes.delete(key)
      }
    }
  }

  /** Tasks running or waiting under `key` (for tests). */
  load(key: string): number {
    const lane = this.lanes.get(key)
    return lane ? lane.running + lane.waiting.length : 0
  }
}
