/// A BlockBackend: what a device such as virtio-blk uses to reach the block
/// graph, and the device's RAM registrar if it has one.
///
/// Models `BlockBackend`'s root node (`blk_bs()`) and the
/// `BlockRAMRegistrar` virtio-blk embeds.
public struct BlockBackend: Hashable, Sendable {
  /// The root node, or nil when no medium is attached.
  public internal(set) var root: NameID?
  /// The registrar, or nil when none is attached.
  public internal(set) var registrar: RAMRegistrar?
  /// How many of its requests are in flight or waiting (what `blk_drain()`
  /// waits for).
  public internal(set) var requestsInFlight: Int32 = 0

  /// Creates a backend.
  public init(root: NameID?, registrar: RAMRegistrar? = nil) {
    self.root = root
    self.registrar = registrar
  }
}
