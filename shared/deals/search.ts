import type { DealDoc } from '../data/collections/deals'

/**
 * Deals matching a search: every word must appear in the deal (brand, title, brief, notes,
 * deliverables) or in one of its messages. Case- and accent-insensitive.
 */
export function searchDeals(
  deals: readonly DealDoc[],
  messages: readonly { dealId: string; body: string; author: { name: string } }[],
  query: string,
): DealDoc[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  const words = fold(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...deals]
  const threads = new Map<string, string>()
  for (const m of messages)
    threads.set(m.dealId, `${threads.get(m.dealId) ?? ''}\n${m.author.name} ${m.body}`)
  return deals.filter((d) => {
    const text = fold(
      [
        d.brand,
        d.title,
        d.brief,
        d.notes,
        d.category,
        ...d.deliverables.map((x) => x.description),
        threads.get(d.id) ?? '',
      ].join('\n'),
    )
    return words.every((w) => text.includes(w))
  })
}
