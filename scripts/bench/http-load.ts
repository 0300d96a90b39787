// The load side of the HTTP benchmark, run in its own process so that it does not share the server's event
// loop: N concurrent keep-alive loops send signed RPC v1 requests to 127.0.0.1 for a fixed time.
// argv: <base url> <concurrency> <seconds> <access key id> <secret> <json params>
import { Agent, request } from 'node:http'
import { signedQuery } from '../../spec/support/signed-request.ts'

const [base, concurrency, seconds, id, secret, paramsJson] = process.argv.slice(2) as [string, string, string, string, string, string]
const params = JSON.parse(paramsJson) as Record<string, string>
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrency) })
const url = new URL(base)
const deadline = Date.now() + Number(seconds) * 1000
let ok = 0
let failed = 0

const once = (): Promise<void> =>
  new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: `/?${signedQuery({ id, secret }, params)}`, agent }, (res) => {
      res.resume()
      res.on('end', () => {
        if (res.statusCode === 200) ok++
        else failed++
        resolve()
      })
    })
    req.on('error', () => {
      failed++
      resolve()
    })
    req.end()
  })

const loop = async (): Promise<void> => {
  while (Date.now() < deadline) await once()
}
const started = Date.now()
await Promise.all(Array.from({ length: Number(concurrency) }, loop))
const elapsed = (Date.now() - started) / 1000
process.stdout.write(JSON.stringify({ ok, failed, perSecond: ok / elapsed }) + '\n')
agent.destroy()
