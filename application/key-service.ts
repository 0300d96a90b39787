import * as E from 'fp-ts/lib/Either.js'
import { aliasNotFound, badRequest, keyNotFound, limitExceeded, type KmsError } from '../domain/errors.ts'
import { serviceKeyAlias, serviceKeyPolicy } from '../domain/policy/service-key.ts'
import { aliasDecider, aliasStreamId, type AliasCommand, type AliasEvent, type AliasState } from '../domain/alias/alias.ts'
import {
  checkActionAllowed, decide, defaultKeySlotDecider, defaultKeySlotStreamId, initialState, keyDecider, keyStreamId,
  type CreateKey, type KeyCommand, type KeyEvent, type KeyState,
} from '../domain/key/index.ts'
import type { EventStore } from '../domain/ports/event-store.ts'
import type { KeyMaterialLifecycle } from '../domain/ports/key-material.ts'

export type { KeyMaterialLifecycle } from '../domain/ports/key-material.ts'
import type { IdGenerator } from '../domain/ports/ids.ts'
import type { CommandContext } from '../domain/kernel/context.ts'
import { CommandHandler, type Handled } from './command-handler.ts'
import type { Decider } from '../domain/kernel/decider.ts'

export { aliasDecider, keyDecider }

export type KeyResult = Handled<KeyState, KeyEvent>

/** The key lifecycle over the store: every command is load → decide → append, retried on conflict. */
export class KeyService {
  private readonly handler: CommandHandler

  constructor(
    private readonly store: EventStore,
    private readonly ids: IdGenerator,
    private readonly material?: KeyMaterialLifecycle,
    /**
     * The key's rules; the domain's own by default. The scheduler's test/demo rotation unit passes a wrapper that
     * sees rotation intervals scaled (adapters/scheduler/rotation-unit.ts), so the rules themselves never change.
     */
    private readonly keyRules: Decider<KeyCommand, KeyState, KeyEvent> = keyDecider
  ) {
    this.handler = new CommandHandler(store, ids)
  }

  /** The key's current state; `Forbidden.KeyNotFound` when it never existed or was deleted. */
  async load(keyId: string): Promise<E.Either<KmsError, KeyState>> {
    const loaded = await this.handler.load(this.keyRules, keyStreamId(keyId))
    if (E.isLeft(loaded)) return loaded
    const s = loaded.right.state
    return s.created && s.status !== 'Deleted' ? E.right(s) : E.left(keyNotFound(keyId))
  }

  /** Like `load`, but a deleted key is returned too (audit, material destruction). */
  async loadAny(keyId: string): Promise<E.Either<KmsError, KeyState>> {
    const loaded = await this.handler.load(this.keyRules, keyStreamId(keyId))
    return E.map((l: { state: KeyState }) => l.state)(loaded)
  }

  async createKey(cmd: Omit<CreateKey, 'type' | 'keyId' | 'versionId' | 'now'> & { keyId?: string }, ctx: CommandContext): Promise<E.Either<KmsError, KeyResult>> {
    const keyId = cmd.keyId ?? (cmd.kind === 'default' ? this.ids.versionId() : this.ids.keyId())
    const command: CreateKey = { ...cmd, type: 'CreateKey', keyId, versionId: this.ids.versionId(), now: ctx.now.toISOString() }
    // Validate before reserving the region's default-key slot, so that a bad request never uses it up.
    const dryRun = decide(command, initialState)
    if (E.isLeft(dryRun)) return dryRun
    if (cmd.kind === 'default') return this.createDefaultKey(command, ctx)
    return this.execute(keyId, command, ctx)
  }

  /**
   * S-1.1: the key a cloud service creates for an account. A default key (no instance, the vault's software
   * material) that does not take the region's one user default key (S-1.2); the service is its creator, its
   * policy the fixed service-key policy, and it is named `alias/acs/<service>`, one per service and region: a
   * second is refused with AliasAlreadyExists before anything is written.
   */
  async createServiceKey(o: { readonly accountId: string; readonly region: string; readonly service: string; readonly description: string }, ctx: CommandContext): Promise<E.Either<KmsError, KeyResult>> {
    const alias = serviceKeyAlias(o.service)
    const existing = await this.resolveAlias(o.accountId, o.region, alias)
    if (E.isRight(existing)) return E.left(badRequest('AliasAlreadyExists', `The service ${o.service} already has its key ${existing.right} (${alias}).`))
    const keyId = this.ids.versionId()
    const command: CreateKey = {
      type: 'CreateKey', keyId, versionId: this.ids.versionId(), now: ctx.now.toISOString(),
      accountId: o.accountId, region: o.region, kind: 'default', instanceId: null, externalKeyId: null,
      spec: 'Aliyun_AES_256', usage: null, origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE', description: o.description,
      creator: o.service, rotation: null, policy: JSON.stringify(serviceKeyPolicy(o.accountId, o.service)), tags: [],
    }
    const created = await this.execute(keyId, command, ctx)
    if (E.isLeft(created)) return created
    const named = await this.alias({ type: 'CreateAlias', alias, keyId, accountId: o.accountId, region: o.region }, ctx)
    return E.isLeft(named) ? named : created
  }

