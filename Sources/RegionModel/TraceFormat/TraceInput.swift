/// An input record of a trace: something that happens to the modelled system.
public enum TraceInput: Hashable, Sendable {
  /// `ramblock add NAME host= max= [used=] [fd=] [fd-offset=]`.
  case ramblockAdd(
    name: String, host: UInt64, max: UInt64, used: UInt64?, fd: Int32, fileOffset: UInt64)
  /// `ramblock remove NAME`.
  case ramblockRemove(name: String)
  /// `ramblock resize NAME used=`.
  case ramblockResize(name: String, used: UInt64)
  /// `open NODE driver= [PROPERTY=VALUE ...]`.
  case open(node: String, driver: BlkioDriverName, overrides: [BlkioPropertyOverride])
  /// `close NODE`.
  case close(node: String)
  /// `register NODE host= size=`.
  case register(node: String, host: UInt64, size: UInt64)
  /// `unregister NODE host= size=`.
  case unregister(node: String, host: UInt64, size: UInt64)
  /// `discard require`: a virtio-mem device is realized.
  case discardRequire
  /// `discard release`: a virtio-mem device is unrealized.
  case discardRelease
  /// `node add NODE [format=NAME] [clears-flag=BOOL]`: a format or filter
  /// node without register hook.
  case nodeAdd(node: String, format: FormatNode)
  /// `node remove NODE`.
  case nodeRemove(node: String)
  /// `child add PARENT CHILD`: `CHILD` goes to the head of `PARENT`'s list.
  case childAdd(parent: String, child: String)
  /// `child remove PARENT CHILD`.
  case childRemove(parent: String, child: String)
  /// `backend add BLK [root=NODE]`.
  case backendAdd(backend: String, root: String?)
  /// `backend attach BLK root=NODE`.
  case backendAttach(backend: String, root: String)
  /// `backend detach BLK`.
  case backendDetach(backend: String)
  /// `backend remove BLK`.
  case backendRemove(backend: String)
  /// `registrar attach BLK`: `blk_ram_registrar_init()`.
  case registrarAttach(backend: String)
  /// `registrar destroy BLK`: `blk_ram_registrar_destroy()`.
  case registrarDestroy(backend: String)
  /// `read REQ blk=BLK host=ADDR size=LEN` or `write ...`: a guest request
  /// starts.
  case io(request: String, kind: IOKind, backend: String, host: UInt64, size: UInt64)
  /// `complete REQ [ret=RET]`: libblkio completes the request.
  case complete(request: String, ret: ReturnValue)
}
