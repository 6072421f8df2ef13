import { useState } from 'react'
import { Button, Dialog, Heading, Label, Modal, Radio, RadioGroup } from 'react-aria-components'
import type { SandboxSize } from '../../session/server-api'

const SIZES: { id: SandboxSize; label: string; description: string }[] = [
  {
    id: 'new',
    label: 'New creator',
    description: 'Three weeks old, a couple hundred followers: what starting out looks like.',
  },
  {
    id: '9k',
    label: '9k followers',
    description: 'Close to the 10k of Creator Rewards: see when it gets there at its pace.',
  },
  {
    id: '12k',
    label: '12k followers',
    description: 'A year of posts, LIVE gifts, Creator Rewards, shop orders and brand invitations.',
  },
  {
    id: '250k',
    label: '250k followers',
    description: 'A busy creator: daily posts, thousands of shop orders, frequent brand deals.',
  },
]

interface LinkSandboxDialogProps {
  onClose(): void
  onLink(size: SandboxSize): Promise<void>
}

/**
 * Links a simulated creator: a seeded sandbox account that behaves like a real one (followers,
 * posts and their numbers, LIVE gifts, rewards, shop orders, brand invitations), no platform
 * sign-in needed. Its history arrives within seconds.
 */
export function LinkSandboxDialog({ onClose, onLink }: LinkSandboxDialogProps) {
  const [size, setSize] = useState<SandboxSize>('12k')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      await onLink(size)
      onClose()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }
  return (
    <Modal isOpen onOpenChange={(open) => !open && onClose()} isDismissable className="modal">
      <Dialog className="dialog">
        <Heading slot="title">Link a sandbox account</Heading>
        <p className="muted dialog__intro">
          A simulated creator with realistic numbers, for trying every area without platform
          credentials. Its past year is filled in right away.
        </p>
        <RadioGroup
          className="size-choice"
          value={size}
          onChange={(value) => setSize(value as SandboxSize)}
          aria-label="Account size"
        >
          <Label className="visually-hidden">Account size</Label>
          {SIZES.map((s) => (
            <Radio key={s.id} value={s.id} className="size-choice__option">
              <span className="size-choice__label">{s.label}</span>
              <span className="size-choice__description">{s.description}</span>
            </Radio>
          ))}
        </RadioGroup>
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
        <div className="dialog__actions">
          <Button className="button" onPress={onClose}>
            Cancel
          </Button>
          <Button
            className="button button--primary"
            onPress={() => void submit()}
            isDisabled={busy}
            autoFocus
          >
            {busy ? 'Linking…' : 'Link sandbox account'}
          </Button>
        </div>
      </Dialog>
    </Modal>
  )
}
