// An in-process gRPC server that speaks enough of EventStoreDB's protocol for the real `@eventstore/db-client`
// 6.2.1, built on the client package's own generated service definitions (notes §2.1). Insecure only.
import * as grpc from '@grpc/grpc-js'
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js'
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js'
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js'
import { appendHandler, batchAppendHandler, deleteHandler } from './append.ts'
import { gossipRead, supportedMethods } from './features.ts'
import { DoubleLog } from './log.ts'
import { type LiveCalls, readHandler } from './read.ts'

export interface EsdbDoubleOptions {
  readonly host?: string
  /** 0 (default) picks a free port; pass an old double's port to "restart the server" at the same address. */
  readonly port?: number
  /** The log to serve: pass the previous double's log to keep the data across a restart. */
  readonly log?: DoubleLog
  /** Advertise BatchAppend (default true, as servers ≥ 21.10 do); false leaves the client on legacy Append. */
  readonly batchAppend?: boolean
  /** false: no ServerFeatures service at all (UNIMPLEMENTED), as on servers older than 21.10. */
  readonly serverFeatures?: boolean
  readonly serverVersion?: string
}

export interface EsdbDouble {
  readonly host: string
  readonly port: number
  readonly log: DoubleLog
  readonly connectionString: string
  /** Goes away as a crashed server would: live subscriptions and open calls are cut. */
  stop(): Promise<void>
}

export const startEsdbDouble = async (options: EsdbDoubleOptions = {}): Promise<EsdbDouble> => {
  const host = options.host ?? '127.0.0.1'
  const log = options.log ?? new DoubleLog()
  const live: LiveCalls = new Map()
  const server = new grpc.Server()
  let port = options.port ?? 0
  const streams: grpc.UntypedServiceImplementation = {
    read: readHandler(log, live),
    append: appendHandler(log),
    batchAppend: batchAppendHandler(log),
    delete: deleteHandler(log, false),
    tombstone: deleteHandler(log, true),
  }
  server.addService(streamsGrpc.StreamsService, streams)
  if (options.serverFeatures ?? true)
    server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods: supportedMethods(options.serverVersion ?? '23.10.0', options.batchAppend ?? true) })
  server.addService(gossipGrpc.GossipService, { read: gossipRead(host, () => port) })
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)))
  )
  return {
    host,
    port,
    log,
    connectionString: `esdb://${host}:${port}?tls=false`,
    stop: async () => {
      for (const unsubscribe of [...live.values()]) unsubscribe()
      server.forceShutdown()
    },
  }
}
