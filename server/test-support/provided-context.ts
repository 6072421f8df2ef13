/** What the optional globalSetup hands to test files through vitest's provide/inject. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the run's PostgreSQL cluster, or null when PostgreSQL is not installed. */
    reeldeskPgAdminUrl: string | null
  }
}

export {}
