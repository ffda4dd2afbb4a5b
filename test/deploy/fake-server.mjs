// Stands in for `node dist/src/main.js` under docker-entrypoint.sh (test/deploy/entrypoint.test.ts):
// writes to the database and a temporary file as the app does, spawns ffmpeg as the render worker
// does, and reports who each process runs as. Usage: node fake-server.mjs <mark>
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'

const dataDir = process.env.DATA_DIR
const mark = process.argv[2] ?? 'run'

/** Name, uids, gids, supplementary groups and effective capabilities of a process, from /proc. */
function processInfo(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const field = (key) => (new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(status)?.[1] ?? '').trim()
  const numbers = (key) => field(key).split(/\s+/).filter(Boolean).map(Number)
  return {
    name: field('Name'),
    uid: numbers('Uid'),
    gid: numbers('Gid'),
    groups: numbers('Groups'),
    capEff: field('CapEff'),
  }
}

const db = new Database(path.join(dataDir, 'lumina.db'))
db.pragma('journal_mode = WAL')
db.exec('CREATE TABLE IF NOT EXISTS marks (mark TEXT NOT NULL)')
const before = db
  .prepare('SELECT mark FROM marks ORDER BY rowid')
  .all()
  .map((r) => r.mark)
db.prepare('INSERT INTO marks (mark) VALUES (?)').run(mark)
db.close()

fs.mkdirSync(os.tmpdir(), { recursive: true })
fs.writeFileSync(path.join(os.tmpdir(), `caption-${mark}.txt`), 'a caption')

const ffmpeg = spawn(
  process.env.FFMPEG_PATH ?? 'ffmpeg',
  ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'color=size=64x64:duration=1:rate=10'].concat([
    // A caption as the stitch draws it: the font found through fontconfig, which may want a cache.
    '-vf',
    'drawtext=font=Noto Sans CJK SC:text=产品:fontsize=16:fontcolor=white',
    '-pix_fmt',
    'yuv420p',
    '-y',
    path.join(dataDir, `clip-${mark}.mp4`),
  ]),
  { stdio: 'inherit' },
)
const ffmpegInfo = await new Promise((resolve, reject) => {
  ffmpeg.once('spawn', () => resolve(processInfo(ffmpeg.pid)))
  ffmpeg.once('error', reject)
})
const ffmpegExit = await new Promise((resolve) => ffmpeg.once('exit', resolve))

fs.writeFileSync(
  path.join(dataDir, `report-${mark}.json`),
  JSON.stringify({
    server: processInfo(process.pid),
    parent: processInfo(process.ppid),
    ffmpeg: ffmpegInfo,
    ffmpegExit,
    marksBefore: before,
    tmpdir: os.tmpdir(),
  }),
)
