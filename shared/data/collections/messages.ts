import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, docId, text, timestamp, userId } from '../fields'
import { js, rxSchema } from '../json-schema'

export const AUTHOR_KINDS = ['user', 'brand', 'system'] as const
export const MAX_MESSAGE_BODY = 20_000

/**
 * One message in a deal thread. Users write `user` messages; brand and system messages arrive
 * through connectors and are the server's (`isServerOwnedDocument`).
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
  body: text(MAX_MESSAGE_BODY),
  sentAt: timestamp,
})

export type MessageDoc = z.infer<typeof messageSchema>

export const messages = defineCollection<MessageDoc>({
  name: 'messages',
  schema: messageSchema,
  rxSchema: rxSchema({
    title: 'messages',
    version: 0,
    properties: {
      dealId: js.id(),
      accountId: js.id(),
      author: js.object({
        kind: js.enum(AUTHOR_KINDS),
        userId: js.nullable(js.userId()),
        name: js.string(120),
      }),
      body: js.string(MAX_MESSAGE_BODY),
      sentAt: js.timestamp(),
    },
    indexes: [['dealId', 'sentAt'], 'accountId'],
  }),
  serverOwnedFields: [],
  accountScoped: true,
  isServerOwnedDocument: (doc) => doc.author.kind !== 'user',
})
