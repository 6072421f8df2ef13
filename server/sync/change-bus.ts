import { EventEmitter } from 'node:events'

/**
 * In-process notifications after commits. They carry ids and sequence numbers only: listeners
 * re-query the database, so a missed or reordered notification can never make a stream skip a
 * document (the same rule lets PostgreSQL NOTIFY, with its 8000-byte payload, feed this bus).
 */
export type BusEvent =
  | { type: 'commit'; workspaceId: string; collections: string[]; seq: number }
  /** Sessions ended or memberships changed: open streams re-check who they serve. */
  | { type: 'access'; workspaceId: string | null }

export class ChangeBus {
  private readonly emitter = new EventEmitter()

  constructor() {
    // One listener per open stream: many is normal, not a leak.
    this.emitter.setMaxListeners(0)
  }

  publish(event: BusEvent): void {
    this.emitter.emit('event', event)
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    this.emitter.on('event', listener)
    return () => this.emitter.off('event', listener)
  }
}
