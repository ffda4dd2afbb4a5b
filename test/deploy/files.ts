import fs from 'node:fs'
import { projectPath } from '../../src/paths.js'

// Small readers for the deploy files, enough for what test/deploy checks: no Docker daemon or
// TOML library is needed to hold them to the code.

export type DockerInstruction = { keyword: string; args: string }
export type DockerStage = { from: string; name: string | undefined; instructions: DockerInstruction[] }

/** The Dockerfile's stages, each with its instructions (continuation lines joined, comments dropped). */
export function readDockerfile(file = projectPath('Dockerfile')): DockerStage[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
  const joined: string[] = []
  let current = ''
  for (const line of lines) {
    const trimmed = line.trimEnd()
    if (trimmed.endsWith('\\')) {
      current += `${trimmed.slice(0, -1)} `
      continue
    }
    current += trimmed
    if (current.trim()) joined.push(current.trim().replace(/\s+/g, ' '))
    current = ''
  }
  const stages: DockerStage[] = []
  for (const text of joined) {
    const [keyword, ...rest] = text.split(' ')
    const args = rest.join(' ')
    if (keyword!.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?: AS (\S+))?$/i.exec(args)
      stages.push({ from: m![1]!, name: m![2], instructions: [] })
    } else {
      stages.at(-1)!.instructions.push({ keyword: keyword!.toUpperCase(), args })
    }
  }
  return stages
}

/** A stage and the stages it is built FROM, base first: what an image built from it contains. */
export function stageChain(stages: DockerStage[], name: string | undefined): DockerStage[] {
  const stage = name === undefined ? stages.at(-1) : stages.find((s) => s.name === name)
  if (!stage) throw new Error(`no stage ${name}`)
  const parent = stages.find((s) => s.name === stage.from)
  return parent ? [...stageChain(stages, parent.name), stage] : [stage]
}

export function instructions(chain: DockerStage[], keyword: string): string[] {
  return chain.flatMap((s) => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args))
}

/** `ENV A=1 B=2` lines of a chain, later ones winning, as Docker does. */
export function envOf(chain: DockerStage[]): Record<string, string> {
  const env: Record<string, string> = {}
  for (const args of instructions(chain, 'ENV'))
    for (const pair of args.match(/\S+=("[^"]*"|\S*)/g) ?? []) {
      const at = pair.indexOf('=')
      env[pair.slice(0, at)] = pair.slice(at + 1).replace(/^"|"$/g, '')
    }
  return env
}

export type Toml = Record<string, unknown>

/**
 * The TOML fly.toml uses: `key = value` (strings, numbers, booleans), `[table]`, `[a.b]` and
 * `[[array.of.tables]]`. Anything else throws, so a new construct cannot slip past the checks.
 */
export function readToml(file = projectPath('fly.toml')): Toml {
  const root: Toml = {}
  let table: Toml = root
  const walk = (keys: string[], arrayAtEnd: boolean): Toml => {
    let node: Toml = root
    keys.forEach((key, i) => {
      const last = i === keys.length - 1
      let next = node[key]
      if (last && arrayAtEnd) {
        const list = (Array.isArray(next) ? next : (node[key] = [])) as Toml[]
        list.push({})
        next = list.at(-1)
      } else if (Array.isArray(next)) {
        next = next.at(-1)
      } else if (next === undefined) {
        next = node[key] = {}
      }
      node = next as Toml
    })
    return node
  }
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim()
    if (!line || line.startsWith('#')) continue
    let m: RegExpExecArray | null
    if ((m = /^\[\[([\w.-]+)\]\]$/.exec(line))) table = walk(m[1]!.split('.'), true)
    else if ((m = /^\[([\w.-]+)\]$/.exec(line))) table = walk(m[1]!.split('.'), false)
    else if ((m = /^([\w-]+)\s*=\s*(.+)$/.exec(line))) table[m[1]!] = tomlValue(m[2]!)
    else throw new Error(`fly.toml: cannot read ${JSON.stringify(raw)}`)
  }
  return root
}

function tomlValue(text: string): string | number | boolean {
  if (/^"[^"]*"$/.test(text)) return text.slice(1, -1)
  if (text === 'true' || text === 'false') return text === 'true'
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text)
  throw new Error(`fly.toml: unsupported value ${text}`)
}

/** "30s", "2m", "500ms" or a bare number of seconds, in milliseconds. */
export function durationMs(value: unknown): number {
  if (typeof value === 'number') return value * 1000
  const m = /^(\d+)(ms|s|m)$/.exec(String(value))
  if (!m) throw new Error(`not a duration: ${value}`)
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm']
}
