import { describe, expect, it } from 'vitest'
import { addressKey, clientAddress, normalizeAddress, parseTrustProxy } from './client-address'

describe('TRUST_PROXY', () => {
  it('parses addresses and CIDR ranges of both families', () => {
    expect(parseTrustProxy(undefined)).toBeNull()
    expect(parseTrustProxy('  ')).toBeNull()
    const list = parseTrustProxy('10.0.0.1, 172.16.0.0/12,::1 , fd00::/8')
    expect(list?.check('10.0.0.1', 'ipv4')).toBe(true)
    expect(list?.check('172.31.255.1', 'ipv4')).toBe(true)
    expect(list?.check('::1', 'ipv6')).toBe(true)
    expect(list?.check('fd12::5', 'ipv6')).toBe(true)
    expect(list?.check('8.8.8.8', 'ipv4')).toBe(false)
  })

  it('names the entry it cannot read', () => {
    for (const bad of ['yes', '10.0.0.0/33', '::1/129', '10.0.0.1/8/9', '1.2.3', '10.0.0.0/x']) {
      expect(() => parseTrustProxy(`127.0.0.1,${bad}`)).toThrow(`TRUST_PROXY: "${bad}"`)
    }
  })
})

describe('clientAddress', () => {
  const proxies = parseTrustProxy('127.0.0.1,10.0.0.0/8')

  it('ignores X-Forwarded-For unless TRUST_PROXY is set and the peer is a trusted proxy', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.5', null)).toBe('127.0.0.1')
    expect(clientAddress('198.51.100.1', '203.0.113.5', proxies)).toBe('198.51.100.1')
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.5', proxies)).toBe('203.0.113.5')
  })

  it('takes the right-most address that is not a trusted proxy', () => {
    // The client wrote "1.1.1.1" itself; the first proxy appended the real client.
    expect(clientAddress('127.0.0.1', '1.1.1.1, 203.0.113.5, 10.0.0.7', proxies)).toBe(
      '203.0.113.5',
    )
    // Several headers are one list.
    expect(clientAddress('127.0.0.1', ['1.1.1.1', '203.0.113.5,10.0.0.7'], proxies)).toBe(
      '203.0.113.5',
    )
    // Every hop trusted: the left-most is the client.
    expect(clientAddress('127.0.0.1', '10.1.1.1, 10.0.0.7', proxies)).toBe('10.1.1.1')
    expect(clientAddress('127.0.0.1', '', proxies)).toBe('127.0.0.1')
    expect(clientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1')
  })

  it('accepts ports and brackets, stops at garbage, and bounds the walk', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.5:4711', proxies)).toBe('203.0.113.5')
    expect(clientAddress('127.0.0.1', '[2001:db8::1]:443', proxies)).toBe('2001:db8::1')
    expect(clientAddress('127.0.0.1', 'unknown, 203.0.113.5', proxies)).toBe('203.0.113.5')
    expect(clientAddress('127.0.0.1', '203.0.113.5, <script>, 10.0.0.7', proxies)).toBe('10.0.0.7')
    expect(clientAddress('127.0.0.1', '__proto__', proxies)).toBe('127.0.0.1')
    const long = Array.from({ length: 10_000 }, () => '10.0.0.1').join(',')
    expect(clientAddress('127.0.0.1', `203.0.113.5,${long}`, proxies)).toBe('10.0.0.1')
  })
})

describe('addressKey', () => {
  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(addressKey(null)).toBe('unknown')
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5')
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:0db8:0001:0002:ffff::9')).toBe('2001:db8:1:2::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64')
    expect(addressKey(normalizeAddress('::FFFF:192.0.2.1'))).toBe('192.0.2.1')
  })
})
