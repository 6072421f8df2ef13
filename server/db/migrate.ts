import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { createLogger } from '../../shared/logger'
import type { Dialect } from './connect'
import { initialMigration } from './migrations/0001_initial'
import { signinLimitsMigration } from './migrations/0002_signin_limits'
import { workspaceLifecycleMigration } from './migrations/0003_workspace_lifecycle'
import { platformMigration } from './migrations/0004_platform'
import { accountsLinkMigration } from './migrations/0004b_accounts_link'
import { blobsMigration } from './migrations/0005_blobs'
import { publishingMigration } from './migrations/0006_publishing'
import { analyticsMigration } from './migrations/0007_analytics'
import { earningsMigration } from './migrations/0008_earnings'
import { dealsShopMigration } from './migrations/0009_deals_shop'
import { workspaceSettingsMigration } from './migrations/0010_workspace_settings'
import { dealsRepliesMigration } from './migrations/0012_deals_replies'
import { publishPerfMigration } from './migrations/0017_publish_perf'
import { mediaLicenceMigration } from './migrations/0018_media_licence'
import { sparkCaptionsMigration } from './migrations/0019_spark_captions'
import { analyticsSyncMigration } from './migrations/0021_analytics_sync'

const log = createLogger('migrate')

/** Migrations are compiled into the bundle (no folder scan), keyed in the order they run. */
function provider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_initial': initialMigration(dialect),
    '0002_signin_limits': signinLimitsMigration(),
    '0003_workspace_lifecycle': workspaceLifecycleMigration,
    '0004_platform': platformMigration(),
    '0004b_accounts_link': accountsLinkMigration(dialect),
    '0005_blobs': blobsMigration(dialect),
    '0006_publishing': publishingMigration(dialect),
    '0007_analytics': analyticsMigration(dialect),
    '0008_earnings': earningsMigration(dialect),
    '0009_deals_shop': dealsShopMigration(dialect),
    '0010_workspace_settings': workspaceSettingsMigration(dialect),
    '0012_deals_replies': dealsRepliesMigration(),
    '0017_publish_perf': publishPerfMigration(),
    '0018_media_licence': mediaLicenceMigration(dialect),
    '0019_spark_captions': sparkCaptionsMigration(dialect),
    '0021_analytics_sync': analyticsSyncMigration(dialect),
  }
  return { getMigrations: () => Promise.resolve(migrations) }
}

export async function migrateToLatest<T>(db: Kysely<T>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({ db, provider: provider(dialect) })
  const { error, results } = await migrator.migrateToLatest()
  for (const r of results ?? []) {
    if (r.status === 'Success') log.info('applied migration', { name: r.migrationName })
    else if (r.status === 'Error') log.error('migration failed', { name: r.migrationName })
  }
  if (error) throw error instanceof Error ? error : new Error(String(error))
}
