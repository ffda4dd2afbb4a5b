import { startTestApp } from '../test/support/app.js'
import { validate } from '@readme/openapi-parser'
const app = await startTestApp()
const res = await fetch(`${app.url}/api/v1/openapi.json`)
console.log(res.status)
const doc = await res.json()
console.log(Object.keys(doc.paths))
try { const r = await validate(doc); console.log('valid', JSON.stringify(r).slice(0, 500)) } catch (e) { console.log('INVALID', (e as Error).message.slice(0, 2000)) }
await app.close()
