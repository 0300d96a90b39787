import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { decide, evolve, initialState, isSymmetric } from '../../../domain/index.ts'
import type { KeyCommand, KeyState } from '../../../domain/key/index.ts'
import { createKeyCommand, daysAfter, T0 } from '../../support/key-given.ts'

// Long random command sequences against the decider; after every step the invariants must hold, whatever
// was accepted or refused. A failure prints the seed, so it can be replayed.

const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const STATES = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'Deleted']

const randomCommand = (rnd: () => number, now: string, n: number): KeyCommand => {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const tagKeys = Array.from({ length: 25 }, (_, i) => `t${i}`)
  const versionId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
  const commands: KeyCommand[] = [
    { type: 'EnableKey', now }, { type: 'DisableKey', now },
    { type: 'SetDeletionProtection', now, enable: rnd() < 0.5, description: 'x' },
    { type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 7 + Math.floor(rnd() * 360) },
    { type: 'CancelKeyDeletion', now }, { type: 'DeleteKey', now },
    { type: 'TagKey', now, tags: Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => ({ TagKey: pick(tagKeys), TagValue: pick(['a', 'b']) }))
      .filter((t, i, all) => all.findIndex((x) => x.TagKey === t.TagKey) === i) },
    { type: 'UntagKey', now, tagKeys: [pick(tagKeys), pick(tagKeys)] },
    { type: 'UpdateRotationPolicy', now, enable: rnd() < 0.7, intervalSeconds: rnd() < 0.8 ? (7 + Math.floor(rnd() * 358)) * 86400 : null },
    { type: 'RotateKey', now, versionId, reason: pick(['manual', 'automatic'] as const) },
    { type: 'CreateKeyVersion', now, versionId },
    { type: 'UpdateKeyDescription', now, description: 'd' },
    { type: 'ImportKeyMaterial', now, expireAt: rnd() < 0.5 ? null : daysAfter(now, 1 + rnd() * 30) },
    { type: 'DeleteKeyMaterial', now, reason: pick(['deleted', 'expired'] as const) },
  ]
  return pick(commands)
}

const checkInvariants = (s: KeyState, where: string): void => {
  assert.ok(STATES.includes(s.status), `${where}: state ${s.status} is one of the five`)
  assert.ok(!(s.status === 'PendingDeletion' && s.deletionProtection.enabled), `${where}: never PendingDeletion with protection on`)
  assert.ok(Object.keys(s.tags).length <= 20, `${where}: never more than 20 tags`)
  assert.ok(!(s.rotation.enabled && !isSymmetric(s.spec)), `${where}: never a rotation policy on an asymmetric key`)
  assert.ok(!s.rotation.enabled || s.rotation.intervalSeconds !== null, `${where}: rotation on has an interval`)
  assert.ok((s.deleteDate !== null) === (s.status === 'PendingDeletion'), `${where}: a delete date exactly while pending deletion`)
  if (isSymmetric(s.spec)) assert.ok(s.versions.some((v) => v.versionId === s.primaryVersionId), `${where}: the primary version exists`)
  assert.ok(s.versions.length >= 1 && s.versions.length <= 50, `${where}: 1 to 50 versions`)
}

test('random command sequences never break the key invariants', () => {
  const specs = ['Aliyun_AES_256', 'RSA_2048', 'EC_P256', 'Aliyun_SM4', 'EC_SM2'] as const
  let accepted = 0
  for (let seed = 1; seed <= 300; seed++) {
    const rnd = mulberry32(seed)
    const spec = specs[seed % specs.length]!
    const origin = seed % 4 === 0 ? 'EXTERNAL' : 'Aliyun_KMS'
    let state = initialState
    for (const e of (decide(createKeyCommand({ spec, kind: 'hardware', instanceId: 'kst-hsm00001', origin,
      rotation: origin === 'EXTERNAL' ? { enabled: false, intervalSeconds: null } : null }), state) as E.Right<never[]>).right)
      state = evolve(state, e)
    let now = T0
    for (let step = 0; step < 150; step++) {
      now = daysAfter(now, rnd() * 20)
      const cmd = randomCommand(rnd, now, seed * 1000 + step)
      const before = state
      const r = decide(cmd, state)
      if (E.isRight(r)) {
        accepted += r.right.length
        state = r.right.reduce(evolve, state)
      }
      checkInvariants(state, `seed ${seed} step ${step} ${cmd.type}`)
      if (before.status === 'Deleted') assert.equal(state, before, `seed ${seed}: Deleted is terminal`)
    }
  }
  assert.ok(accepted > 5000, `the sequences exercise the decider (${accepted} events)`)
})

test.run()
