/// QEMU's RAM-discard manager: two counters and their -EBUSY rules.
///
/// Models `ram_block_discard_disable()` and
/// `ram_block_coordinated_discard_require()` in `system/physmem.c`. Like
/// QEMU, decrementing does not check for going below zero; the counters are
/// signed so that such a fault stays visible instead of trapping.
public struct DiscardManager: Hashable, Sendable {
  /// `ram_block_discard_disabled_cnt`.
  public private(set) var disabledCount: Int64
  /// `ram_block_coordinated_discard_required_cnt`.
  public private(set) var coordinatedRequiredCount: Int64

  /// Both counters at zero, as at QEMU's start.
  public init() {
    disabledCount = 0
    coordinatedRequiredCount = 0
  }
}

// MARK: - Operations

extension DiscardManager {
  /// Models `ram_block_discard_disable(state)`: with `true`, -EBUSY while a
  /// coordinated discard is required, else the disable count goes up; with
  /// `false`, the count goes down unchecked.
  public mutating func disable(_ state: Bool) -> ReturnValue {
    if !state {
      disabledCount &-= 1
      return .success
    }
    if coordinatedRequiredCount != 0 { return .failure(.EBUSY) }
    disabledCount &+= 1
    return .success
  }

  /// Models `ram_block_coordinated_discard_require(state)`: with `true`,
  /// -EBUSY while discard is disabled, else the count goes up; with `false`,
  /// the count goes down unchecked.
  public mutating func coordinatedRequire(_ state: Bool) -> ReturnValue {
    if !state {
      coordinatedRequiredCount &-= 1
      return .success
    }
    if disabledCount != 0 { return .failure(.EBUSY) }
    coordinatedRequiredCount &+= 1
    return .success
  }
}
