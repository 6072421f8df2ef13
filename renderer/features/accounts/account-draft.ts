import { accountSchema, UNLINKED, type AccountDoc } from '../../../shared/data/collections/accounts'
import { uuidv7 } from '../../../shared/data/ids'

/** What the account form edits; everything else is set here or by the server. */
export interface AccountFormValues {
  handle: string
  displayName: string
  platform: AccountDoc['platform']
  region: string
  birthDate: string
  accountType: AccountDoc['accountType']
}

export type AccountFormResult =
  | { ok: true; doc: AccountDoc }
  | { ok: false; errors: Partial<Record<keyof AccountFormValues | 'form', string>> }

export function formValuesOf(doc: AccountDoc | null): AccountFormValues {
  return {
    handle: doc?.handle ?? '',
    displayName: doc?.displayName ?? '',
    platform: doc?.platform ?? 'sandbox',
    region: doc?.region ?? 'US',
    birthDate: doc?.birthDate ?? '',
    accountType: doc?.accountType ?? 'personal',
  }
}

/**
 * Builds the account document the form describes — a new one, or `existing` with the edits —
 * validated by the same strict schema the server applies, so a refusal is explained here, in the
 * form, rather than later by a failed sync. Server-owned fields keep their current values.
 */
export function buildAccountDoc(
  values: AccountFormValues,
  context: { workspaceId: string; existing: AccountDoc | null; now: number },
): AccountFormResult {
  const id = context.existing?.id ?? uuidv7()
  const candidate: AccountDoc = {
    id,
    accountId: id,
    workspaceId: context.workspaceId,
    updatedAt: context.now,
    _deleted: false,
    handle: values.handle.trim().replace(/^@/, ''),
    displayName: values.displayName.trim(),
    platform: values.platform,
    region: values.region.trim().toUpperCase(),
    birthDate: values.birthDate.trim() === '' ? null : values.birthDate.trim(),
    accountType: values.accountType,
    ageVerified: context.existing?.ageVerified ?? false,
    followerCount: context.existing?.followerCount ?? null,
    platformAccountId: context.existing?.platformAccountId ?? null,
    link: context.existing?.link ?? UNLINKED,
  }
  const parsed = accountSchema.safeParse(candidate)
  if (parsed.success) return { ok: true, doc: parsed.data }
  const errors: Partial<Record<keyof AccountFormValues | 'form', string>> = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    const key = (field in values ? field : 'form') as keyof AccountFormValues | 'form'
    errors[key] ??= issue.message
  }
  return { ok: false, errors }
}
