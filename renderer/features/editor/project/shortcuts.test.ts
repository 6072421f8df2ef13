import { describe, expect, it } from 'vitest'
import { commandForKey, type KeyLike } from './shortcuts'

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
})

describe('editor shortcuts', () => {
  it.each([
    [' ', 'togglePlay'],
    ['j', 'shuttleBack'],
    ['K', 'shuttleStop'],
    ['l', 'shuttleForward'],
    ['s', 'split'],
    ['Delete', 'deleteSelection'],
    ['Backspace', 'deleteSelection'],
    ['ArrowLeft', 'previousFrame'],
    ['ArrowRight', 'nextFrame'],
    ['Home', 'toStart'],
    ['End', 'toEnd'],
    ['Escape', 'deselect'],
    ['+', 'zoomIn'],
    ['-', 'zoomOut'],
    ['m', 'toggleMute'],
    ['M', 'toggleMute'],
  ])('%j → %s', (k, command) => {
    expect(commandForKey(key(k), false)).toBe(command)
  })

  it('undoes and redoes with the platform modifier', () => {
    expect(commandForKey(key('z', { ctrlKey: true }), false)).toBe('undo')
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo')
    expect(commandForKey(key('y', { ctrlKey: true }), false)).toBe('redo')
    expect(commandForKey(key('z', { metaKey: true }), true)).toBe('undo')
    expect(commandForKey(key('z', { metaKey: true, shiftKey: true }), true)).toBe('redo')
    // Ctrl on a Mac is not the primary modifier.
    expect(commandForKey(key('z', { ctrlKey: true }), true)).toBeNull()
  })

  it('copies, cuts, pastes and selects all with the platform modifier; Shift steps a second', () => {
    expect(commandForKey(key('c', { ctrlKey: true }), false)).toBe('copy')
    expect(commandForKey(key('x', { ctrlKey: true }), false)).toBe('cut')
    expect(commandForKey(key('v', { metaKey: true }), true)).toBe('paste')
    expect(commandForKey(key('a', { ctrlKey: true }), false)).toBe('selectAll')
    expect(commandForKey(key('ArrowLeft', { shiftKey: true }), false)).toBe('previousSecond')
    expect(commandForKey(key('ArrowRight', { shiftKey: true }), false)).toBe('nextSecond')
  })

  it('never fires while the user types in a field, or with other modifiers', () => {
    expect(commandForKey(key('s', { target: { tagName: 'input' } }), false)).toBeNull()
    expect(commandForKey(key(' ', { target: { tagName: 'TEXTAREA' } }), false)).toBeNull()
    expect(commandForKey(key('Delete', { target: { isContentEditable: true } }), false)).toBeNull()
    expect(commandForKey(key('s', { ctrlKey: true }), false)).toBeNull()
    expect(commandForKey(key('s', { altKey: true }), false)).toBeNull()
    expect(commandForKey(key('x'), false)).toBeNull()
  })
})
