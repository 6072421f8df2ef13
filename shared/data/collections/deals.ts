import { z } from 'zod'
import { defineCollection } from '../define-collection'
import {
  baseFields,
  currency,
  docId,
  minorAmount,
  text,
  timestamp,
  userId,
  USER_ID_PATTERN,
} from '../fields'
import { js, rxSchema } from '../json-schema'
import { migrateDealToV1, migrateDealToV2 } from './deals-migration'
import { MAX_CAPTION } from './posts'

/**
 * The deal pipeline's stages (shared/deals/pipeline.ts holds who may move a deal between them):
 * invitation → negotiating → contracted → in production → draft submitted → brand approved →
 * posted → paid, plus the ends declined, expired (an invitation unanswered for 7 days) and
 * cancelled.
 */
export const DEAL_STAGES = [
  'invitation',
  'negotiating',
  'contracted',
  'in_production',
  'draft_submitted',
  'brand_approved',
  'posted',
  'paid',
  'declined',
  'expired',
  'cancelled',
] as const
export type DealStage = (typeof DEAL_STAGES)[number]

/** How the brand pays: the platform's invitation terms, plus the net terms agencies use. */
export const DEAL_PAYMENT_TERMS = [
  'upfront',
  '50/50',
  'on delivery',
  'net 15',
  'net 30',
  'net 60',
] as const
export type DealPaymentTerms = (typeof DEAL_PAYMENT_TERMS)[number]

export const DELIVERABLE_KINDS = ['video', 'live', 'story', 'other'] as const
/** Where the brand may use the content (usage rights). */
export const USAGE_CHANNELS = [
  'organic',
  'spark_ads',
  'paid_social',
  'brand_website',
  'email',
  'out_of_home',
] as const
/** Spark Ads authorization lengths the platform offers (PLATFORM-FACTS, Spark Ads). */
export const SPARK_DURATION_DAYS = [7, 30, 60, 365] as const
export const ACTOR_KINDS = ['user', 'brand', 'system'] as const
export const OFFER_SIDES = ['brand', 'creator'] as const

export const MAX_DELIVERABLES = 50
export const MAX_OFFERS = 50
export const MAX_HISTORY = 100
export const MAX_SPARK_CODES = 50
export const MAX_READ_MARKS = 200
/** The longest usage-rights term a deal records (ten years). */
export const MAX_USAGE_DAYS = 3650

/** Who did something: a member (their id and name then), the brand (via the platform), or us. */
const actorSchema = z.strictObject({
  kind: z.enum(ACTOR_KINDS),
  userId: userId.nullable(),
  name: text(120),
})

const offerSchema = z.strictObject({
  id: docId,
  from: z.enum(OFFER_SIDES),
  amountMinor: minorAmount,
  currency,
  /** Null when nobody said (a deal recorded before terms were tracked). */
  paymentTerms: z.enum(DEAL_PAYMENT_TERMS).nullable(),
  note: text(2000),
  at: timestamp,
  by: actorSchema,
})

const historySchema = z.strictObject({
  id: docId,
  /** Null for the entry that records how the deal began. */
  from: z.enum(DEAL_STAGES).nullable(),
  to: z.enum(DEAL_STAGES),
  at: timestamp,
  by: actorSchema,
  note: text(500),
})

const deliverableSchema = z.strictObject({
  id: docId,
  kind: z.enum(DELIVERABLE_KINDS),
  description: text(2000),
  dueAt: timestamp.nullable(),
  /** The post that fulfils it, once there is one (its disclosure is then forced on). */
  postId: docId.nullable(),
  /** The editor project it is made in. */
  projectId: docId.nullable(),
  done: z.boolean(),
})

const sparkCodeSchema = z.strictObject({
  id: docId,
  code: text(128, 1),
  postId: docId.nullable(),
  durationDays: z.union([z.literal(7), z.literal(30), z.literal(60), z.literal(365)]),
  issuedAt: timestamp,
  /** When the creator took the authorization back (null: still authorized). */
  revokedAt: timestamp.nullable(),
  /**
   * The post's caption when the code was recorded: the caption the platform locks while the
   * code is authorized (null: no post, or recorded before version 2 kept it).
   */
  caption: text(MAX_CAPTION).nullable(),
})

const usageSchema = z.strictObject({
  channels: z.array(z.enum(USAGE_CHANNELS)).max(USAGE_CHANNELS.length),
  /** How long the brand may use the content; null with `perpetual` false = not agreed yet. */
  durationDays: z.int().min(1).max(MAX_USAGE_DAYS).nullable(),
  perpetual: z.boolean(),
})

const exclusivitySchema = z.strictObject({
  /** The product category the creator may not promote for others, e.g. "energy drinks". */
  category: text(100, 1),
  until: timestamp,
})

/** A member's "read up to" mark on the deal's thread: unread counts are per member. */
const readMarkSchema = z.strictObject({
  id: userId,
  at: timestamp,
})

const paymentSchema = z.strictObject({
  amountMinor: minorAmount,
  currency,
  receivedAt: timestamp,
})

/** The platform invitation a deal came from (server-owned: set by the connector's ingest). */
const invitationSchema = z.strictObject({
  id: text(128, 1),
  expiresAt: timestamp,
})

/**
 * A brand deal for one account (schema version 1). The brief, each offer and counter-offer with
 * its payment terms, the agreed terms, deliverables linked to projects and posts, usage rights,
 * exclusivity, Spark Ads codes, the stage history (who moved it, when) and each member's read
 * mark are embedded and merge by id. `amountMinor`/`currency`/`paymentTerms` are the current
 * terms: the agreed offer's once there is one (the workflow rule keeps them in step).
 */
