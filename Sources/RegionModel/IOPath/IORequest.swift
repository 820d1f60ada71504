/// A guest read or write on its way through the model.
public struct IORequest: Hashable, Sendable {
  /// Where the request stands.
  public enum State: Hashable, Sendable {
    /// Waiting in the node's queue for bounce-buffer space.
    case waiting
    /// Handed to libblkio with this buffer.
    case inFlight(IOBuffer)
  }

  /// The request's name.
  public var id: NameID
  /// Read or write.
  public var kind: IOKind
  /// The BlockBackend it came from.
  public var backend: NameID
  /// The blkio node it reached.
  public var node: NameID
  /// The guest's buffer.
  public var host: UInt64
  /// Its length (`bytes`).
  public var size: UInt64
  /// Where it stands.
  public var state: State
  /// Whether it has waited before: later waits join the front of the
  /// queue (`CO_QUEUE_WAIT_FRONT`), the first the back.
  public var hasWaited: Bool

  /// The largest request QEMU issues, `BDRV_REQUEST_MAX_BYTES`
  /// (`INT_MAX` rounded down to 512 bytes).
  public static var maximumSize: UInt64 { 0x7FFF_FE00 }

  /// Creates a request that has not waited yet.
  public init(
    id: NameID, kind: IOKind, backend: NameID, node: NameID, host: UInt64, size: UInt64,
    state: State
  ) {
    self.id = id
    self.kind = kind
    self.backend = backend
    self.node = node
    self.host = host
    self.size = size
    self.state = state
    hasWaited = false
  }
}
