import { useState, type FormEvent } from 'react'
import { FlaskConical } from 'lucide-react'
import { Button, Form, Tab, TabList, TabPanel, Tabs } from 'react-aria-components'
import { Field } from '../ui/Field'
import { useSession } from './session-context'

type Mode = 'sign-in' | 'sign-up'

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Sign in or create an account; the studio opens on success. */
export function AuthScreen() {
  const signIn = useSession((s) => s.signIn)
  const signUp = useSession((s) => s.signUp)
  const trySandbox = useSession((s) => s.trySandbox)
  const notice = useSession((s) => s.notice)
  const [mode, setMode] = useState<Mode>('sign-in')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>
    setBusy(true)
    setError(null)
    try {
      if (mode === 'sign-in')
        await signIn({ email: data.email ?? '', password: data.password ?? '' })
      else
        await signUp({
          email: data.email ?? '',
          password: data.password ?? '',
          displayName: data.displayName ?? '',
        })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const startDemo = async () => {
    setBusy(true)
    setError(null)
    try {
      await trySandbox()
    } catch (e) {
      setError(messageOf(e))
      setBusy(false)
    }
  }

  const form = (
    <Form className="auth-form" onSubmit={submit} aria-busy={busy}>
      {mode === 'sign-up' ? (
        <Field
          label="Your name"
          name="displayName"
          isRequired
          autoComplete="name"
          maxLength={120}
        />
      ) : null}
      <Field label="Email" name="email" type="email" isRequired autoComplete="email" />
      <Field
        label="Password"
        name="password"
        type="password"
        isRequired
        minLength={mode === 'sign-up' ? 10 : 1}
        autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
        description={mode === 'sign-up' ? 'At least 10 characters.' : undefined}
      />
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <Button type="submit" className="button button--primary" isDisabled={busy}>
        {mode === 'sign-in' ? 'Sign in' : 'Create account'}
      </Button>
    </Form>
  )

  return (
    <main className="auth-screen">
      <div className="auth-card">
        <div className="app-brand">
          <img src="/icon.svg" alt="" width={32} height={32} />
          <h1>Reeldesk</h1>
        </div>
        {notice ? <p className="auth-notice">{notice}</p> : null}
        <Tabs
          selectedKey={mode}
          onSelectionChange={(key) => {
            setMode(key as Mode)
            setError(null)
          }}
        >
          <TabList aria-label="Sign in or create an account" className="tabs">
            <Tab id="sign-in">Sign in</Tab>
            <Tab id="sign-up">Create account</Tab>
          </TabList>
          <TabPanel id="sign-in">{mode === 'sign-in' ? form : null}</TabPanel>
          <TabPanel id="sign-up">{mode === 'sign-up' ? form : null}</TabPanel>
        </Tabs>
        <div className="auth-demo">
          <p>
            New here? Look around first: a workspace with a simulated creator (12k followers, a year
            of posts, LIVE gifts, shop orders and brand deals) opens in seconds. No platform account
            needed; signing out ends the demo.
          </p>
          <Button className="button" onPress={() => void startDemo()} isDisabled={busy}>
            <FlaskConical aria-hidden="true" size={16} /> Try it with a sandbox account
          </Button>
        </div>
      </div>
    </main>
  )
}
