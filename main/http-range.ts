/** Moved to shared/ so the sync server's blob downloads answer ranges the same way. */
export { parseRange, type RangeAnswer } from '../shared/http-range'
