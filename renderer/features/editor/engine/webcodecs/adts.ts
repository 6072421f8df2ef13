/**
 * Reads an AAC stream in ADTS framing as it arrives in pieces of any size (ffmpeg.wasm writes
 * the export's sound to a device, see sound-device.ts), so the mux worker can add each packet as
 * soon as it is made instead of waiting for the whole sound. ADTS: every frame is a 7-byte
 * header (9 with a CRC) giving its length, then one raw AAC packet of 1024 samples.
 */

export interface AdtsConfig {
  /** 'mp4a.40.2' for AAC-LC. */
  readonly codec: string
  readonly sampleRate: number
  readonly numberOfChannels: number
  /** The AudioSpecificConfig an MP4 stores (esds): object type, rate index, channels. */
  readonly description: Uint8Array
}

export interface AdtsFrame {
  /** The raw AAC packet, header removed. */
  readonly data: Uint8Array
  readonly config: AdtsConfig
}

/** The sampling_frequency_index table of ISO/IEC 14496-3. */
const RATES = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
]

export class AdtsError extends Error {}

export class AdtsReader {
  private pending = new Uint8Array(0)

  /** The frames completed by `bytes`; a frame cut between pieces waits for the next one. */
  push(bytes: Uint8Array): AdtsFrame[] {
    const buffer = this.pending.length === 0 ? bytes : concat(this.pending, bytes)
    const frames: AdtsFrame[] = []
    let at = 0
    while (buffer.length - at >= 7) {
      const header = parseHeader(buffer, at)
      if (buffer.length - at < header.frameLength) break
      // Copied out, so the piece it arrived in is not kept alive by a view into it.
      frames.push({
        data: buffer.slice(at + header.headerLength, at + header.frameLength),
        config: header.config,
      })
      at += header.frameLength
    }
    this.pending = buffer.slice(at)
    return frames
  }

  /** True when the stream ended on a frame boundary. */
  get complete(): boolean {
    return this.pending.length === 0
  }
}

interface Header {
  readonly headerLength: number
  readonly frameLength: number
  readonly config: AdtsConfig
}

function parseHeader(b: Uint8Array, at: number): Header {
  const byte = (i: number) => b[at + i] ?? 0
  if (byte(0) !== 0xff || (byte(1) & 0xf6) !== 0xf0) {
    throw new AdtsError(`not an ADTS frame at byte ${at}`)
  }
  const protectionAbsent = byte(1) & 1
  const objectType = ((byte(2) >> 6) & 3) + 1
  const rateIndex = (byte(2) >> 2) & 0xf
  const channels = ((byte(2) & 1) << 2) | (byte(3) >> 6)
  const frameLength = ((byte(3) & 3) << 11) | (byte(4) << 3) | (byte(5) >> 5)
  const headerLength = protectionAbsent ? 7 : 9
  const sampleRate = RATES[rateIndex]
  if (sampleRate === undefined)
    throw new AdtsError(`ADTS sample rate index ${rateIndex} is reserved`)
  if (channels === 0) throw new AdtsError('ADTS channel layout given in-band is not supported')
  if (frameLength <= headerLength) throw new AdtsError(`ADTS frame of ${frameLength} bytes`)
  return {
    headerLength,
    frameLength,
    config: {
      codec: `mp4a.40.${objectType}`,
      sampleRate,
      numberOfChannels: channels,
      description: new Uint8Array([
        (objectType << 3) | (rateIndex >> 1),
        ((rateIndex & 1) << 7) | (channels << 3),
      ]),
    },
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length)
  joined.set(a)
  joined.set(b, a.length)
  return joined
}
