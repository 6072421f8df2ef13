import type { ColumnType, Generated } from 'kysely'

/**
 * Table shapes as Kysely sees them. Integers that can pass 2^31 are `bigint` columns: PostgreSQL
 * returns those as strings, so readers convert with `toNumber` (server/db/values.ts).
 */
type BigIntColumn = ColumnType<number | string, number, number>
type JsonColumn = ColumnType<unknown, string, string>

export interface UsersTable {
  id: string
  email: string
  display_name: string
  password_hash: string
  created_at: BigIntColumn
}

export interface SessionsTable {
  id: string
  user_id: string
  token_hash: string
  created_at: BigIntColumn
  expires_at: BigIntColumn
  last_used_at: BigIntColumn
  revoked_at: BigIntColumn | null
  user_agent: string | null
  ip: string | null
}

export interface WorkspacesTable {
  id: string
  name: string
  kind: string
  created_by: string
  created_at: BigIntColumn
  /** Set when the owner deleted it: its documents and memberships are gone, the row explains. */
  deleted_at: BigIntColumn | null
}

export interface MembershipsTable {
  workspace_id: string
  user_id: string
  role: string
  /** JSON array of account ids a creator is assigned to (text in both dialects). */
  account_ids: string
  created_at: BigIntColumn
}

export interface InvitesTable {
  id: string
  workspace_id: string
  code_hash: string
  role: string
  account_ids: string
  created_by: string
  created_at: BigIntColumn
  expires_at: BigIntColumn
  used_at: BigIntColumn | null
  used_by: string | null
}

export interface AuditLogTable {
  id: Generated<number>
  workspace_id: string
  actor_user_id: string | null
  action: string
  target_user_id: string | null
  details: string
  created_at: BigIntColumn
}

export interface DocumentsTable {
  workspace_id: string
  collection: string
  id: string
  account_id: string | null
  seq: BigIntColumn
  /** jsonb on PostgreSQL (arrives parsed), text on SQLite (arrives as a string). */
  data: JsonColumn
  deleted: number
  updated_at: BigIntColumn
}

export interface WorkspaceSeqTable {
  workspace_id: string
  seq: BigIntColumn
}

export interface SigninLimitsTable {
  scope: string
  subject: string
  failures: number
  last_failure_at: BigIntColumn
  locked_until: BigIntColumn | null
}

/** Durable server jobs (server/jobs). */
export interface JobsTable {
  id: string
  kind: string
  dedupe_key: string | null
  workspace_id: string | null
  account_id: string | null
  payload: string
  state: string
  run_at: BigIntColumn
  attempts: number
  max_attempts: number
  lease_owner: string | null
  lease_until: BigIntColumn | null
  last_error: string | null
  result: string | null
  checkpoint: string | null
  created_at: BigIntColumn
  updated_at: BigIntColumn
  finished_at: BigIntColumn | null
}

/** A creator account's link to its platform; tokens sealed with AES-256-GCM. */
export interface PlatformLinksTable {
  workspace_id: string
  account_id: string
  platform: string
  platform_account_id: string
  state: string
  tokens_sealed: string | null
  access_expires_at: BigIntColumn | null
  refresh_expires_at: BigIntColumn | null
  scopes: string
  event_cursor: string | null
  linked_at: BigIntColumn
  last_synced_at: BigIntColumn | null
  problem: string | null
  updated_at: BigIntColumn
}

/** An OAuth login in progress: the hashed `state`, who started it and the sealed PKCE verifier. */
export interface OauthLoginsTable {
  state_hash: string
  user_id: string
  workspace_id: string
  account_id: string | null
  platform: string
  client: string
  redirect_uri: string
  verifier_sealed: string
  created_at: BigIntColumn
  expires_at: BigIntColumn
  used_at: BigIntColumn | null
}

export interface RateLimitSlotsTable {
  bucket: string
  id: string
  ends_at: BigIntColumn
  /** A reserved slot's time (0017); null for a request slot taken at once. */
  starts_at: ColumnType<number | string | null, number | null | undefined, number | null>
}

export interface RateLimitBucketsTable {
  bucket: string
  updated_at: BigIntColumn
}

/** Videos published through the sandbox platform (its only state beyond seed and clock). */
export interface SandboxPublishesTable {
  account_key: string
  publish_id: string
  mode: string
  title: string
  duration_sec: number
  video_size: BigIntColumn
  uploaded_bytes: BigIntColumn
  created_at: BigIntColumn
  completed_at: BigIntColumn | null
  post_id: string | null
}

export interface DealRepliesTable {
  workspace_id: string
  reply_id: string
  account_id: string
  deal_id: string
  /** 'offer' (a creator's counter-offer) or 'message' (a message to the brand). */
  kind: string
  /** 'queued', 'sent' or 'failed'. */
  state: string
  /** Sends asked for so far (Retry adds one); the job's dedupe key includes it. */
  attempt: number
  created_at: BigIntColumn
  updated_at: BigIntColumn
}

export interface SandboxDealRepliesTable {
  account_key: string
  reply_id: string
  invitation_id: string
  kind: string
  amount_minor: BigIntColumn | null
  currency: string | null
  payment_terms: string | null
  body: string
  sent_at: BigIntColumn
}

export interface BlobObjectsTable {
  sha256: string
  size: BigIntColumn
  created_at: BigIntColumn
}

export interface WorkspaceBlobsTable {
  workspace_id: string
  sha256: string
  size: BigIntColumn
  created_by: string
  created_at: BigIntColumn
}

export interface BlobGrantsTable {
  workspace_id: string
  sha256: string
  collection: string
  /** '' for the workspace's shared library (no account). */
  account_id: string
}

export interface BlobUploadsTable {
  id: string
  workspace_id: string
  sha256: string
  size: BigIntColumn
  collection: string
  account_id: string
  created_by: string
  received: BigIntColumn
  created_at: BigIntColumn
  updated_at: BigIntColumn
}

export interface WorkspaceStorageTable {
  workspace_id: string
  keep_originals_local: number
  updated_at: BigIntColumn
}

export interface DB {
  users: UsersTable
  sessions: SessionsTable
  workspaces: WorkspacesTable
  memberships: MembershipsTable
  invites: InvitesTable
  audit_log: AuditLogTable
  documents: DocumentsTable
  workspace_seq: WorkspaceSeqTable
  signin_limits: SigninLimitsTable
  jobs: JobsTable
  platform_links: PlatformLinksTable
  oauth_logins: OauthLoginsTable
  rate_limit_slots: RateLimitSlotsTable
  rate_limit_buckets: RateLimitBucketsTable
  sandbox_publishes: SandboxPublishesTable
  deal_replies: DealRepliesTable
  sandbox_deal_replies: SandboxDealRepliesTable
  blob_objects: BlobObjectsTable
  workspace_blobs: WorkspaceBlobsTable
  blob_grants: BlobGrantsTable
  blob_uploads: BlobUploadsTable
  workspace_storage: WorkspaceStorageTable
}
