/// A failed libblkio call: the negative errno it returned and the text
/// `blkio_get_error_msg()` gives afterwards.
public struct BlkioFailure: Error, Hashable, Sendable {
  /// The errno whose negation the call returned.
  public var errno: Errno
  /// The thread-local error message libblkio sets.
  public var message: String
  /// Whether the device refused the map because its mappings ran out
  /// (VFIO's DMA entry limit): what the `region-limit` hazard watches for.
  public var reachedLimit: Bool

  /// Creates a failure.
  public init(errno: Errno, message: String, reachedLimit: Bool = false) {
    self.errno = errno
    self.message = message
    self.reachedLimit = reachedLimit
  }
}
