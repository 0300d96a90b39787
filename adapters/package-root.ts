import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Files that ship beside the code (package.json, the console's public folder) are found from the package's root,
// not from a fixed number of `..`: the same module runs from its TypeScript source and, in the packed package,
// from dist/ one folder deeper (docs/embedding.md "Build").

const isPackageRoot = (dir: string): boolean => {
  const manifest = join(dir, 'package.json')
  if (!existsSync(manifest)) return false
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'keyledger'
}

const findRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (isPackageRoot(dir)) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no keyledger package.json above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
}

/** The folder holding keyledger's package.json (the checkout, or the installed package). */
export const PACKAGE_ROOT: string = findRoot()

/** A path inside the package, from its root. */
export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts)
