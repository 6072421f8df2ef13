import { BlockList, isIP } from 'node:net'

/**
 * The client's address, and what to key per-address limits on.
 *
 * Behind a reverse proxy every request arrives from the proxy, so the client is named in
 * `X-Forwarded-For` — a header anyone can send. It is read only when `TRUST_PROXY` lists the
 * proxies (addresses or CIDR ranges) and the request actually comes from one of them. Then the
 * header is walked from the right, each hop appended by the proxy in front of it, and the client
 * is the RIGHT-MOST address that is not a trusted proxy: entries to its left were written by the
 * client itself and prove nothing (the "trusted proxy list" method, as MDN's X-Forwarded-For
 * page describes it). An entry that is not an address ends the walk at the last good hop.
 */

export type TrustedProxies = BlockList

/** Hops looked at, from the right; a longer header is cut (its left part is the client's say). */
const MAX_HOPS = 32

/** Parses `TRUST_PROXY` ("10.0.0.1, 10.1.0.0/16, ::1"); throws with the bad entry named. */
export function parseTrustProxy(value: string | undefined): TrustedProxies | null {
  if (value === undefined || value.trim() === '') return null
  const list = new BlockList()
  for (const raw of value.split(',')) {
    const entry = raw.trim()
    const [address = '', prefix, extra] = entry.split('/')
    const family = isIP(address)
    const bits = prefix === undefined ? null : Number(prefix)
    const maxBits = family === 6 ? 128 : 32
    if (
      family === 0 ||
      extra !== undefined ||
      (bits !== null && (!/^\d{1,3}$/.test(prefix ?? '') || bits > maxBits))
    ) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.1 or 10.0.0.0/8)`,
      )
    }
    const type = family === 6 ? 'ipv6' : 'ipv4'
    if (bits === null) list.addAddress(address, type)
    else list.addSubnet(address, bits, type)
  }
  return list
}

/** An address as written by a socket or a proxy, without a port or IPv4-mapped prefix; or null. */
export function normalizeAddress(raw: string): string | null {
  let text = raw.trim()
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text)
  if (bracketed?.[1]) text = bracketed[1]
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(':'))
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text)
  if (mapped?.[1]) text = mapped[1]
  return isIP(text) === 0 ? null : text.toLowerCase()
}

function isTrusted(list: TrustedProxies, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4')
}

export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies | null,
): string | null {
  const peer = socketAddress === undefined ? null : normalizeAddress(socketAddress)
  if (!trusted || !peer || !isTrusted(trusted, peer) || forwardedFor === undefined) return peer
  // Several X-Forwarded-For headers are one list, in order (RFC 9110 §5.3).
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .slice(-MAX_HOPS)
  let client = peer
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = normalizeAddress(hops[i] ?? '')
    if (!hop) break
    client = hop
    if (!isTrusted(trusted, hop)) break
  }
  return client
}

/**
 * The key per-address limits count under: the address itself for IPv4, its /64 network for
 * IPv6 (one subscriber line gets a whole /64 and can rotate through it at will).
 */
export function addressKey(address: string | null): string {
  if (address === null) return 'unknown'
  if (isIP(address) !== 6) return address
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`
}

function expandIpv6(address: string): string[] {
  let text = address.toLowerCase()
  // A dotted IPv4 tail (::1.2.3.4, 64:ff9b::1.2.3.4) becomes two groups.
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', rest] = text.split('::')
  const left = head ? head.split(':') : []
  const right = rest === undefined ? [] : rest ? rest.split(':') : []
  const fill = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0')
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ''))
}
