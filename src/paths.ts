import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// The same code runs from src/ under tsx and from dist/src/ when compiled; both find the
// project root (where package.json is) by walking up, so migrations and static files resolve.
function findProjectRoot(start: string): string {
  let dir = start
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`package.json not found above ${start}`)
    dir = parent
  }
  return dir
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)))

export function projectPath(...parts: string[]): string {
  return path.join(projectRoot, ...parts)
}
