import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, currency, docId, minorAmount, text, timestamp } from '../fields'
import { js, rxSchema } from '../json-schema'

/** Deal lifecycle; the allowed transitions are a domain rule, not a schema rule. */
export const DEAL_STATES = [
  'offer',
  'negotiating',
  'accepted',
  'in_progress',
  'delivered',
  'paid',
  'declined',
  'cancelled',
] as const
export const DELIVERABLE_KINDS = ['video', 'live', 'story', 'other'] as const
export const MAX_DELIVERABLES = 50

const deliverableSchema = z.strictObject({
  id: docId,
  kind: z.enum(DELIVERABLE_KINDS),
  description: text(2000),
  dueAt: timestamp.nullable(),
  /** The post that fulfils it, once there is one. */
  postId: docId.nullable(),
  done: z.boolean(),
})

/** A brand deal for one account. Deliverables are embedded and merge by id. */
export const dealSchema = z.strictObject({
  ...baseFields,
  accountId: docId,
  brand: text(200, 1),
  title: text(200),
  state: z.enum(DEAL_STATES),
  amountMinor: minorAmount,
  currency,
  deliverables: z.array(deliverableSchema).max(MAX_DELIVERABLES),
  dueAt: timestamp.nullable(),
  notes: text(10_000),
})

export type DealDoc = z.infer<typeof dealSchema>
export type Deliverable = z.infer<typeof deliverableSchema>

export const deals = defineCollection<DealDoc>({
  name: 'deals',
  schema: dealSchema,
  rxSchema: rxSchema({
    title: 'deals',
    version: 0,
    properties: {
      accountId: js.id(),
      brand: js.string(200, 1),
      title: js.string(200),
      state: js.enum(DEAL_STATES),
      amountMinor: js.count(),
      currency: js.currency(),
      deliverables: js.array(
        js.object({
          id: js.id(),
          kind: js.enum(DELIVERABLE_KINDS),
          description: js.string(2000),
          dueAt: js.nullable(js.timestamp()),
          postId: js.nullable(js.id()),
          done: js.boolean(),
        }),
        MAX_DELIVERABLES,
      ),
      dueAt: js.nullable(js.timestamp()),
      notes: js.string(10_000),
    },
    indexes: [['accountId', 'updatedAt']],
  }),
  serverOwnedFields: [],
  accountScoped: true,
})
