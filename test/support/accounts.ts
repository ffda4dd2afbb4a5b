import type { TestApp } from './app.js'
import { BrowserClient } from './browser-client.js'

export const GOOD_PASSWORD = 'correct horse battery staple'

let counter = 0
export function uniqueEmail(label = 'user'): string {
  counter += 1
  return `${label}.${process.pid}.${counter}@example.com`
}

/** Signs up through the real form; returns the signed-in client and the API key the account page revealed. */
export async function signUpUser(app: TestApp, email = uniqueEmail(), password = GOOD_PASSWORD) {
  const client = new BrowserClient(app.url)
  const res = await client.postForm('/signup', { email, password, ageConfirmed: 'yes' })
  if (res.status !== 303) throw new Error(`sign-up failed with ${res.status}: ${await res.text()}`)
  const page = await (await client.get('/account')).text()
  const apiKey =
    /data-testid="api-key-full" value="(lum_[A-Za-z0-9_-]+)"|value="(lum_[A-Za-z0-9_-]+)"[^>]*data-testid="api-key-full"/.exec(
      page,
    )
  const key = apiKey?.[1] ?? apiKey?.[2]
  if (!key) throw new Error('account page did not reveal the API key')
  return { client, email, password, apiKey: key }
}
