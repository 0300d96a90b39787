import type { Hash } from './merkle.ts'

// The checkpoint body (C2SP tlog-checkpoint; docs/verifiable-log.md "Checkpoints"): the origin (the log's name),
// the tree size in decimal, the root hash in standard Base64, then one extension line with the time it was
// made. The signed-note wrapper (adapters/audit/note.ts) signs exactly these bytes.
//
//   keyledger-audit/3f9c2a1b7d4e
//   1204
//   CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
//   time 2026-12-02T03:00:00.000Z

export interface Checkpoint {
  readonly origin: string
  readonly size: number
  readonly root: Hash
  /** When it was made (the signer's clock); signed with the rest. */
  readonly time: string | null
}

export const formatCheckpoint = (c: Checkpoint): string =>
  `${c.origin}\n${c.size}\n${c.root.toString('base64')}\n${c.time ? `time ${c.time}\n` : ''}`

const DECIMAL = /^(0|[1-9][0-9]*)$/
const BASE64_HASH = /^[A-Za-z0-9+/]{43}=$/

/** Parses a checkpoint body (the note text, ending in a newline); unknown extension lines are ignored. */
export const parseCheckpoint = (text: string): Checkpoint | string => {
  if (!text.endsWith('\n')) return 'the checkpoint text does not end in a newline'
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n')
  if (!origin) return 'the checkpoint has no origin line'
  if (size === undefined || !DECIMAL.test(size) || !Number.isSafeInteger(Number(size))) return 'the second line is not a tree size'
  if (root === undefined || !BASE64_HASH.test(root)) return 'the third line is not a Base64 SHA-256 root hash'
  if (extensions.some((l) => l === '')) return 'the checkpoint has an empty extension line'
  const time = extensions.find((l) => l.startsWith('time '))?.slice('time '.length) ?? null
  return { origin, size: Number(size), root: Buffer.from(root, 'base64'), time }
}