export const dealSchema = z.strictObject({
  ...baseFields,
  accountId: docId,
  brand: text(200, 1),
  title: text(200),
  /** What the deal promotes, for exclusivity checks ("skincare"); empty when not said. */
  category: text(100),
  state: z.enum(DEAL_STAGES),
  invitation: invitationSchema.nullable(),
  brief: text(10_000),
  offers: z.array(offerSchema).max(MAX_OFFERS),
  agreedOfferId: docId.nullable(),
  amountMinor: minorAmount,
  currency,
  paymentTerms: z.enum(DEAL_PAYMENT_TERMS).nullable(),
  deliverables: z.array(deliverableSchema).max(MAX_DELIVERABLES),
  /** The campaign's overall deadline, besides each deliverable's own. */
  dueAt: timestamp.nullable(),
  usage: usageSchema,
  exclusivity: exclusivitySchema.nullable(),
  sparkCodes: z.array(sparkCodeSchema).max(MAX_SPARK_CODES),
  history: z.array(historySchema).max(MAX_HISTORY),
  reads: z.array(readMarkSchema).max(MAX_READ_MARKS),
  /** What arrived and when (set when the deal moves to paid; its ledger entry follows it). */
  payment: paymentSchema.nullable(),
  notes: text(10_000),
})

export type DealDoc = z.infer<typeof dealSchema>
export type Deliverable = z.infer<typeof deliverableSchema>
export type DealOffer = z.infer<typeof offerSchema>
export type DealHistoryEntry = z.infer<typeof historySchema>
export type DealActor = z.infer<typeof actorSchema>
export type SparkCode = z.infer<typeof sparkCodeSchema>
export type DealUsage = z.infer<typeof usageSchema>
export type DealExclusivity = z.infer<typeof exclusivitySchema>

const actorJs = () =>
  js.object({
    kind: js.enum(ACTOR_KINDS),
    userId: js.nullable(js.userId()),
    name: js.string(120),
  })

export const deals = defineCollection<DealDoc>({
  name: 'deals',
  schema: dealSchema,
  rxSchema: rxSchema({
    title: 'deals',
    version: 2,
    properties: {
      accountId: js.id(),
      brand: js.string(200, 1),
      title: js.string(200),
      category: js.string(100),
      state: js.enum(DEAL_STAGES),
      invitation: js.nullable(js.object({ id: js.string(128, 1), expiresAt: js.timestamp() })),
      brief: js.string(10_000),
      offers: js.array(
        js.object({
          id: js.id(),
          from: js.enum(OFFER_SIDES),
          amountMinor: js.count(),
          currency: js.currency(),
          paymentTerms: js.nullable(js.enum(DEAL_PAYMENT_TERMS)),
          note: js.string(2000),
          at: js.timestamp(),
          by: actorJs(),
        }),
        MAX_OFFERS,
      ),
      agreedOfferId: js.nullable(js.id()),
      amountMinor: js.count(),
      currency: js.currency(),
      paymentTerms: js.nullable(js.enum(DEAL_PAYMENT_TERMS)),
      deliverables: js.array(
        js.object({
          id: js.id(),
          kind: js.enum(DELIVERABLE_KINDS),
          description: js.string(2000),
          dueAt: js.nullable(js.timestamp()),
          postId: js.nullable(js.id()),
          projectId: js.nullable(js.id()),
          done: js.boolean(),
        }),
        MAX_DELIVERABLES,
      ),
      dueAt: js.nullable(js.timestamp()),
      usage: js.object({
        channels: js.array(js.enum(USAGE_CHANNELS), USAGE_CHANNELS.length),
        durationDays: js.nullable(js.int(1, MAX_USAGE_DAYS)),
        perpetual: js.boolean(),
      }),
      exclusivity: js.nullable(js.object({ category: js.string(100, 1), until: js.timestamp() })),
      sparkCodes: js.array(
        js.object({
          id: js.id(),
          code: js.string(128, 1),
          postId: js.nullable(js.id()),
          durationDays: { type: 'integer', enum: [...SPARK_DURATION_DAYS] },
          issuedAt: js.timestamp(),
          revokedAt: js.nullable(js.timestamp()),
          caption: js.nullable(js.string(MAX_CAPTION)),
        }),
        MAX_SPARK_CODES,
      ),
      history: js.array(
        js.object({
          id: js.id(),
          from: js.nullable(js.enum(DEAL_STAGES)),
          to: js.enum(DEAL_STAGES),
          at: js.timestamp(),
          by: actorJs(),
          note: js.string(500),
        }),
        MAX_HISTORY,
      ),
      reads: js.array(
        js.object({ id: js.pattern(USER_ID_PATTERN, 64), at: js.timestamp() }),
        MAX_READ_MARKS,
      ),
      payment: js.nullable(
        js.object({
          amountMinor: js.count(),
          currency: js.currency(),
          receivedAt: js.timestamp(),
        }),
      ),
      notes: js.string(10_000),
    },
    indexes: [['accountId', 'updatedAt']],
  }),
  // Version 1: the pipeline, offers, usage, exclusivity, Spark codes, history and read marks.
  // The server rewrote its stored deals with the same function (migration 0009).
  // Version 2: Spark codes keep the caption they lock (migration 0019 on the server).
  migrationStrategies: {
    1: (old) => migrateDealToV1(old),
    2: (old) => migrateDealToV2(old),
  },
  serverOwnedFields: ['invitation', 'payment'],
  serverOwnedDefaults: { invitation: null, payment: null },
  accountScoped: true,
})
