/// A guest read or write on its way through the model.
///
/// Packed small, since a trace may hold a million of them waiting for
/// bounce space: the buffer's length is the request's, `size` fits 32 bits
/// (at most ``maximumSize``), and the kind, the state and the wait flag
/// share one byte, so an `IORequest?` takes 32 bytes.
public struct IORequest: Hashable, Sendable {
  /// Where the request stands.
  public enum State: Hashable, Sendable {
    /// Waiting in the node's queue for bounce-buffer space.
    case waiting
    /// Handed to libblkio with this buffer.
    case inFlight(IOBuffer)
  }

  /// The guest's buffer.
  public internal(set) var host: UInt64
  /// The buffer handed to libblkio while in flight (its first byte).
  private var bufferAddr: UInt64
  /// The request's name.
  public internal(set) var id: NameID
  /// The blkio node it reached.
  public internal(set) var node: NameID
  /// `size`, which ``maximumSize`` keeps under 2^31.
  private var length: UInt32
  /// ``Flags``.
  private var flags: UInt8

  /// The bits of ``flags``.
  private enum Flags {
    static var write: UInt8 { 1 }
    static var inFlight: UInt8 { 2 }
    static var bounce: UInt8 { 4 }
    static var hasWaited: UInt8 { 8 }
    static var zeroData: UInt8 { 16 }
    static var zeroWrite: UInt8 { 32 }
  }

  /// The largest request QEMU issues, `BDRV_REQUEST_MAX_BYTES`
  /// (`INT_MAX` rounded down to 512 bytes).
  public static var maximumSize: UInt64 { 0x7FFF_FE00 }

  /// Creates a request that has not waited yet; `size` is at most
  /// ``maximumSize``.
  public init(id: NameID, kind: IOKind, node: NameID, host: UInt64, size: UInt64, state: State) {
    precondition(size <= Self.maximumSize, "IORequest: size above BDRV_REQUEST_MAX_BYTES")
    self.host = host
    bufferAddr = 0
    self.id = id
    self.node = node
    length = UInt32(truncatingIfNeeded: size)
    flags =
      switch kind {
      case .read: 0
      case .write: Flags.write
      case .zeroWrite: Flags.write | Flags.zeroData
      }
    self.state = state
  }

  /// Read or write.
  public internal(set) var kind: IOKind {
    get {
      flags & Flags.write == 0 ? .read : flags & Flags.zeroData != 0 ? .zeroWrite : .write
    }
    set {
      set(Flags.write, newValue.isWrite)
      set(Flags.zeroData, newValue == .zeroWrite)
    }
  }

  /// Its length (`bytes`).
  public internal(set) var size: UInt64 {
    get { UInt64(length) }
    set {
      precondition(newValue <= Self.maximumSize, "IORequest: size above BDRV_REQUEST_MAX_BYTES")
      length = UInt32(truncatingIfNeeded: newValue)
    }
  }

  /// Where it stands. The buffer of a request in flight has the request's
  /// length; a zero write's has none (address 0, ``IOBuffer/zeroes``).
  public internal(set) var state: State {
    get {
      guard flags & Flags.inFlight != 0 else { return .waiting }
      return .inFlight(
        IOBuffer(
          addr: bufferAddr, len: UInt64(length), bounce: flags & Flags.bounce != 0,
          zeroes: flags & Flags.zeroWrite != 0))
    }
    set {
      switch newValue {
      case .waiting:
        set(Flags.inFlight, false)
        set(Flags.bounce, false)
        set(Flags.zeroWrite, false)
        bufferAddr = 0
      case .inFlight(let buffer):
        precondition(buffer.len == UInt64(length), "IORequest: a buffer of another length")
        set(Flags.inFlight, true)
        set(Flags.bounce, buffer.bounce)
        set(Flags.zeroWrite, buffer.zeroes)
        bufferAddr = buffer.addr
      }
    }
  }

  /// Whether it is in flight (``state`` is ``State/inFlight(_:)``).
  var isInFlight: Bool { flags & Flags.inFlight != 0 }

  /// Whether it has waited before: later waits join the front of the
  /// queue (`CO_QUEUE_WAIT_FRONT`), the first the back.
  public internal(set) var hasWaited: Bool {
    get { flags & Flags.hasWaited != 0 }
    set { set(Flags.hasWaited, newValue) }
  }

  private mutating func set(_ bit: UInt8, _ on: Bool) {
    flags = on ? flags | bit : flags & ~bit
  }
}
