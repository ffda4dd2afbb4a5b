// `npm run example-video [-- --again] [-- --wait]`: queues the landing page's example video
// (src/home/example.ts), rendered from the bundled sample product by the app's own render worker,
// with whatever LibTV the app is configured with. The running app (or its next start) makes it;
// the landing shows it as soon as it is done. --again makes a new one even when one exists;
// --wait waits for it and publishes it (the app also does, within seconds).
import { ConfigError, loadConfig } from '../config.js'
import { exampleMissing, publishExample, queueExampleVideo } from '../home/example.js'
import { openWritableDatabase } from '../ops/data-dir.js'
import { exampleFiles } from '../storage.js'
import { waitForExample } from './example-wait.js'

async function main(args: string[]) {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const db = openWritableDatabase(config.dataDir, config.databasePath)
  if (!args.includes('--again') && !exampleMissing(db, config.dataDir)) {
    const ready = await publishExample(db, config.dataDir)
    console.log(
      ready
        ? `The example video is there: ${exampleFiles(config.dataDir).video} (--again makes a new one).`
        : 'The example video is on its way; the running app renders it.',
    )
    return
  }
  const videoId = await queueExampleVideo(db, config.dataDir, config.libtv.model)
  const where = config.libtv.simulate ? 'the built-in LibTV simulator' : `LibTV (${config.libtv.baseUrl})`
  console.log(`Queued example video ${videoId}, rendered by the running app with ${where}.`)
  if (!args.includes('--wait')) return
  const state = await waitForExample(db, videoId)
  if (state !== 'done') {
    console.error(`The example video ${state}; see the app's log.`)
    process.exit(1)
  }
  await publishExample(db, config.dataDir)
  console.log(`Done: ${exampleFiles(config.dataDir).video}`)
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(err.message)
  process.exit(1)
})
