import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { buildServeConfig, readConfigFile } from '../../composition/settings.ts'
import { resolveDataDir } from '../../composition/data-dir.ts'
import { requireDataDir } from '../data-dir/guard.ts'
import { openXksExecutor } from '../../composition/xks-instances.ts'
import type { HealthReport } from '../crypto/xks/executor.ts'
import { EXIT, OperatorError } from '../operator-error.ts'
import { CliError } from './format.ts'

// `keyledger instances check [ID]`: the proxy health view of external instances (docs/external-keys.md). It reads
// the same configuration `serve` would (--config, the environment) and asks each XKS proxy GetHealthStatus with
// the configured credential, so a wrong URI, path, certificate or secret shows here before a caller sees 503s.

interface Row { readonly instanceId: string; readonly proxy: string; readonly report: HealthReport }

const render = (r: Row): string => {
  const head = `${r.instanceId}  ${r.proxy}  ${r.report.healthy ? 'HEALTHY' : 'UNHEALTHY'} (${r.report.tookMs} ms)`
  if (!r.report.healthy) return `${head}\n  ${r.report.why}`
  const a = r.report.answer
  return [head, `  proxy: ${a.xksProxyVendor} ${a.xksProxyModel}, fleet of ${a.xksProxyFleetSize}; key manager: ${a.ekmVendor}`,
    ...a.ekmFleetDetails.map((d) => `  ${d.id}: ${d.model}: ${d.healthStatus}`)].join('\n')
}

export const registerInstances = (program: Command): void => {
  const instances = program.command('instances').description('KMS instances of the configuration.')
  instances
    .command('check [instanceId]')
    .description('Check the XKS proxy of each external instance (or the one named): reachable, TLS, SigV4 credential, key manager health.')
    .option('--config <file>', 'JSON configuration file (docs/config.md), as given to serve')
    .option('--data-dir <dir>', 'data directory (overrides KMS_DATA_DIR and the file)')
    .option('--json', 'print the reports as JSON')
    .action(async (instanceId: string | undefined, opts: { config?: string; dataDir?: string; json?: boolean }) => {
      // The configuration is read as serve reads it, which makes a missing data dir: check it first, so a typo
      // is an error naming the path, not a new data dir with an account id and an access key (issue 19 #3).
      let file: Record<string, unknown> = {}
      try {
        if (opts.config) file = readConfigFile(opts.config)
      } catch (e) {
        throw new CliError(`cannot read --config: ${e instanceof Error ? e.message : String(e)}`)
      }
      requireDataDir(resolveDataDir({ flag: opts.dataDir, file: file['dataDir'] }, process.env))
      const built = buildServeConfig({ ...(opts.config ? { config: opts.config } : {}), ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) }, process.env)
      if (E.isLeft(built)) throw new CliError(built.left)
      const { config } = built.right
      const externals = config.instances.filter((i) => i.kind === 'external' && (instanceId === undefined || i.instanceId === instanceId))
      if (instanceId !== undefined && externals.length === 0)
        throw new CliError(`instance ${instanceId} is not an external instance of this configuration`)
      const rows: Row[] = []
      for (const i of externals) {
        const xks = openXksExecutor(i, process.env, config.region)
        if (E.isLeft(xks)) throw new OperatorError(xks.left.code, xks.left.message, 'Fix the instance\'s "xks" settings (docs/external-keys.md)', EXIT.usage)
        try {
          rows.push({ instanceId: i.instanceId, proxy: `${i.xks!.uri}${i.xks!.uriPath}`, report: await xks.right.health('KeyledgerCheck') })
        } finally {
          await xks.right.close()
        }
      }
      process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.length === 0 ? 'no external instances configured\n' : `${rows.map(render).join('\n')}\n`)
      if (rows.some((r) => !r.report.healthy)) process.exitCode = EXIT.failure
    })
}
