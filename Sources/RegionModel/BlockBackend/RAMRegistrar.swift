/// A `BlockRAMRegistrar`: registers every RAMBlock with its backend through
/// a RAM-block notifier.
///
/// Models `block/block-ram-registrar.c`: `ok` starts true and turns false
/// for good when a registration fails; the notifier is in QEMU's notifier
/// list while the registrar is ok.
public struct RAMRegistrar: Hashable, Sendable {
  /// `r->ok`.
  public internal(set) var ok: Bool
  /// The buffers it registered successfully (kept by `fixed` only, which
  /// unregisters just those).
  public internal(set) var registered: Set<RegisteredBuffer>

  /// A registrar as `blk_ram_registrar_init()` sets it up.
  public init(ok: Bool = true) {
    self.ok = ok
    registered = []
  }
}
