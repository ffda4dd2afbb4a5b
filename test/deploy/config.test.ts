import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'

// Production refuses to start without a mail server; these checks are about the image, not mail.
const MAIL = { SMTP_URL: 'smtp://mail.example:587' }

import { healthRoutes } from '../../src/ops/health.js'
import { projectPath } from '../../src/paths.js'
import { durationMs, envOf, instructions, readDockerfile, readToml, stageChain } from './files.js'

// The Dockerfile, docker-entrypoint.sh, fly.toml and deploy/lumina.service must agree with the
// code: the port it listens on, the health path, the data folder, the user, the stop signal.

const stages = readDockerfile()
const runtime = stageChain(stages, undefined) // what `docker build .` gives
const fly = readToml()
const flyTarget = (fly.build as Record<string, string>)['build-target']
const flyImage = stageChain(stages, flyTarget)
const flyEnv = fly.env as Record<string, string>
const http = fly.http_service as Record<string, unknown>
const entrypoint = fs.readFileSync(projectPath('docker-entrypoint.sh'), 'utf8')
const mainSource = fs.readFileSync(projectPath('src/main.ts'), 'utf8')
const unit = fs.readFileSync(projectPath('deploy/lumina.service'), 'utf8')

const HEALTH_PATH = '/healthz'
const lastUser = (chain: typeof runtime) => instructions(chain, 'USER').at(-1)

describe('Dockerfile', () => {
  it('builds in stages on Node 20 Debian slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    for (const stage of stages.filter((s) => !stages.some((t) => t.name === s.from)))
      expect(stage.from).toMatch(/^node:20-(bookworm|trixie)-slim$/)
  })

  it('installs production dependencies with npm ci --omit=dev in the image it ships, and nothing by hand', () => {
    const runs = instructions(flyImage, 'RUN')
    expect(runs.some((r) => /npm ci --omit=dev/.test(r))).toBe(true)
    const everyRun = stages.flatMap((s) => instructions([s], 'RUN'))
    expect(everyRun.some((r) => /npm (install|i) /.test(r))).toBe(false)
    // Litestream comes from package.json (an optional dependency), at a version the lock file holds.
    const pkg = JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8'))
    expect(pkg.optionalDependencies['@flydotio/litestream-linux-x64']).toBeDefined()
    expect(runs.join('\n')).toContain('@flydotio/litestream-linux-x64/litestream')
  })

  it('has ffmpeg, the caption font, fluidsynth and its soundfont from Debian', () => {
    const apt = instructions(flyImage, 'RUN').find((r) => /apt-get install/.test(r) && /ffmpeg/.test(r))
    expect(apt).toMatch(/\bffmpeg\b/)
    expect(apt).toMatch(/\bfonts-noto-cjk\b/)
    // The music: fluidsynth and the soundfont src/music plays (docs/music.md).
    expect(apt).toMatch(/\bfluidsynth\b/)
    expect(apt).toMatch(/\bfluid-soundfont-gm\b/)
  })

  it('runs as the unprivileged node user by default', () => {
    expect(lastUser(runtime)).toBe('node')
    expect(entrypoint).toMatch(/user="\$\{LUMINA_USER:-node\}"/)
  })

  it('gives Fly a target that starts as root only for the entrypoint, which drops root', () => {
    expect(flyTarget).toBeDefined()
    expect(lastUser(flyImage)).toBeUndefined()
    expect(instructions(flyImage, 'ENTRYPOINT')).toEqual(['["/usr/local/bin/docker-entrypoint.sh"]'])
    expect(instructions(flyImage, 'COPY')).toContain('docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh')
    // The only thing done as root: hand DATA_DIR over, then exec again without root.
    const rootPart = entrypoint.slice(entrypoint.indexOf('if [ "$(id -u)" = "0" ]'), entrypoint.indexOf('\nfi\n'))
    expect(rootPart).toMatch(/exec setpriv --reuid="\$user" --regid="\$gid" --init-groups -- "\$0" "\$@"/)
    expect(rootPart).not.toMatch(/litestream|node |exec "\$@"/)
    expect(instructions(runtime, 'ENTRYPOINT')).toEqual(instructions(flyImage, 'ENTRYPOINT'))
  })

  it('listens on the port it exposes, on every interface, with its data in /data only', () => {
    const env = envOf(runtime)
    const config = loadConfig({ ...env, LIBTV_SIMULATE: '1', ...MAIL })
    expect(instructions(runtime, 'EXPOSE')).toEqual([String(config.port)])
    expect(config.host).toBe('0.0.0.0')
    expect(config.dataDir).toBe('/data')
    expect(config.env).toBe('production')
    // Temporary files (ffmpeg's caption files) and caches (fontconfig's) go to the data volume too.
    expect(env.TMPDIR?.startsWith(`${config.dataDir}/`)).toBe(true)
    expect(env.XDG_CACHE_HOME?.startsWith(`${config.dataDir}/`)).toBe(true)
    expect(entrypoint).toMatch(/DATA_DIR="\$\{DATA_DIR:-\/data\}"/)
    expect(instructions(runtime, 'VOLUME')).toEqual([config.dataDir])
  })

  it('checks its health on the app’s health route, as the node user', () => {
    expect(healthRoutes.routes).toContainEqual(expect.objectContaining({ method: 'GET', path: HEALTH_PATH }))
    const last = runtime.at(-1)!.instructions
    const userAt = last.findIndex((i) => i.keyword === 'USER')
    const checkAt = last.findIndex((i) => i.keyword === 'HEALTHCHECK')
    expect(checkAt).toBeGreaterThan(userAt)
    expect(last[checkAt]!.args).toContain(`+process.env.PORT+'${HEALTH_PATH}'`)
  })

  it('runs the app under Litestream when a replica is configured, and stops it with SIGTERM', () => {
    expect(instructions(runtime, 'CMD')).toEqual(['["backups/run-with-litestream.sh", "node", "dist/src/main.js"]'])
    expect(fs.statSync(projectPath('backups/run-with-litestream.sh')).mode & 0o111).not.toBe(0)
    expect(fs.existsSync(projectPath('backups/litestream.yml'))).toBe(true)
    expect(entrypoint).toContain('restore -config backups/litestream.yml -if-replica-exists')
    expect(instructions(runtime, 'COPY')).toContain('backups backups')
    // Docker's default stop signal is SIGTERM, which src/main.ts handles.
    expect(instructions(runtime, 'STOPSIGNAL').every((s) => s === 'SIGTERM')).toBe(true)
    expect(mainSource).toContain("process.on('SIGTERM'")
  })
})

