import * as E from 'fp-ts/lib/Either.js';
import { internalFailure, invalidParameter, missingParameter } from "../../domain/errors.js";
import { IDEMPOTENCY_HEADER } from "../../domain/operations/catalogue.js";
import { invokeAction } from "./invoke.js";
import { actionNotFound, pathNotFound } from "./wire/codes.js";
import { failure, success } from "./wire/response.js";
export const API_VERSION = '2016-01-20';
/**
 * One name from a parameter (RPC) or a header (ACS3); both given and different is refused, never guessed.
 * RPC v1 signs no header, so under it only the (signed) parameter counts: an unsigned x-acs-action must not
 * choose what a signed request does.
 */
const fromParamOrHeader = (req, scheme, param, header) => {
    const p = req.params.get(param);
    const h = req.headers[header];
    if (p !== undefined && h !== undefined && p !== h)
        return E.left(invalidParameter(param, `The ${param} parameter and the ${header} header differ.`));
    const v = scheme === 'rpc-v1' ? p : p ?? h;
    return v === undefined || v === '' ? E.left(missingParameter(param)) : E.right(v);
};
/**
 * The API after the bytes are read: path, authentication, version, action, then the action's handler.
 * Every outcome is a Reply; a handler that throws is a 500 InternalFailure with no detail for the caller.
 */
export const dispatch = async (d, req, meta) => {
    const hostId = d.services.deployment.hostId;
    const fail = (e, extra = {}) => ({ reply: failure(meta.requestId, hostId, e), ...extra });
    if (req.path !== '/')
        return fail(pathNotFound());
    const auth = await d.verifier.verify(req);
    if (E.isLeft(auth))
        return fail(auth.left);
    const accessKey = auth.right.accessKey;
    const who = { accessKeyId: accessKey.accessKeyId };
    const version = fromParamOrHeader(req, auth.right.scheme, 'Version', 'x-acs-version');
    if (E.isLeft(version))
        return fail(version.left, who);
    if (version.right !== API_VERSION)
        return fail(invalidParameter('Version', `This service speaks ${API_VERSION}.`), who);
    const format = req.params.get('Format');
    if (format !== undefined && format.toLowerCase() !== 'json')
        return fail(invalidParameter('Format', 'Only JSON replies are offered.'), who);
    const action = fromParamOrHeader(req, auth.right.scheme, 'Action', 'x-acs-action');
    if (E.isLeft(action))
        return fail(action.left, who);
    const handler = Object.hasOwn(d.actions, action.right) ? d.actions[action.right] : undefined;
    if (!handler)
        return fail(actionNotFound(action.right), who);
    const now = d.clock.now();
    const caller = { accessKeyId: accessKey.accessKeyId, principal: accessKey.principal, accountId: accessKey.accountId };
    // Only signed labels count (issue 13, finding 6): ACS3 must sign every x-acs-* header (verifier.ts), RPC v1 signs
    // no header at all, so on RPC v1 anyone on the path could forge the association labels the owner audits.
    const callerHeaders = auth.right.scheme === 'acs3'
        ? { service: req.headers['x-acs-caller-service'], resource: req.headers['x-acs-caller-resource'] }
        : {};
    const command = {
        principal: accessKey.principal, requestId: meta.requestId, now,
        ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
        ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 256) } : {}),
    };
    const extra = { action: action.right, ...who };
    try {
        const invoked = await invokeAction(d.services, handler, {
            action: action.right, params: req.params, caller, callerHeaders, command, idempotencyKey: req.headers[IDEMPOTENCY_HEADER],
        });
        const lag = invoked.readLag ? { readLag: invoked.readLag } : {};
        if (E.isLeft(invoked.result))
            return { ...fail(invoked.result.left, { ...extra, ...(invoked.denial ? { denial: invoked.denial } : {}) }), ...lag };
        return { reply: success(invoked.requestId, invoked.result.right), ...extra, ...lag };
    }
    catch (fault) {
        return fail(internalFailure('The request processing has failed due to some unknown error.'), { ...extra, fault });
    }
};
