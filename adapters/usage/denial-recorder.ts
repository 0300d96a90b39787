import { keyUsageStreamId, type ActionInvoked } from '../../domain/key/events.ts'
import type { IdGenerator } from '../../domain/ports/ids.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { schemaVersionOf } from '../../domain/service/upcast.ts'
import { toMetadata } from '../../domain/service/command-handler.ts'
import type { CommandContext } from '../../domain/service/context.ts'

// Every refusal of an action on an existing key is part of the key's history (DESIGN §3, §7): one ActionInvoked
// with outcome `denied` on `keyusage-<KeyId>`. A minimal stand-in for the batched UsageRecorder
// (domain/ports/usage-recorder.ts) that records crypto calls: a denial is rare, so it is appended at once, with
// expected revision `any` (the usage stream only grows; no decision depends on its last revision).
// The write is awaited and a failure propagates (the request then fails with 500): a denial the auditors cannot
// see must not pass silently. The event names the action and the code, never parameters or key material.

export interface Denial {
  readonly keyId: string
  readonly action: string
  readonly errorCode: string
}

export class DenialRecorder {
  constructor(private readonly store: EventStore, private readonly ids: IdGenerator) {}

  async record(d: Denial, ctx: CommandContext): Promise<void> {
    const event: ActionInvoked = {
      type: 'ActionInvoked',
      data: {
        keyId: d.keyId, versionId: null, action: d.action, outcome: 'denied', errorCode: d.errorCode,
        callerService: null, callerResource: null, requestId: ctx.requestId, at: ctx.now.toISOString(),
      },
    }
    const appended = await this.store.append(keyUsageStreamId(d.keyId), 'any', [{
      eventId: this.ids.eventId(), type: event.type, data: event.data,
      metadata: { ...toMetadata(ctx), schemaVersion: schemaVersionOf(event.type) },
    }])
    // `any` never conflicts; a Left here means the store broke its contract.
    if (appended._tag === 'Left') throw new Error(`recording a denial on ${keyUsageStreamId(d.keyId)} failed: ${appended.left.kind}`)
  }
}