describe('fly.toml', () => {
  it('runs in Hong Kong with the data volume at DATA_DIR', () => {
    expect(fly.primary_region).toBe('hkg')
    const config = loadConfig({ ...envOf(flyImage), ...flyEnv, LIBTV_SIMULATE: '1', ...MAIL })
    expect((fly.mounts as Record<string, string>).destination).toBe(config.dataDir)
    expect(Number((fly.mounts as Record<string, number>).snapshot_retention)).toBeLessThanOrEqual(30)
  })

  it('sends traffic to the port the app listens on, over https only', () => {
    const config = loadConfig({ ...envOf(flyImage), ...flyEnv, LIBTV_SIMULATE: '1', ...MAIL })
    expect(http.internal_port).toBe(config.port)
    expect(http.force_https).toBe(true)
  })

  it('checks /healthz', () => {
    const checks = http.checks as Record<string, string>[]
    expect(checks.length).toBeGreaterThan(0)
    for (const check of checks) {
      expect(check.path).toBe(HEALTH_PATH)
      expect(check.method).toBe('GET')
    }
  })

  it('keeps one machine running, since the render worker lives in it', () => {
    expect(['off', false]).toContain(http.auto_stop_machines)
    expect(Number(http.min_machines_running)).toBeGreaterThanOrEqual(1)
  })

  it('stops with SIGTERM and waits longer than the graceful shutdown takes', () => {
    const grace = /const SHUTDOWN_GRACE_MS = ([\d_]+)/.exec(mainSource)
    expect(grace).not.toBeNull()
    expect(mainSource).toContain('setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS)')
    expect(fly.kill_signal).toBe('SIGTERM')
    expect(durationMs(fly.kill_timeout)).toBeGreaterThan(Number(grace![1]!.replace(/_/g, '')))
  })

  it('states the hosting provider for the privacy page', () => {
    const config = loadConfig({ ...flyEnv, LIBTV_SIMULATE: '1', ...MAIL })
    expect(config.operator.hostingProvider).toBe('Fly.io')
    expect(config.operator.dataRegion).toMatch(/Hong Kong/)
  })
})

describe('deploy/lumina.service', () => {
  const settings = new Map<string, string[]>()
  for (const line of unit.split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(line)
    if (m) settings.set(m[1]!, [...(settings.get(m[1]!) ?? []), m[2]!])
  }
  const one = (key: string) => settings.get(key)?.at(-1)

  it('runs as a dedicated unprivileged user that can write only its DATA_DIR', () => {
    expect(one('User')).toBe('lumina')
    expect(one('NoNewPrivileges')).toBe('yes')
    expect(one('ProtectSystem')).toBe('strict')
    expect(one('CapabilityBoundingSet')).toBe('')
    const env = Object.fromEntries((one('Environment') ?? '').split(' ').map((kv) => kv.split('=') as [string, string]))
    expect(one('ReadWritePaths')).toBe(env.DATA_DIR)
    expect(`/var/lib/${one('StateDirectory')}`).toBe(env.DATA_DIR)
    expect(env.TMPDIR?.startsWith(`${env.DATA_DIR}/`)).toBe(true)
    expect(loadConfig({ ...env, LIBTV_SIMULATE: '1', ...MAIL }).dataDir).toBe(env.DATA_DIR)
  })

  it('starts the app under Litestream and stops it with SIGTERM, waiting out the graceful shutdown', () => {
    expect(one('ExecStart')).toMatch(/backups\/run-with-litestream\.sh \S*node dist\/src\/main\.js$/)
    expect(one('KillSignal')).toBe('SIGTERM')
    const grace = Number(/const SHUTDOWN_GRACE_MS = ([\d_]+)/.exec(mainSource)![1]!.replace(/_/g, ''))
    expect(Number(one('TimeoutStopSec')) * 1000).toBeGreaterThan(grace)
  })
})
