// A StrykerJS test runner for uvu (issue 20; docs/testing.md "Mutation testing"). uvu has no Stryker runner of
// its own. This one runs in Stryker's test-runner child process (started with `--import tsx`, see
// stryker.config.json), imports each spec file afresh (a `?run=N` query makes Node evaluate it again) and runs
// uvu's queue in process: a mutant costs the specs that cover it, not a process start per spec file.
//
// Each spec FILE is one Stryker "test": the dry run records which mutants each file reaches (coverageAnalysis
// perTest), so a mutant runs only the files that reach it — and of those only the ones stryker.config.json
// `uvu.specs` lists for the mutated module (a spec of the whole service reaches every module, but the module's
// own specs are the ones meant to kill its mutants, and they take milliseconds in process). Source modules stay
// loaded between runs; Stryker's mutation switching reads the active mutant id each time a mutated expression
// runs, so one process runs many mutants. Mutants that only act while a module loads (static mutants) are left
// out (`ignoreStatic`); the mutated modules are imported before the dry run so their load-time code counts as
// static, not as covered by the first spec file. A module that caches what its mutated code computed (glob.ts
// compiles patterns once) names a function in `uvu.reset` that the runner calls before each spec file, so a
// result computed under another mutant (or none) is never reused.
import { pathToFileURL } from 'node:url'
import { relative, resolve } from 'node:path'
import { commonTokens, declareFactoryPlugin, PluginKind } from '@stryker-mutator/api/plugin'
import { determineHitLimitReached, DryRunStatus, MutantRunStatus, TestStatus } from '@stryker-mutator/api/test-runner'

// uvu runs a spec's queue itself (on a timer) unless it believes the uvu CLI loaded it; this runner drives
// the queue with uvu's own `exec`, as the CLI does.
if (!process.argv.some((a) => /uvu[\\/]bin\.js$/.test(a))) process.argv.push('uvu/bin.js')

let runs = 0

/** Calls each `uvu.reset` function (module → name of its export) of the modules under test. */
const resetCaches = async (resets) => {
  for (const [module, name] of resets) (await import(pathToFileURL(resolve(module)).href))[name]()
}

/** Runs one spec file with uvu; resolves to undefined when every test passed, else uvu's failure text. */
const runSpec = async (file, resets) => {
  await resetCaches(resets)
  const uvu = await import('uvu')
  globalThis.UVU_DEFER = 1
  globalThis.UVU_INDEX = 0
  globalThis.UVU_QUEUE = [[file]]
  const out = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = (chunk) => (out.push(String(chunk)), true)
  const exitCode = process.exitCode
  process.exitCode = 0
  try {
    await import(`${pathToFileURL(resolve(file)).href}?run=${++runs}`)
    await uvu.exec(false)
  } catch (e) {
    process.exitCode = 1
    out.push(e instanceof Error ? (e.stack ?? e.message) : String(e))
  } finally {
    process.stdout.write = write
  }
  const failed = process.exitCode !== 0
  process.exitCode = exitCode
  return failed ? out.join('').slice(-2000) : undefined
}

class UvuTestRunner {
  static inject = [commonTokens.options]

  constructor(options) {
    /** Mutated module (repository path) → the spec files that test it. */
    this.specsOf = options.uvu?.specs ?? {}
    // `--mutate a.ts,b.ts` (a module at a time): the dry run runs only those modules' specs.
    const mutated = Object.keys(this.specsOf).filter((m) => options.mutate.includes(m))
    this.specs = [...new Set((mutated.length ? mutated : Object.keys(this.specsOf)).flatMap((m) => this.specsOf[m]))]
    /** [module, export] pairs: functions that clear a module's cache, called before each spec file. */
    this.resets = Object.entries(options.uvu?.reset ?? {})
  }

  capabilities() {
    return { reloadEnvironment: false }
  }

  async dryRun() {
    const stryker = (globalThis.__stryker__ ??= {})
    stryker.mutantCoverage = { static: {}, perTest: {} }
    stryker.currentTestId = undefined
    for (const module of Object.keys(this.specsOf)) await import(pathToFileURL(resolve(module)).href)
    const tests = []
    for (const file of this.specs) {
      stryker.currentTestId = file
      const start = Date.now()
      const failure = await runSpec(file, this.resets)
      tests.push(
        failure === undefined
          ? { id: file, name: file, status: TestStatus.Success, timeSpentMs: Date.now() - start }
          : { id: file, name: file, status: TestStatus.Failed, failureMessage: failure, timeSpentMs: Date.now() - start },
      )
    }
    stryker.currentTestId = undefined
    return { status: DryRunStatus.Complete, tests, mutantCoverage: stryker.mutantCoverage }
  }

  async mutantRun(options) {
    // The module's repository path: the runner runs in Stryker's sandbox (its cwd), so it is read off the sandbox
    // copy — `activeMutant.fileName` is the original file, outside the sandbox, and never matched the map.
    const module = relative(process.cwd(), options.sandboxFileName).split('\\').join('/')
    const own = this.specsOf[module]
    // Every mutated module names its specs: a module missing from the map would silently run every covering
    // spec file (how the map once went unused, unnoticed). An error result shows in the report's "errors" column
    // (a thrown error would make Stryker restart the runner and retry, for minutes).
    if (own === undefined) return { status: MutantRunStatus.Error, errorMessage: `stryker.config.json uvu.specs names no spec files for ${module}` }
    const stryker = (globalThis.__stryker__ ??= {})
    stryker.activeMutant = options.activeMutant.id
    stryker.currentTestId = undefined
    // In the order the map lists them (the module's quick, pointed specs first, broad ones last): a mutant stops
    // at its first failing spec, so a killed mutant costs least that way. Every runner process knows the map;
    // only one runs the dry run, so the dry run's times cannot order them.
    const covering = options.testFilter ?? this.specs
    const files = own.filter((f) => covering.includes(f))
    // Stryker's hit limit: the instrumented code counts each pass through a mutant and throws past the limit, so a
    // mutant that loops forever ends as a Timeout at once instead of after timeoutMS and a restarted process.
    stryker.hitLimit = options.hitLimit
    stryker.hitCount = options.hitLimit === undefined ? undefined : 0
    let ran = 0
    try {
      for (const file of files) {
        ran++
        const failure = await runSpec(file, this.resets)
        const loop = determineHitLimitReached(stryker.hitCount, stryker.hitLimit)
        if (loop) return { status: MutantRunStatus.Timeout, reason: loop.reason }
        if (failure !== undefined) return { status: MutantRunStatus.Killed, killedBy: [file], failureMessage: failure, nrOfTests: ran }
      }
      return { status: MutantRunStatus.Survived, nrOfTests: ran }
    } finally {
      stryker.activeMutant = undefined
      stryker.hitCount = undefined
      stryker.hitLimit = undefined
    }
  }
}

const createRunner = (options) => new UvuTestRunner(options)
createRunner.inject = [commonTokens.options]

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'uvu', createRunner)]
export const strykerValidationSchema = { properties: { uvu: { type: 'object' } } }
