import { createContext, useContext, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'

const SlotContext = createContext<HTMLElement | null>(null)
const SetSlotContext = createContext<(el: HTMLElement | null) => void>(() => undefined)

/**
 * A place in the app header a page can fill: the editor puts its project title, save state,
 * undo/redo and Export there, so they are always visible without a second toolbar row eating
 * into the preview's height.
 */
export function HeaderSlotProvider({ children }: { children: ReactNode }) {
  const [slot, setSlot] = useState<HTMLElement | null>(null)
  return (
    <SetSlotContext.Provider value={setSlot}>
      <SlotContext.Provider value={slot}>{children}</SlotContext.Provider>
    </SetSlotContext.Provider>
  )
}

/** The element the header renders for pages to fill. */
export function HeaderSlot({ className }: { className?: string }) {
  const setSlot = useContext(SetSlotContext)
  return <div ref={setSlot} className={className} />
}

/** Renders `children` into the header (nothing until the header has mounted). */
export function HeaderPortal({ children }: { children: ReactNode }) {
  const slot = useContext(SlotContext)
  return slot ? createPortal(children, slot) : null
}