  /**
   * S-1.2 through the `defaultkey-<account>.<region>` slot. The slot is reserved before the key is created, so a
   * failure in between (material, store, crash) leaves a slot naming a key that never existed: the next
   * CreateKey finishes that reservation by creating the key under the reserved id (the key stream's "no stream"
   * append lets exactly one creation win). A deleted default key frees the slot (docs: README "default key").
   */
  private async createDefaultKey(command: CreateKey, ctx: CommandContext): Promise<E.Either<KmsError, KeyResult>> {
    const slotStream = defaultKeySlotStreamId(command.accountId, command.region)
    const full = (keyId: string) =>
      limitExceeded(`S-1.2: region ${command.region} already has its default key ${keyId}; create more keys in a KMS instance.`)
    // Two rounds: a reservation lost to a concurrent one is looked at once more (that key may be the stale kind).
    for (let round = 0; round < 2; round++) {
      const slot = await this.handler.load(defaultKeySlotDecider, slotStream)
      if (E.isLeft(slot)) return slot
      const holderId = slot.right.state.keyId
      let releasedKeyId: string | null = null
      if (holderId !== null) {
        const holder = await this.handler.load(this.keyRules, keyStreamId(holderId))
        if (E.isLeft(holder)) return holder
        if (!holder.right.state.created) {
          const finished = await this.execute(holderId, { ...command, keyId: holderId }, ctx)
          // Someone else finished (or is finishing) the same reservation first: the region has its key.
          return E.isLeft(finished) && finished.left.code === 'Rejected.ResourceExist' ? E.left(full(holderId)) : finished
        }
        if (holder.right.state.status !== 'Deleted') return E.left(full(holderId))
        releasedKeyId = holderId
      }
      const reserved = await this.handler.handle(defaultKeySlotDecider, slotStream,
        { accountId: command.accountId, region: command.region, keyId: command.keyId, releasedKeyId }, ctx)
      if (E.isLeft(reserved)) {
        if (reserved.left.code === 'Rejected.LimitExceeded' && round === 0) continue
        return reserved
      }
      const created = await this.execute(command.keyId, command, ctx)
      return E.isLeft(created) && created.left.code === 'Rejected.ResourceExist' ? E.left(full(command.keyId)) : created
    }
    return E.left(full('(reserved meanwhile)'))
  }

  async execute(keyId: string, command: KeyCommand, ctx: CommandContext): Promise<E.Either<KmsError, KeyResult>> {
    const result = await this.handler.handle(this.keyRules, keyStreamId(keyId), command, ctx,
      this.material ? (events, state) => this.material!.provision(state, events, ctx) : undefined)
    if (E.isRight(result) && this.material && result.right.events.length > 0)
      await this.material.afterAppend(result.right.state, result.right.events)
    return result
  }

  /**
   * One command on several keys (S-3.6 batch tagging): every key is checked first, so a refusal on one key
   * changes none; then each key's events are appended (each append is atomic per key).
   */
  async executeMany(keyIds: readonly string[], command: KeyCommand, ctx: CommandContext): Promise<E.Either<KmsError, KeyResult[]>> {
    for (const keyId of keyIds) {
      const loaded = await this.handler.load(this.keyRules, keyStreamId(keyId))
      if (E.isLeft(loaded)) return loaded
      const checked = this.keyRules.decide(command, loaded.right.state.created ? loaded.right.state : { ...loaded.right.state, keyId })
      if (E.isLeft(checked)) return checked
    }
    const results: KeyResult[] = []
    for (const keyId of keyIds) {
      const r = await this.execute(keyId, command, ctx)
      if (E.isLeft(r)) return r
      results.push(r.right)
    }
    return E.right(results)
  }

  /** Resolves an alias to its key id within an account and region. */
  async resolveAlias(accountId: string, region: string, alias: string): Promise<E.Either<KmsError, string>> {
    const loaded = await this.handler.load(aliasDecider, aliasStreamId(accountId, region, alias))
    if (E.isLeft(loaded)) return loaded
    const keyId = loaded.right.state.keyId
    return keyId === null ? E.left(aliasNotFound(alias)) : E.right(keyId)
  }

  /** CreateAlias and UpdateAlias need the target key in a state the table allows (API reference §5.2). */
  async alias(command: AliasCommand, ctx: CommandContext): Promise<E.Either<KmsError, Handled<AliasState, AliasEvent>>> {
    if (command.type !== 'DeleteAlias') {
      const key = await this.load(command.keyId)
      if (E.isLeft(key)) return key
      const allowed = checkActionAllowed(command.type, key.right)
      if (E.isLeft(allowed)) return allowed
    }
    return this.handler.handle(aliasDecider, aliasStreamId(command.accountId, command.region, command.alias), command, ctx)
  }

  get eventStore(): EventStore {
    return this.store
  }
}
