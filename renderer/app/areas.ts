import {
  BarChart3,
  BadgeCheck,
  Clapperboard,
  Coins,
  Handshake,
  Send,
  ShoppingBag,
  Users,
  type LucideIcon,
} from 'lucide-react'

export const AREA_IDS = [
  'editor',
  'publish',
  'analytics',
  'earnings',
  'eligibility',
  'deals',
  'shop',
  'accounts',
] as const

export type AreaId = (typeof AREA_IDS)[number]

export interface Area {
  id: AreaId
  label: string
  icon: LucideIcon
}

export const AREAS: readonly Area[] = [
  { id: 'editor', label: 'Editor', icon: Clapperboard },
  { id: 'publish', label: 'Publish', icon: Send },
  { id: 'analytics', label: 'Analytics', icon: BarChart3 },
  { id: 'earnings', label: 'Earnings', icon: Coins },
  { id: 'eligibility', label: 'Eligibility', icon: BadgeCheck },
  { id: 'deals', label: 'Deals', icon: Handshake },
  { id: 'shop', label: 'Shop', icon: ShoppingBag },
  { id: 'accounts', label: 'Accounts', icon: Users },
]

export function isAreaId(value: string): value is AreaId {
  return (AREA_IDS as readonly string[]).includes(value)
}

/** `#/deals` → 'deals'; anything else lands on the editor. */
export function areaFromHash(hash: string): AreaId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  return isAreaId(id) ? id : 'editor'
}
