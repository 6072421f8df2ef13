import { isCollectionName } from '../../shared/data/collection-contract'
import type { RefusedChange } from '../data/refusal-store'
import { nounFor } from './describe-purge'

/** "Sunset teaser", "@ana", "Golden hour 🌅…": what the user calls a refused document. */
export function labelOf(change: RefusedChange): string {
  const doc = change.doc
  const text = (key: string) => (typeof doc[key] === 'string' ? (doc[key] as string) : '')
  const handle = text('handle')
  const name = handle
    ? `@${handle}`
    : text('title') || text('name') || text('caption') || text('body')
  const short = [...name].length > 48 ? `${[...name].slice(0, 47).join('')}…` : name
  return short || `this ${nounFor(change.collection, 1)}`
}

/**
 * The server's reason in the user's words: without the document id the server prefixes for logs,
 * collection names as the UI calls them, as a sentence.
 */
export function describeRefusal(change: RefusedChange): string {
  let reason = change.reason.replace(/^document [^:]{1,64}: /, '')
  reason = reason.replace(/this ([a-z]+) document/g, (whole, name: string) =>
    isCollectionName(name) ? `this ${nounFor(name, 1)}` : whole,
  )
  if (change.kind === 'invalid')
    reason = `this version of Reeldesk saved something the server does not accept (${reason}); update the app`
  const sentence = reason.charAt(0).toUpperCase() + reason.slice(1)
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`
}
