import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, docId, text, timestamp, userId } from '../fields'
import { js, rxSchema } from '../json-schema'

export const AUTHOR_KINDS = ['user', 'brand', 'system'] as const
/** `team`: a note among the members; `brand`: the conversation with the brand. */
export const MESSAGE_AUDIENCES = ['team', 'brand'] as const
export const DELIVERY_STATES = ['sending', 'sent', 'failed'] as const
export const MAX_MESSAGE_BODY = 20_000

const deliverySchema = z.strictObject({
  state: z.enum(DELIVERY_STATES),
  /** The platform's refusal, shown as it is. */
  error: text(1000).nullable(),
  at: timestamp,
})

/**
 * One message in a deal thread (schema version 1). Users write `user` messages: to the team, or
 * to the brand — those the server sends through the platform and records how that went in
 * `delivery` (server-owned). Brand and system messages arrive through connectors and are the
 * server's (`isServerOwnedDocument`).
 */
export const messageSchema = z.strictObject({
  ...baseFields,
  dealId: docId,
  accountId: docId,
  author: z.strictObject({
    kind: z.enum(AUTHOR_KINDS),
    /** The member who wrote it; null for brand and system messages. */
    userId: userId.nullable(),
    name: text(120),
  }),
  audience: z.enum(MESSAGE_AUDIENCES),
  body: text(MAX_MESSAGE_BODY),
  sentAt: timestamp,
  delivery: deliverySchema.nullable(),
})

export type MessageDoc = z.infer<typeof messageSchema>
export type MessageDelivery = z.infer<typeof deliverySchema>

/** Version 0 → 1: brand messages belong to the brand conversation, the rest to the team. */
export function migrateMessageToV1(old: Record<string, unknown>): Record<string, unknown> {
  if ('audience' in old) return old
  const author = old['author'] as { kind?: unknown } | undefined
  return { ...old, audience: author?.kind === 'brand' ? 'brand' : 'team', delivery: null }
}

export const messages = defineCollection<MessageDoc>({
  name: 'messages',
  schema: messageSchema,
  rxSchema: rxSchema({
    title: 'messages',
    version: 1,
    properties: {
      dealId: js.id(),
      accountId: js.id(),
      author: js.object({
        kind: js.enum(AUTHOR_KINDS),
        userId: js.nullable(js.userId()),
        name: js.string(120),
      }),
      audience: js.enum(MESSAGE_AUDIENCES),
      body: js.string(MAX_MESSAGE_BODY),
      sentAt: js.timestamp(),
      delivery: js.nullable(
        js.object({
          state: js.enum(DELIVERY_STATES),
          error: js.nullable(js.string(1000)),
          at: js.timestamp(),
        }),
      ),
    },
    indexes: [['dealId', 'sentAt'], 'accountId'],
  }),
  // Version 1 added the audience and the delivery state; the server's migration 0009 rewrote
  // its stored messages with the same function.
  migrationStrategies: { 1: (old) => migrateMessageToV1(old) },
  serverOwnedFields: ['delivery'],
  serverOwnedDefaults: { delivery: null },
  accountScoped: true,
  isServerOwnedDocument: (doc) => doc.author.kind !== 'user',
})
