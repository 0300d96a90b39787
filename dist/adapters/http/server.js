import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import * as E from 'fp-ts/lib/Either.js';
import { consoleRoute } from "../console/static-route.js";
import { dispatch } from "./dispatch.js";
import { capConnections } from "./connection-cap.js";
import { answerHealth, HEALTH_PATHS } from "./health.js";
import { bodyTooLarge, parseFailure, requestTimedOut, unsupportedMethod } from "./wire/codes.js";
import { toApiRequest } from "./wire/request.js";
import { CONTENT_TYPE, failure } from "./wire/response.js";
// node:http rather than fastify: the API is one route, the ACS3 signature needs the raw body bytes, and every
// answer — an oversized body, a bad Content-Length, a malformed request line — must be this API's JSON error
// shape. With fastify each of those is a default parser or an FST_ERR_* reply to override; here they are a few
// lines each and nothing answers in a shape the SDKs cannot read.
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** Written straight on the socket: for requests Node's parser refused and connections over a cap (never read). */
const rawReply = (socket, reply, requestId, reason) => {
    const body = JSON.stringify(reply.body);
    socket.end(`HTTP/1.1 ${reply.status} ${reason}\r\nContent-Type: ${CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nx-acs-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`);
};
const headerMap = (req) => {
    const out = {};
    for (const [name, value] of Object.entries(req.headers))
        out[name] = Array.isArray(value) ? value.join(', ') : value;
    return out;
};
const send = (res, reply, requestId, close = false) => {
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
        'Content-Type': CONTENT_TYPE,
        'Content-Length': Buffer.byteLength(body),
        'x-acs-request-id': requestId,
        ...(close ? { Connection: 'close' } : {}),
    });
    res.end(body);
};
/** Reads the body up to the limit; Left when it is larger (the rest is not read). */
const readBody = (req, limit) => new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit)
        return resolve(E.left(bodyTooLarge(limit)));
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
        size += chunk.length;
        if (size > limit) {
            req.removeAllListeners('data');
            req.pause();
            resolve(E.left(bodyTooLarge(limit)));
        }
        else
            chunks.push(chunk);
    });
    req.on('end', () => resolve(E.right(Buffer.concat(chunks))));
    req.on('error', () => resolve(undefined)); // the client went away: nobody to answer
});
export const createApiServer = (o) => {
    const limit = o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const hostId = o.services.deployment.hostId;
    const log = o.logger;
    const serveConsole = consoleRoute(); // the web console's static files at /console (docs/console.md)
    const handle = async (req, res) => {
        const started = process.hrtime.bigint();
        const requestId = o.services.ids.requestId();
        const finish = (reply, extra = {}, close = false) => {
            send(res, reply, requestId, close);
            const code = reply.status >= 400 ? reply.body['Code'] : undefined;
            const entry = {
                requestId, action: extra.action, accessKeyId: extra.accessKeyId, status: reply.status, code,
                ...(extra.denial ? { denial: extra.denial } : {}),
                ms: Number(process.hrtime.bigint() - started) / 1e6,
            };
            // Never parameters, bodies or headers: they may carry plaintext, key material or signatures.
            // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a thrown non-Error: String() is all there is to log
            if (extra.fault)
                log.error({ ...entry, err: extra.fault instanceof Error ? { message: extra.fault.message, stack: extra.fault.stack } : String(extra.fault), ...(reply.internalMessage ? { internal: reply.internalMessage } : {}) }, `${code}: request ${requestId} failed inside the server (the caller got a generic answer); err says why. If it repeats, check the store, vault and tokens named there`);
            else if (reply.internalMessage !== undefined)
                log.error({ ...entry, internal: reply.internalMessage }, `${code}: request ${requestId} failed inside the server (the caller got a generic answer); internal says why. If it repeats, check the store, vault and tokens named there`);
            else
                log.info(entry, 'request');
            if (extra.readLag)
                log.warn({ requestId, action: extra.action, ...extra.readLag }, 'answered before the read models reached the request\'s writes');
        };
        if (serveConsole(req, res))
            return;
        const method = req.method ?? '';
        if (method === 'GET' && HEALTH_PATHS.has(req.url ?? ''))
            return answerHealth(req.url, o.readiness ?? {}, res);
        if (method !== 'POST' && method !== 'GET')
            return finish(failure(requestId, hostId, unsupportedMethod(method)), {}, true);
        const body = await readBody(req, limit);
        if (body === undefined)
            return;
        if (E.isLeft(body))
            return finish(failure(requestId, hostId, body.left), {}, true);
        const apiRequest = toApiRequest(method, req.url ?? '/', headerMap(req), body.right);
        if (E.isLeft(apiRequest))
            return finish(failure(requestId, hostId, apiRequest.left));
        const ua = req.headers['user-agent'];
        const d = await dispatch(o, apiRequest.right, {
            requestId, ...(req.socket.remoteAddress ? { sourceIp: req.socket.remoteAddress } : {}), ...(ua ? { userAgent: ua } : {}),
        });
        finish(d.reply, d);
    };
    const requestTimeout = o.requestTimeoutMs ?? 30_000;
    const headersTimeout = Math.min(o.headersTimeoutMs ?? 20_000, requestTimeout);
    const options = {
        maxHeaderSize: 16 * 1024, requestTimeout, headersTimeout,
        // How often Node looks for requests past their timeout (its default, 30 s, would let one run 60 s).
        connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersTimeout / 4))),
    };
    const onRequest = (req, res) => {
        handle(req, res).catch((fault) => {
            log.error({ code: 'InternalFailure', err: fault instanceof Error ? fault.message : String(fault) }, 'InternalFailure: request handling failed before an answer; err says why (a bug: report it with this line)');
            if (!res.headersSent)
                send(res, failure(o.services.ids.requestId(), hostId, { code: 'InternalFailure', httpStatus: 500, message: 'The request processing has failed due to some unknown error.' }), '', true);
        });
    };
    // TLS 1.2 at least (Node's default minimum); the certificate can be swapped while serving (setSecureContext).
    const server = o.tls ? createTlsServer({ ...options, cert: o.tls.cert, key: o.tls.key, minVersion: 'TLSv1.2' }, onRequest) : createServer(options, onRequest);
    // Requests Node's parser cannot read (bad request line, header overflow, bad chunking) still get a JSON 4xx.
    server.on('clientError', (err, socket) => {
        if (!socket.writable || err.code === 'ECONNRESET')
            return void socket.destroy();
        const requestId = o.services.ids.requestId();
        const [e, reason] = err.code === 'HPE_HEADER_OVERFLOW'
            ? [{ code: 'RequestHeaderFieldsTooLarge', httpStatus: 431, message: 'The request line or headers are too large.' }, 'Request Header Fields Too Large']
            : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
                ? [requestTimedOut(Math.round(requestTimeout / 1000)), 'Request Timeout']
                : [parseFailure('The HTTP request could not be parsed.'), 'Bad Request'];
        rawReply(socket, failure(requestId, hostId, e), requestId, reason);
        log.info({ requestId, status: e.httpStatus, code: e.code }, 'unparsable request');
    });
    capConnections(server, o, (socket, e) => {
        const requestId = o.services.ids.requestId();
        rawReply(socket, failure(requestId, hostId, e), requestId, e.httpStatus === 429 ? 'Too Many Requests' : 'Service Unavailable');
        log.warn({ requestId, status: e.httpStatus, code: e.code, ip: socket.remoteAddress }, 'connection refused: over the cap');
    });
    return server;
};
export const listen = (server, host, port) => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
        server.off('error', reject);
        const a = server.address();
        const shownHost = a.family === 'IPv6' ? `[${a.address}]` : a.address;
        const scheme = 'setSecureContext' in server ? 'https' : 'http';
        resolve({
            server, host: a.address, port: a.port, url: `${scheme}://${shownHost}:${a.port}`,
            close: () => new Promise((done) => {
                server.close(() => done());
                server.closeIdleConnections();
            }),
        });
    });
});
