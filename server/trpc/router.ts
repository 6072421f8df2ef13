import { createAnalyticsRouter } from './analytics-router'
import { createAuthRouter } from './auth-router'
import { createDealsRouter } from './deals-router'
import type { Trpc } from './init'
import { createPlatformRouter } from './platform-router'
import { createProcedures } from './procedures'
import { createPublishingRouter } from './publishing-router'
import { createSyncRouter } from './sync-router'
import { createWorkspacesRouter } from './workspaces-router'

export function createAppRouter(t: Trpc) {
  const procedures = createProcedures(t)
  return procedures.router({
    auth: createAuthRouter(procedures),
    workspaces: createWorkspacesRouter(procedures),
    sync: createSyncRouter(procedures),
    platform: createPlatformRouter(procedures),
    publishing: createPublishingRouter(procedures),
    deals: createDealsRouter(procedures),
    analytics: createAnalyticsRouter(procedures),
  })
}

/** The router's type, for typed clients in tests and tools (the renderer uses the shared protocol). */
export type AppRouter = ReturnType<typeof createAppRouter>
