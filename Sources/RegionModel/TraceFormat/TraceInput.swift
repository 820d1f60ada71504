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
}

// MARK: - Results

extension TraceInput {
  /// Whether the input ends with a result record (`> ok` or `> error`):
  /// true for `open`, `register` and `discard require` only.
  public var yieldsResult: Bool {
    switch self {
    case .open, .register, .discardRequire: true
    default: false
    }
  }
}
