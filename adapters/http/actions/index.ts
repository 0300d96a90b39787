import type { ActionTable } from './action.ts'
import { aliasActions } from './aliases.ts'
import { keyActions } from './keys.ts'
import { policyActions } from './policy.ts'
import { serviceActions } from './service.ts'
import { tagActions } from './tags.ts'
import { versionActions } from './versions.ts'

export * from './action.ts'

/**
 * Every management action this server answers. Crypto actions come from their own table; the composition root
 * merges tables (`{ ...lifecycleActions, ...cryptoActions }`), and an action missing from the merged table is
 * answered `InvalidAction.NotFound`.
 */
export const lifecycleActions: ActionTable = {
  ...keyActions,
  ...versionActions,
  ...aliasActions,
  ...tagActions,
  ...policyActions,
  ...serviceActions,
}
