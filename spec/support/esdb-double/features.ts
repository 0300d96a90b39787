// What the client calls before or beside its work (notes §2.2): `ServerFeatures.GetSupportedMethods`, fetched
// lazily on the first append to choose BatchAppend or Append; `Gossip.Read`, only for `esdb+discover://` or
// several hosts (a single `esdb://host:port` dials directly).
import type * as grpc from '@grpc/grpc-js'
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js'
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js'
import sharedPb from '@eventstore/db-client/generated/shared_pb.js'

const STREAMS = 'event_store.client.streams.Streams'

export const supportedMethods = (serverVersion: string, batchAppend: boolean) => (
  _call: grpc.ServerUnaryCall<unknown, featuresPb.SupportedMethods>,
  callback: grpc.sendUnaryData<featuresPb.SupportedMethods>
): void => {
  const methods = ['Read', 'Append', ...(batchAppend ? ['BatchAppend'] : [])].map((m) =>
    new featuresPb.SupportedMethod().setServiceName(STREAMS).setMethodName(m)
  )
  callback(null, new featuresPb.SupportedMethods().setEventStoreServerVersion(serverVersion).setMethodsList(methods))
}

/** One alive leader whose endpoint is the double itself. */
export const gossipRead = (host: string, port: () => number) => (
  _call: grpc.ServerUnaryCall<unknown, gossipPb.ClusterInfo>,
  callback: grpc.sendUnaryData<gossipPb.ClusterInfo>
): void => {
  const member = new gossipPb.MemberInfo()
    .setInstanceId(new sharedPb.UUID().setString('00000000-0000-4000-8000-000000000001'))
    .setTimeStamp(String(Date.now() * 10_000))
    .setState(gossipPb.MemberInfo.VNodeState.LEADER)
    .setIsAlive(true)
    .setHttpEndPoint(new gossipPb.EndPoint().setAddress(host).setPort(port()))
  callback(null, new gossipPb.ClusterInfo().setMembersList([member]))
}
