import * as E from 'fp-ts/lib/Either.js';
// Service-level actions (API reference §1.3 "Service / misc").
export const serviceActions = {
    DescribeRegions: async (_ctx, s) => E.right({ Regions: { Region: [{ RegionId: s.deployment.region }] } }),
    GetDefaultKmsInstance: async (ctx, s) => E.right({ DefaultKmsInstanceId: s.deployment.defaultInstanceOf(ctx.caller.accountId) ?? '' }),
};
