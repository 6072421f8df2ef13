import { X } from 'lucide-react'
import {
  Button,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastQueue as ToastQueue,
  UNSTABLE_ToastRegion as ToastRegion,
} from 'react-aria-components'

export interface ToastMessage {
  title: string
  description?: string
  tone?: 'error' | 'info' | 'success'
}

/**
 * Short messages that do not belong to one control (a refused timeline edit, a finished
 * upload): shown in a corner, announced to screen readers, gone after a few seconds, never
 * pushing the layout around.
 */
export const toastQueue = new ToastQueue<ToastMessage>({ maxVisibleToasts: 3 })

/** `timeoutMs` null: the toast stays until dismissed (for what the user must not miss). */
export function showToast(message: ToastMessage, timeoutMs: number | null = 6000): void {
  toastQueue.add(message, timeoutMs === null ? {} : { timeout: timeoutMs })
}

export function Toasts() {
  return (
    <ToastRegion queue={toastQueue} className="toast-region" aria-label="Notifications">
      {({ toast }) => (
        <Toast toast={toast} className={`toast toast--${toast.content.tone ?? 'info'}`}>
          <ToastContent className="toast__content">
            <Text slot="title" className="toast__title">
              {toast.content.title}
            </Text>
            {toast.content.description ? (
              <Text slot="description" className="toast__description">
                {toast.content.description}
              </Text>
            ) : null}
          </ToastContent>
          <Button slot="close" className="icon-button toast__close" aria-label="Dismiss">
            <X aria-hidden="true" size={14} />
          </Button>
        </Toast>
      )}
    </ToastRegion>
  )
}
