// Under tsx (make dev, tests) a worker cannot load a .ts file directly on Node 20: register
// tsx's loader in the worker first, then import the real entry.
import { register } from 'tsx/esm/api'

register()
await import('./worker-thread.ts')
