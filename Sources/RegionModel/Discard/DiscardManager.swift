/// QEMU's RAM-discard manager: four counters and their -EBUSY rules.
///
/// Models `ram_block_discard_disable()`,
/// `ram_block_uncoordinated_discard_disable()`,
/// `ram_block_discard_require()`, `ram_block_coordinated_discard_require()`,
/// `ram_block_discard_is_disabled()` and `ram_block_discard_is_required()`
/// in `system/physmem.c` (`softmmu/physmem.c` until 8.1; unchanged since
/// 7.2). The counters are `unsigned int` as in QEMU, and decrementing does
/// not check for zero: an extra release wraps the counter to `UINT_MAX`,
/// and discard then stays disabled (or required) for the rest of the
/// process. ``underflows`` counts such wraps so that the hazard can be
/// reported.
public struct DiscardManager: Hashable, Sendable {
  /// `ram_block_discard_disabled_cnt`: holders that break any discard
  /// (blkio, vhost-vdpa).
  public private(set) var disabledCount: UInt32
  /// `ram_block_uncoordinated_discard_disabled_cnt`: holders that break
  /// only discards nobody coordinates (VFIO's type1 container).
  public private(set) var uncoordinatedDisabledCount: UInt32
  /// `ram_block_discard_required_cnt`: holders that need any discard to
  /// work.
  public private(set) var requiredCount: UInt32
  /// `ram_block_coordinated_discard_required_cnt`: holders that need
  /// coordinated discards to work (virtio-mem).
  public private(set) var coordinatedRequiredCount: UInt32
  /// How many decrements found a counter at zero and wrapped it.
  public private(set) var underflows: Int

  /// Every counter at zero, as at QEMU's start.
  public init() {
    disabledCount = 0
    uncoordinatedDisabledCount = 0
    requiredCount = 0
    coordinatedRequiredCount = 0
    underflows = 0
  }

  /// `ram_block_discard_is_disabled()`: what virtio-balloon asks before it
  /// discards a page.
  public var isDisabled: Bool { disabledCount != 0 || uncoordinatedDisabledCount != 0 }

  /// `ram_block_discard_is_required()`.
  public var isRequired: Bool { requiredCount != 0 || coordinatedRequiredCount != 0 }
}

// MARK: - Operations

extension DiscardManager {
  /// Models `ram_block_discard_disable(state)`: with `true`, -EBUSY while
  /// any discard is required, coordinated or not; else the count goes up.
  /// With `false`, the count goes down, unchecked.
  public mutating func disable(_ state: Bool) -> ReturnValue {
    guard state else { return Self.decrement(&disabledCount, &underflows) }
    if requiredCount != 0 || coordinatedRequiredCount != 0 { return .failure(.EBUSY) }
    disabledCount &+= 1
    return .success
  }

  /// Models `ram_block_uncoordinated_discard_disable(state)`: with `true`,
  /// -EBUSY while an uncoordinated discard is required; a coordinated
  /// requirement (virtio-mem) does not stand in the way.
  public mutating func uncoordinatedDisable(_ state: Bool) -> ReturnValue {
    guard state else { return Self.decrement(&uncoordinatedDisabledCount, &underflows) }
    if requiredCount != 0 { return .failure(.EBUSY) }
    uncoordinatedDisabledCount &+= 1
    return .success
  }

  /// Models `ram_block_discard_require(state)`: with `true`, -EBUSY while
  /// discard is disabled in either way.
  public mutating func require(_ state: Bool) -> ReturnValue {
    guard state else { return Self.decrement(&requiredCount, &underflows) }
    if disabledCount != 0 || uncoordinatedDisabledCount != 0 { return .failure(.EBUSY) }
    requiredCount &+= 1
    return .success
  }

  /// Models `ram_block_coordinated_discard_require(state)`: with `true`,
  /// -EBUSY while discard is disabled outright; an uncoordinated disable
  /// (VFIO) does not stand in the way.
  public mutating func coordinatedRequire(_ state: Bool) -> ReturnValue {
    guard state else { return Self.decrement(&coordinatedRequiredCount, &underflows) }
    if disabledCount != 0 { return .failure(.EBUSY) }
    coordinatedRequiredCount &+= 1
    return .success
  }

  private static func decrement(_ count: inout UInt32, _ underflows: inout Int) -> ReturnValue {
    if count == 0 { underflows += 1 }
    count &-= 1
    return .success
  }
}
