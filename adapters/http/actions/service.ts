import * as E from 'fp-ts/lib/Either.js'
import type { ActionTable } from './action.ts'

// Service-level actions (API reference §1.3 "Service / misc").

export const serviceActions: ActionTable = {
  DescribeRegions: async (_ctx, s) => E.right({ Regions: { Region: [{ RegionId: s.deployment.region }] } }),
  GetDefaultKmsInstance: async (ctx, s) =>
    E.right({ DefaultKmsInstanceId: s.deployment.defaultInstanceOf(ctx.caller.accountId) ?? '' }),
}
