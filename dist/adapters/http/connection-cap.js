// Connection caps (issue 13, finding 6): without them one client could hold every socket the process can open
// (slow or idle keep-alive connections) and starve the others. A connection past a cap is answered at once with
// one JSON error and closed, never read: per source address `Rejected.Throttling` (429), in total
// `ServiceUnavailableTemporary` (503), so an SDK shows a code it knows and may retry.
export const DEFAULT_MAX_CONNECTIONS = 1024;
export const DEFAULT_MAX_CONNECTIONS_PER_IP = 128;
export const perIpLimit = () => ({ code: 'Rejected.Throttling', httpStatus: 429, message: 'Too many open connections from this address; close idle ones or retry later.' });
export const totalLimit = () => ({ code: 'ServiceUnavailableTemporary', httpStatus: 503, message: 'The service has too many open connections; retry later.' });
/** Counts open connections in total and per remote address; `refuse` writes the answer on the socket and ends it. */
export const capConnections = (server, caps, refuse) => {
    const maxTotal = caps.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    const maxPerIp = caps.maxConnectionsPerIp ?? DEFAULT_MAX_CONNECTIONS_PER_IP;
    const byIp = new Map();
    let total = 0;
    server.on('connection', (socket) => {
        const ip = socket.remoteAddress ?? '';
        const fromIp = byIp.get(ip) ?? 0;
        if (total >= maxTotal)
            return refuse(socket, totalLimit());
        if (fromIp >= maxPerIp)
            return refuse(socket, perIpLimit());
        total++;
        byIp.set(ip, fromIp + 1);
        socket.once('close', () => {
            total--;
            const left = (byIp.get(ip) ?? 1) - 1;
            if (left === 0)
                byIp.delete(ip);
            else
                byIp.set(ip, left);
        });
    });
};
