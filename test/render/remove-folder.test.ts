import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { removeVideoFolder } from '../../src/render/leftovers.js'
import { videoPaths } from '../../src/storage.js'

// A cancel removes the video's folder while the worker may still be writing a clip into it. That
// race once answered the cancel with a 500 (ENOTEMPTY from rm); the cancel must simply go on.
it('removes a video folder while files are still being written into it, without failing', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-rm-'))
  try {
    const userId = randomUUID()
    const { dir, clip } = videoPaths(dataDir, userId, randomUUID())
    fs.mkdirSync(path.dirname(clip(0)), { recursive: true })
    for (let i = 0; i < 200; i++) fs.writeFileSync(clip(i), Buffer.alloc(1024))
    // The worker, still finishing: new files land while rm works through the folder.
    let writing = true
    const writer = (async () => {
      let n = 1000
      while (writing) {
        await fs.promises.mkdir(path.dirname(clip(0)), { recursive: true }).catch(() => {})
        await fs.promises.writeFile(clip(n++), 'x').catch(() => {})
      }
    })()
    const removal = removeVideoFolder(dataDir, userId, path.basename(dir))
    const outcome = await removal.then(
      (removed) => ({ removed }),
      (err: NodeJS.ErrnoException) => ({ error: err.code }),
    )
    writing = false
    await writer
    expect(outcome).not.toHaveProperty('error')
    // Whatever was left (the worker removes it once it has stopped), a second removal finishes it.
    await removeVideoFolder(dataDir, userId, path.basename(dir))
    expect(fs.existsSync(dir)).toBe(false)
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})
