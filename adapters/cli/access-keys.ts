import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { parsePrincipal } from '../../domain/policy/index.ts'
import { SqliteAccessKeyStore } from '../access-keys/sqlite-store.ts'
import { loadDataDirRootKey } from '../root-key.ts'
import { resolveDataDir } from '../../composition/data-dir.ts'
import { ensureDataDir } from './bootstrap.ts'

// `keyledger access-keys create|list|enable|disable|delete`: access keys kept in the data dir, read by the
// running server on every request (so a disabled key is refused at once). The secret is printed once, by
// `create`, and stored only encrypted under the root key (adapters/root-key.ts).

interface DirOption { readonly dataDir?: string; readonly json?: boolean }

const dataDirOf = (o: DirOption, env: NodeJS.ProcessEnv): string => resolveDataDir({ flag: o.dataDir }, env)

const fail = (message: string, code = 2): void => {
  process.stderr.write(`keyledger access-keys: ${message}\n`)
  process.exitCode = code
}

const withStore = (o: DirOption, run: (store: SqliteAccessKeyStore) => void): void => {
  const dir = dataDirOf(o, process.env)
  ensureDataDir(dir)
  const rootKey = loadDataDirRootKey(dir, process.env)
  if (E.isLeft(rootKey)) return fail(rootKey.left)
  const store = SqliteAccessKeyStore.open(dir, rootKey.right)
  try {
    run(store)
  } finally {
    store.close()
  }
}

const write = (line: string): void => void process.stdout.write(`${line}\n`)

export const registerAccessKeys = (program: Command): void => {
  const group = program
    .command('access-keys')
    .description('Manage access keys kept in the data directory (read by `keyledger serve`).')
  const dirOption = (c: Command) => c.option('--data-dir <dir>', 'data directory (default KMS_DATA_DIR or ./data)')

  dirOption(group.command('create')
    .description('Create an access key for a principal; prints its secret once.')
    .requiredOption('--principal <arn>', 'acs:ram::<uid>:root, acs:ram::<uid>:user/<name> or acs:ram::<uid>:role/<name>')
    .option('--json', 'print JSON'))
    .action((o: DirOption & { principal: string }) => {
      const p = parsePrincipal(o.principal)
      if (!p) return fail(`--principal ${o.principal} is not acs:ram::<uid>:root, acs:ram::<uid>:user/<name> or acs:ram::<uid>:role/<name>`)
      withStore(o, (store) => {
        const k = store.create(o.principal, p.accountId, new Date())
        if (o.json) return write(JSON.stringify(k))
        write(`AccessKeyId:     ${k.accessKeyId}`)
        write(`AccessKeySecret: ${k.accessKeySecret}`)
        write(`Principal:       ${k.principal}`)
        write('The secret is shown only now; keyledger keeps it encrypted and cannot show it again.')
      })
    })

  dirOption(group.command('list').description('List access keys (never their secrets).').option('--json', 'print JSON'))
    .action((o: DirOption) => withStore(o, (store) => {
      const keys = store.list()
      if (o.json) return write(JSON.stringify(keys))
      write(['AccessKeyId', 'Status', 'CreatedAt', 'Principal'].join('\t'))
      for (const k of keys) write([k.accessKeyId, k.status, k.createdAt, k.principal].join('\t'))
    }))

  for (const [name, status, what] of [['enable', 'Active', 'enabled'], ['disable', 'Inactive', 'disabled']] as const) {
    dirOption(group.command(`${name} <accessKeyId>`).description(`Mark an access key ${status}: ${what} at once for the running server.`))
      .action((id: string, o: DirOption) => withStore(o, (store) => {
        if (!store.setStatus(id, status)) return fail(`no access key ${id}`, 1)
        write(`${id} ${what}`)
      }))
  }

  dirOption(group.command('delete <accessKeyId>').description('Delete an access key for good.'))
    .action((id: string, o: DirOption) => withStore(o, (store) => {
      if (!store.delete(id)) return fail(`no access key ${id}`, 1)
      write(`${id} deleted`)
    }))
}
