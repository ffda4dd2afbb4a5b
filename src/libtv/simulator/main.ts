// `npm run libtv:sim`: the simulator alone, for trying any client written from LibTV's doc (docs/libtv.md).
import { z } from 'zod'
import { libtvEnvSchema } from '../config.js'
import { startLibtvSimulator } from './server.js'

const env = libtvEnvSchema
  .pick({ LIBTV_ACCESS_KEY: true, LIBTV_SECRET_KEY: true, LIBTV_SIM_PORT: true, FFMPEG_PATH: true })
  .safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== '')))
if (!env.success) {
  // Names the variable only: never echo a value that may be a key.
  const issue = env.error.issues[0]
  console.error(
    `Invalid configuration: ${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? z.prettifyError(env.error)}`,
  )
  process.exit(1)
}

const sim = await startLibtvSimulator({
  host: '127.0.0.1',
  port: env.data.LIBTV_SIM_PORT,
  ...(env.data.LIBTV_ACCESS_KEY !== undefined && { accessKey: env.data.LIBTV_ACCESS_KEY }),
  ...(env.data.LIBTV_SECRET_KEY !== undefined && { secretKey: env.data.LIBTV_SECRET_KEY }),
  render: { ffmpegPath: env.data.FFMPEG_PATH },
})
if (env.data.LIBTV_ACCESS_KEY === undefined)
  console.error('LibTV simulator: using the fixed development keys (LIBTV_DEV_ACCESS_KEY / LIBTV_DEV_SECRET_KEY)')
console.log(sim.baseUrl)

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    void sim.close().then(() => process.exit(0))
  })
}
